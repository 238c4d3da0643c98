import { classSignature } from '../gate/class-signature.ts';
import type { FeatureReport, ReplayReport } from '../replay/replay-report.ts';
import type { HistoryEntry, HistoryFeature } from './history-entry.ts';

/** What a history entry takes from the run besides its report; a run's `RunInfo` has both. @public */
export interface HistoryRun {
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  readonly gitCommit?: string;
}

const DISTANCES = ['psi', 'jsDistance', 'lInf', 'ks'] as const;

/** A feature's mismatch rate and, when its report has a distribution, the distances (finite ones only: JSON has no Infinity). */
function historyFeature(f: FeatureReport): HistoryFeature {
  const distances: Partial<Record<(typeof DISTANCES)[number], number>> = {};
  for (const metric of DISTANCES) {
    const value = f.distribution?.[metric];
    if (typeof value === 'number' && Number.isFinite(value)) distances[metric] = value;
  }
  return { feature: f.feature, compared: f.compared, diverged: f.diverged, mismatchRate: f.mismatchRate, ...distances };
}

/**
 * A contract's replay as one line of the history file: its counts, each feature's mismatch rate and distances, and its
 * divergence classes by signature (`classSignature`), so that the next run can tell which classes are new.
 * @param report - the contract's replay report (of a whole run or of merged shards, never of one shard)
 * @param run - when the run started and at which git commit
 * @remarks Since 0.1
 * @public
 */
export function historyEntry(report: ReplayReport, run: HistoryRun): HistoryEntry {
  const contract = report.contract.name;
  return {
    historyVersion: 1,
    runAt: run.startedAt,
    ...(run.gitCommit === undefined ? {} : { gitCommit: run.gitCommit }),
    contract: { name: contract, version: report.contract.version },
    status: report.status,
    ...(report.sample === undefined || report.sample >= 1 ? {} : { sample: report.sample }),
    counts: { read: report.counts.read, compared: report.counts.compared, diverged: report.counts.diverged },
    features: report.features.map(historyFeature),
    classes: report.classes.map((c) => ({
      signature: classSignature({ contract, feature: c.feature, kind: c.kind, cause: c.cause }),
      feature: c.feature,
      kind: c.kind,
      cause: c.cause,
      count: c.count,
    })),
  };
}
