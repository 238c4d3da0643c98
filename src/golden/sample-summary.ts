import type { GoldenSample } from './sample-from-log.ts';

/** What {@link formatGoldenSample} says besides the sample itself. @public */
export interface GoldenSampleContext {
  readonly contract: string;
  /** The log, as the user named it. */
  readonly log: string;
  /** The cap the sample was picked under. */
  readonly cap: number;
  /** Names of picked cases the golden file already holds: checked, not added. */
  readonly stored: ReadonlySet<string>;
  /** Redacted fields (`redact`) the picked cases hold, whose real values the golden file keeps. */
  readonly redacted?: readonly string[];
}

/**
 * The sample `lockstep golden --from-log` picked, for the terminal: each case with `+` (to be added) or `=` (already
 * stored), why it was picked (its strata) and the log lines it comes from; then what the cap left out.
 * @remarks Since 0.1
 * @public
 */
export function formatGoldenSample(sample: GoldenSample, context: GoldenSampleContext): string {
  const from =
    sample.servedRecords === sample.records
      ? 'the features the log served'
      : sample.servedRecords === 0
        ? 'the features the serving side computed (the log has no served features)'
        : `the features the log served (the serving side's for ${sample.records - sample.servedRecords} records without)`;
  const out = [
    `golden --from-log ${context.log}: ${sample.cases.length} case${sample.cases.length === 1 ? '' : 's'} for ${context.contract} ` +
      `from ${sample.records} records (${sample.counts.invalid} invalid lines skipped, ${sample.classes} divergence ` +
      `class${sample.classes === 1 ? '' : 'es'}), stratified on ${from}; at most ${context.cap} (--cases)`,
  ];
  for (const c of sample.cases) {
    const mark = context.stored.has(c.spec.name) ? '=' : '+';
    const where =
      c.lines.length === 1
        ? `line ${c.lines[0]}`
        : c.lines.length <= 4
          ? `lines ${c.lines.join(', ')}`
          : `lines ${c.lines.slice(0, 3).join(', ')}, … ${c.lines.at(-1)}`;
    out.push(`  ${mark} ${c.spec.name}  (${where})`);
    for (const why of c.strata) out.push(`      ${why}`);
  }
  if (sample.leftOut.length > 0) {
    out.push(
      `  ${sample.leftOut.length} strat${sample.leftOut.length === 1 ? 'um' : 'a'} left out by --cases ${context.cap}: ` +
        sample.leftOut.join(', '),
    );
  }
  out.push('  (+ new: recorded now; = already in the golden file: checked)');
  const redacted = context.redacted ?? [];
  if (redacted.length > 0) {
    out.push(
      `  ! the cases copy the real values of redacted field${redacted.length === 1 ? '' : 's'} ${redacted.join(', ')} ` +
        'into the golden file: redact hides them in reports only, golden files keep real values; review the file before committing it',
    );
  }
  return `${out.join('\n')}\n`;
}
