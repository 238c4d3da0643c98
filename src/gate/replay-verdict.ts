import type { FeatureSpec } from '../contract/feature-spec.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { AcceptedFile } from './accepted-file.ts';
import { buildVerdict } from './build-verdict.ts';
import { coverageReasons } from './coverage-reasons.ts';
import { decideClasses } from './decide-classes.ts';
import { distributionReasons } from './distribution-reasons.ts';
import { type InvalidBudget, NO_INVALID } from './invalid-budget.ts';
import { mismatchRateReasons } from './mismatch-rate.ts';
import { nondeterministicReasons } from './nondeterministic-reasons.ts';
import type { ClassDecision, GateReason, Verdict } from './verdict.ts';

/** What the replay gate weighs besides the reports. @public */
export interface ReplayGateOptions {
  /** Invalid lines allowed per contract (`--max-invalid`); default none. */
  readonly maxInvalid?: InvalidBudget;
  /** Each contract's accepted file, by contract name. */
  readonly accepted?: ReadonlyMap<string, AcceptedFile>;
  /** The contracts replayed, for their features' `maxMismatchRate`. */
  readonly contracts?: readonly {
    readonly name: string;
    readonly features: Readonly<Record<string, Pick<FeatureSpec, 'maxMismatchRate'>>>;
  }[];
}

/**
 * The verdict of a replay: every contract's coverage (nothing read, nothing compared, invalid lines, unread logs,
 * unreachable sides), every divergence class against the contract's accepted file, and every feature against its
 * `maxMismatchRate` and its `distribution` thresholds.
 * @param reports - one report per contract replayed
 * @param options - budgets, accepted files and contracts
 * @remarks Since 0.1
 * @public
 */
export function replayVerdict(reports: readonly ReplayReport[], options: ReplayGateOptions = {}): Verdict {
  const budget = options.maxInvalid ?? NO_INVALID;
  const reasons: GateReason[] = [];
  const classes: ClassDecision[] = [];
  for (const report of reports) {
    const name = report.contract.name;
    const decided = decideClasses(report, options.accepted?.get(name));
    const features = options.contracts?.find((c) => c.name === name)?.features ?? {};
    reasons.push(
      ...coverageReasons(report, budget),
      ...nondeterministicReasons(report),
      ...decided.reasons,
      ...mismatchRateReasons(report, features),
      ...distributionReasons(report),
    );
    classes.push(...decided.classes);
  }
  const failed = reasons.length > 0;
  return buildVerdict({ reasons, stages: { replay: failed ? 'failed' : 'passed' }, classes });
}
