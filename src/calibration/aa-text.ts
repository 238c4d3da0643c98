import type { SideName } from '../compare/divergence.ts';
import type { AaCalibration, NondeterministicFeature } from './aa-result.ts';

/**
 * The mark every report puts on a feature or class that A/A calibration found nondeterministic, in one phrase.
 * @param sides - the sides on which the feature differed from itself
 * @remarks Since 0.1
 * @public
 */
export function nondeterministicMark(sides: readonly SideName[]): string {
  return `nondeterministic feature: not trusted as skew (A/A: ${sides.join(' and ')} differs from itself run to run)`;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `noise on training: 41 of 50 records differ (lines 1, 2, 5, …)`: one nondeterministic feature, as reports show it. @public */
export function nondeterministicLine(f: NondeterministicFeature, label?: (line: number) => string): string {
  const more = f.diverged > f.lines.length ? ', …' : '';
  const shown = label === undefined ? `lines ${f.lines.join(', ')}` : f.lines.map(label).join(', ');
  const lines = f.lines.length === 0 ? '' : ` (first at ${shown}${more})`;
  return `${f.feature} on ${f.side}: ${count(f.diverged)} of ${count(f.compared)} records differ when run twice${lines}`;
}

/** What each side's self-run did, one phrase per side: `training: 50 records run twice`, `serving: skipped (…)`. @public */
export function aaSideLines(aa: AaCalibration): string[] {
  return (aa.sides ?? []).map((s) =>
    s.skipped === undefined
      ? `${s.side}: ${count(s.compared)} records run twice, each run with fresh state`
      : `${s.side}: not run against itself: ${s.skipped}`,
  );
}
