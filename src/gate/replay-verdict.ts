import type { ReplayReport } from '../replay/replay-report.ts';
import { buildVerdict } from './build-verdict.ts';
import { classSignature } from './class-signature.ts';
import { coverageReasons } from './coverage-reasons.ts';
import { type InvalidBudget, NO_INVALID } from './invalid-budget.ts';
import type { ClassDecision, GateReason, Verdict } from './verdict.ts';

/** What the replay gate weighs besides the reports. @public */
export interface ReplayGateOptions {
  /** Invalid lines allowed per contract (`--max-invalid`); default none. */
  readonly maxInvalid?: InvalidBudget;
}

function decideClasses(report: ReplayReport): { classes: ClassDecision[]; reasons: GateReason[] } {
  const contract = report.contract.name;
  const classes: ClassDecision[] = report.classes.map((c) => ({
    contract,
    feature: c.feature,
    kind: c.kind,
    cause: c.cause,
    signature: classSignature({ contract, feature: c.feature, kind: c.kind, cause: c.cause }),
    records: c.count,
    decision: 'new',
  }));
  const reasons: GateReason[] = classes.map((c) => ({
    code: 'divergence',
    stage: 'replay',
    contract,
    feature: c.feature,
    signature: c.signature,
    message: `${contract}: ${c.feature} · ${c.kind} · ${c.cause} — ${c.records.toLocaleString('en-US')} record${c.records === 1 ? '' : 's'}, not accepted`,
  }));
  return { classes, reasons };
}

/**
 * The verdict of a replay: every contract's coverage (nothing read, nothing compared, invalid lines, unread logs,
 * unreachable sides) and every divergence class.
 * @param reports - one report per contract replayed
 * @param options - budgets
 * @remarks Since 0.1
 * @public
 */
export function replayVerdict(reports: readonly ReplayReport[], options: ReplayGateOptions = {}): Verdict {
  const budget = options.maxInvalid ?? NO_INVALID;
  const reasons: GateReason[] = [];
  const classes: ClassDecision[] = [];
  for (const report of reports) {
    const decided = decideClasses(report);
    reasons.push(...coverageReasons(report, budget), ...decided.reasons);
    classes.push(...decided.classes);
  }
  const failed = reasons.length > 0;
  return buildVerdict({ reasons, stages: { replay: failed ? 'failed' : 'passed' }, classes });
}
