import type { DistanceBreach } from '../distribution/feature-distribution.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { GateReason } from './verdict.ts';

/** How a distance is named in a reason. @internal */
export const DISTANCE_NAMES: Readonly<Record<DistanceBreach['metric'], string>> = {
  psi: 'PSI',
  jsDistance: 'Jensen–Shannon distance',
  lInf: 'L∞ distance',
  ks: 'KS statistic',
};

/**
 * Features whose serving distribution drifted from training's past a `distribution` threshold of the contract (the
 * breaches the report lists): each fails the run, like a feature over its `maxMismatchRate`.
 * @param report - one contract's replay report
 * @remarks Since 0.1
 * @public
 */
export function distributionReasons(report: ReplayReport): GateReason[] {
  const contract = report.contract.name;
  return report.features.flatMap((f) =>
    (f.distribution?.breaches ?? []).map(
      (b): GateReason => ({
        code: 'distribution_skew',
        stage: 'replay',
        contract,
        feature: f.feature,
        message:
          `${contract}: ${f.feature}'s serving distribution drifted from training: ${DISTANCE_NAMES[b.metric]} ` +
          `${b.value.toFixed(3)}, over its threshold ${b.threshold} in the contract (distribution.${b.metric}); ` +
          'find what shifted in the feature report, or raise the threshold if the shift is expected',
      }),
    ),
  );
}
