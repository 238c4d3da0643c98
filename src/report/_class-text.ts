import { nondeterministicMark } from '../calibration/aa-text.ts';
import { sliceText } from './_slice-text.ts';
import { formatCount, formatTime, formatValue } from './format-value.ts';
import type { ClassView, LogPlace, SuiteView } from './gate-view-types.ts';

/** `logs/sample.jsonl:42` (or the log alone). */
export function placeText(at: LogPlace): string {
  return at.line === undefined ? at.log : `${at.log}:${at.line}`;
}

/** `12 records` / `1 record`. */
export function recordsText(n: number): string {
  return `${formatCount(n)} record${n === 1 ? '' : 's'}`;
}

/** `amount_rounded · value · serving higher`. */
export function classLabel(c: ClassView): string {
  return `${c.feature} · ${c.kind} · ${c.cause}`;
}

/** How the gate treated a class, in words. */
export function decisionText(c: ClassView): string {
  if (c.decision === 'accepted') {
    return `accepted${c.reason === undefined ? '' : `: ${c.reason}`}${c.link === undefined ? '' : ` (${c.link})`}`;
  }
  return c.decision === 'over_budget' ? 'accepted, but over its budget' : 'new: not accepted';
}

/** Where a class's feature is declared: its line in the contract file, or the contract's own line. */
export function featureSite(suite: SuiteView, feature: string): { file: string; line?: number } {
  const site = suite.contract.definedAt;
  const line = suite.contract.featureLines[feature] ?? site.line;
  return line === undefined ? { file: site.file } : { file: site.file, line };
}

/** One side's value as reports show it: old → new for golden (or `unchanged`), else the value. */
export function sideValue(c: ClassView, side: 'training' | 'serving', max = 400): string {
  if (c.golden !== undefined) {
    const change = c.golden[side];
    return change === undefined ? 'unchanged' : `${formatValue(change.old, max)} → ${formatValue(change.new, max)}`;
  }
  return formatValue(c.first?.[side], max);
}

/**
 * A class's evidence, one fact a line: the first record (where, entity, time), both values, the input, the minimal
 * input, the replay command (fuzz), hints, the input predicates its records share (replay) and the signature.
 */
export function classEvidence(c: ClassView, max = 400): string[] {
  const f = c.first;
  const lines: string[] = c.nondeterministic?.length ? [nondeterministicMark(c.nondeterministic)] : [];
  if (f !== undefined) {
    const where = [
      f.at === undefined ? undefined : placeText(f.at),
      f.recordId === undefined ? undefined : `id ${f.recordId}`,
      f.entity === undefined ? undefined : `entity ${f.entity}`,
      f.timestamp === undefined ? undefined : formatTime(f.timestamp),
    ].filter((x) => x !== undefined);
    if (where.length > 0) lines.push(`first record: ${where.join(', ')}`);
    lines.push(`training: ${sideValue(c, 'training', max)}`, `serving: ${sideValue(c, 'serving', max)}`);
    if (f.detail !== '') lines.push(`detail: ${f.detail}`);
    if (f.input !== undefined) lines.push(`input: ${formatValue(f.input, max)}`);
  }
  if (c.minimal !== undefined) {
    const matter = c.minimal.fieldsThatMatter;
    lines.push(
      `minimal input: ${formatValue(c.minimal.input, max)}${matter.length > 0 ? ` (matters: ${matter.join(', ')})` : ''}`,
    );
  }
  if (c.replay !== undefined) lines.push(`replay: ${c.replay}`);
  for (const hint of c.hints) lines.push(`hint: ${hint}`);
  for (const slice of c.slices ?? []) lines.push(`shared by: ${sliceText(slice)}`);
  if (c.signature !== undefined) lines.push(`signature: ${c.signature}`);
  return lines;
}
