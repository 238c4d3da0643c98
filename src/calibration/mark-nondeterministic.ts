import type { SideName } from '../compare/divergence.ts';
import type { DivergenceClass, FeatureReport, ReplayReport } from '../replay/replay-report.ts';
import type { AaCalibration } from './aa-result.ts';

const SIDE_ORDER: Readonly<Record<SideName, number>> = { training: 0, serving: 1 };

/** The report fields an A/A calibration sets: itself, and the features and classes it marks. @public */
export interface AaFields {
  readonly aa: AaCalibration;
  readonly features: readonly FeatureReport[];
  readonly classes: readonly DivergenceClass[];
}

/**
 * The calibration (its features in side, then contract order) with every feature and divergence class it found
 * nondeterministic marked with the sides it was found on; nothing when there is no calibration.
 * @remarks Since 0.1
 * @public
 */
export function aaFields(
  aa: AaCalibration | undefined,
  features: readonly FeatureReport[],
  classes: readonly DivergenceClass[],
): Partial<AaFields> {
  if (aa === undefined) return {};
  const order = new Map(features.map((f, i) => [f.feature, i]));
  const found = [...aa.features].sort(
    (a, b) => SIDE_ORDER[a.side] - SIDE_ORDER[b.side] || (order.get(a.feature) ?? 0) - (order.get(b.feature) ?? 0),
  );
  const mark = <T extends { readonly feature: string }>(item: T): T => {
    const sides = (['training', 'serving'] as const).filter((side) =>
      found.some((f) => f.feature === item.feature && f.side === side),
    );
    return sides.length === 0 ? item : { ...item, nondeterministic: sides };
  };
  return { aa: { ...aa, features: found }, features: features.map(mark), classes: classes.map(mark) };
}

/**
 * A replay report with its A/A calibration: the calibration itself, and every feature and divergence class the
 * calibration found nondeterministic marked with the sides it was found on, so that no report shows a finding on such
 * a feature as trusted skew.
 * @param report - the training-vs-serving replay
 * @param aa - the calibration of the same records
 * @remarks Since 0.1
 * @public
 */
export function markNondeterministic(report: ReplayReport, aa: AaCalibration): ReplayReport {
  return { ...report, ...aaFields(aa, report.features, report.classes) };
}
