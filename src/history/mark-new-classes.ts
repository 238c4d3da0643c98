import { classSignature } from '../gate/class-signature.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { HistoryEntry } from './history-entry.ts';

/**
 * The report with `isNew: true` on each class whose signature the previous run of its contract did not have. With no
 * previous run, nothing is new: the report is returned as it is (the reports say it is the first run recorded).
 * @param report - this run's report of a contract
 * @param previous - the history file's last entry of the same contract, if any
 * @remarks Since 0.1
 * @public
 */
export function markNewClasses(report: ReplayReport, previous: HistoryEntry | undefined): ReplayReport {
  if (previous === undefined || report.classes.length === 0) return report;
  const seen = new Set(previous.classes.map((c) => c.signature));
  const contract = report.contract.name;
  return {
    ...report,
    classes: report.classes.map((c) =>
      seen.has(classSignature({ contract, feature: c.feature, kind: c.kind, cause: c.cause }))
        ? c
        : { ...c, isNew: true },
    ),
  };
}
