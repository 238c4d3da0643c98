import type { Colors } from 'picocolors/types.js';
import type { AaCalibration } from '../calibration/aa-result.ts';
import { aaSideLines, nondeterministicLine, nondeterministicMark } from '../calibration/aa-text.ts';
import type { DivergenceClass, ReplayReport } from '../replay/replay-report.ts';

/**
 * The terminal's "A/A calibration" block (`--aa`), shown before the classes: what each side's self-run did, then each
 * feature that differed from itself, with its counts and first lines; nothing when the run was not calibrated.
 */
export function aaBlock(report: ReplayReport, label: (line: number) => string, c: Colors): string[] {
  const aa = report.aa;
  if (aa === undefined) return [];
  const found = aa.features.length;
  const head =
    found === 0
      ? 'no feature differed from itself: findings are not side noise'
      : `${found} nondeterministic feature${found === 1 ? '' : 's'}: their findings are not trusted as skew`;
  return [
    '',
    c.bold(' A/A calibration (each side against itself, twice, fresh state)'),
    ...aaSideLines(aa).map((line) => `  ${c.dim(line)}`),
    `  ${found === 0 ? c.green('✓') : c.yellow('!')} ${head}`,
    ...aa.features.map(
      (f) => `  ${c.yellow('~')} ${nondeterministicLine(f, report.sources.length > 1 ? label : undefined)}`,
    ),
  ];
}

/** The mark a class on a nondeterministic feature carries, one line; none otherwise. */
export function aaClassLines(cls: DivergenceClass, c: Colors): string[] {
  const sides = cls.nondeterministic;
  return sides === undefined || sides.length === 0 ? [] : [`     ${c.yellow(nondeterministicMark(sides))}`];
}

/** The A/A calibration of a CI suite as plain lines (Markdown, JUnit): each side's self-run, then each finding. */
export function aaTextLines(aa: AaCalibration): string[] {
  return [
    ...aaSideLines(aa),
    ...(aa.features.length === 0
      ? ['no feature differed from itself: findings are not side noise']
      : aa.features.map((f) => `nondeterministic: ${nondeterministicLine(f)}`)),
  ];
}
