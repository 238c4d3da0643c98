import { nondeterministicLine, nondeterministicMark } from '../calibration/aa-text.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { GateReason } from './verdict.ts';

/**
 * The gate's reasons from a replay's A/A calibration (`--aa`): one per feature and side that differed from itself
 * when the side ran twice on the same records. Such a feature cannot be checked, whichever way its comparison came
 * out, so it fails the run on its own (its divergence classes, if any, still fail as well, each marked as not trusted
 * as skew); the fix is to make it deterministic or give it a tolerance that covers the noise.
 * @param report - one contract's replay, marked by `markNondeterministic`
 * @remarks Since 0.1
 * @public
 */
export function nondeterministicReasons(report: ReplayReport): GateReason[] {
  const contract = report.contract.name;
  return (report.aa?.features ?? []).map((f) => ({
    code: 'nondeterministic',
    stage: 'replay',
    contract,
    feature: f.feature,
    message: `${contract}: ${nondeterministicLine(f)}: its findings are not trusted as skew; make it deterministic (seed its randomness, pass the time in the input) or give it a tolerance that covers the noise`,
  }));
}

/** What a class's reason adds when its feature is nondeterministic: ` [nondeterministic feature: …]`, else nothing. @internal */
export function nondeterministicNote(c: { readonly nondeterministic?: readonly ('training' | 'serving')[] }): string {
  return c.nondeterministic === undefined || c.nondeterministic.length === 0
    ? ''
    : ` [${nondeterministicMark(c.nondeterministic)}]`;
}
