import { join } from 'node:path';
import { SkewError } from '../errors.ts';
import { outputDirectory, outputFile } from '../io/output-file.ts';
import type { Reporter, ReporterOutput } from '../report/reporter.ts';
import { REPORT_FILES, type ReporterName, ReportersMap } from '../report/reporters-map.ts';

/** Reporters that write a file in --output-dir, and stdout without one. */
const FILE_REPORTERS: ReadonlySet<string> = new Set(Object.keys(REPORT_FILES));

/**
 * The reporters named by `--reporter` (repeatable), writing to the terminal, to files in `outputDir`, and (Markdown)
 * appending to the GitHub step summary file when `stepSummary` names one (`$GITHUB_STEP_SUMMARY`).
 * @throws SkewError `SKEW_USAGE` for an unknown name, or a file reporter that would share stdout with another
 */
export function buildReporters(
  names: readonly string[],
  outputDir: string | undefined,
  stepSummary: string | undefined,
): Reporter[] {
  for (const name of names) {
    if (!Object.hasOwn(ReportersMap, name)) {
      throw new SkewError(
        'SKEW_USAGE',
        `--reporter: unknown reporter "${name}" (available: ${Object.keys(ReportersMap).join(', ')})`,
      );
    }
  }
  const toStdout = names.filter((n) => FILE_REPORTERS.has(n));
  if (outputDir === undefined && toStdout.length > 0 && names.length > 1) {
    throw new SkewError(
      'SKEW_USAGE',
      `--reporter ${toStdout[0]} and another reporter would both write to stdout; add --output-dir <dir> for its file (${REPORT_FILES[toStdout[0] as keyof typeof REPORT_FILES]})`,
    );
  }
  if (outputDir !== undefined) outputDirectory(outputDir, '--output-dir');
  const targets = {
    stdout: process.stdout,
    progress: process.stderr,
    ...(outputDir === undefined
      ? {}
      : { file: (name: string): ReporterOutput => outputFile(join(outputDir, name), '--output-dir') }),
    ...(stepSummary === undefined || stepSummary === ''
      ? {}
      : { stepSummary: outputFile(stepSummary, 'GITHUB_STEP_SUMMARY', { append: true }) }),
  };
  return names.map((name) => ReportersMap[name as ReporterName](targets));
}
