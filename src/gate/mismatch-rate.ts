import type { FeatureSpec } from '../contract/feature-spec.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { GateReason } from './verdict.ts';

/**
 * Features over their contract's `maxMismatchRate` (records that diverged on the feature, accepted classes included,
 * over records compared). A cap only: it never lets a class pass that is not accepted.
 * @param report - one contract's replay report
 * @param features - that contract's feature specs
 * @remarks Since 0.1
 * @public
 */
export function mismatchRateReasons(
  report: ReplayReport,
  features: Readonly<Record<string, Pick<FeatureSpec, 'maxMismatchRate'>>>,
): GateReason[] {
  const contract = report.contract.name;
  const reasons: GateReason[] = [];
  for (const f of report.features) {
    const cap = features[f.feature]?.maxMismatchRate;
    if (cap === undefined || f.compared === 0 || f.mismatchRate <= cap) continue;
    reasons.push({
      code: 'mismatch_rate',
      stage: 'replay',
      contract,
      feature: f.feature,
      message:
        `${contract}: ${f.feature} diverged on ${(f.mismatchRate * 100).toFixed(2)}% of compared records ` +
        `(${f.diverged.toLocaleString('en-US')} of ${f.compared.toLocaleString('en-US')}), over its maxMismatchRate ` +
        `${(cap * 100).toFixed(2)}% in the contract`,
    });
  }
  return reasons;
}
