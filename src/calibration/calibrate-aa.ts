import type { SideName } from '../compare/divergence.ts';
import type { DivergenceClass, ReplayReport } from '../replay/replay-report.ts';
import type { AaCalibration, AaSideRun, NondeterministicFeature } from './aa-result.ts';

/**
 * One side's A/A run: the report of a replay whose two sides were two fresh instances of that side (training against
 * training, or serving against serving), or why the side was not run against itself.
 * @public
 */
export type AaSelfRun =
  | { readonly side: SideName; readonly report: ReplayReport }
  | { readonly side: SideName; readonly skipped: string };

/** How many disagreeing records an A/A calibration names per feature and side (the rest are counted). @public */
export const AA_LINES_KEPT = 5;

/**
 * Whether a class of a self-comparison is the side disagreeing with itself. Not so for a side error (a record, not a
 * feature), nor for a class whose fault lies on both runs alike (both broke the contract, both lack the feature): the
 * same code did the same thing twice.
 */
function disagrees(c: DivergenceClass): boolean {
  return c.kind !== 'error' && c.examples[0]?.side !== 'both';
}

/** The first `AA_LINES_KEPT` distinct lines, ascending. */
export function firstAaLines(lines: Iterable<number>): number[] {
  return [...new Set(lines)].sort((a, b) => a - b).slice(0, AA_LINES_KEPT);
}

function featuresOf(side: SideName, report: ReplayReport): NondeterministicFeature[] {
  const out: NondeterministicFeature[] = [];
  for (const f of report.features) {
    const classes = report.classes.filter((c) => c.feature === f.feature && disagrees(c));
    const diverged = classes.reduce((total, c) => total + c.count, 0);
    if (diverged === 0) continue;
    const lines = [
      ...classes.flatMap((c) => c.examples.map((e) => e.line)),
      ...f.examples.filter((e) => e.kind !== 'error' && e.side !== 'both').map((e) => e.line),
    ];
    out.push({ feature: f.feature, side, compared: f.compared, diverged, lines: firstAaLines(lines) });
  }
  return out;
}

/**
 * Turns each side's self-comparison into an A/A calibration: every feature on which a side disagreed with itself
 * beyond the contract's tolerance (the self-comparison used them), with how many records it compared, how many
 * disagreed and the first of them. A side that was not run is listed with why.
 * @param runs - at most one per side
 * @remarks Since 0.1
 * @public
 */
export function calibrateAa(runs: readonly AaSelfRun[]): AaCalibration {
  const sides: AaSideRun[] = runs.map((r) =>
    'report' in r
      ? { side: r.side, compared: r.report.counts.compared }
      : { side: r.side, compared: 0, skipped: r.skipped },
  );
  return {
    compared: Math.max(0, ...sides.map((s) => s.compared)),
    features: runs.flatMap((r) => ('report' in r ? featuresOf(r.side, r.report) : [])),
    sides,
  };
}
