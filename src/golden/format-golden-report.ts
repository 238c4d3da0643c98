import { encodeCorpusValue } from '../snapshot/_corpus-json.ts';
import type { GoldenChange, GoldenResult } from './golden-result.ts';

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(encodeCorpusValue(value)));

/** A case, and the event of a history: `x`, `x event 3`. */
const at = (c: { readonly case: string; readonly event?: number }): string =>
  c.event === undefined ? c.case : `${c.case} event ${c.event}`;

function changeLines(c: GoldenChange, updated: boolean): string[] {
  const head = c.sameWay
    ? `  ‼ ${at(c)} · ${c.feature}: BOTH SIDES CHANGED THE SAME WAY (training and serving; parity cannot see this)`
    : `  ✖ ${at(c)} · ${c.feature}: ${c.feature === '(input)' ? 'the input changed' : c.side === 'both' ? 'training and serving changed' : `${c.side} changed`}`;
  const lines = [`${head}${updated ? ' (updated)' : ''}`];
  if (c.training !== undefined) lines.push(`      training: ${show(c.training.old)} → ${show(c.training.new)}`);
  if (c.serving !== undefined) lines.push(`      serving:  ${show(c.serving.old)} → ${show(c.serving.new)}`);
  return lines;
}

/**
 * The terminal report of one contract's golden check: counts, then per case and feature old → new and which side(s)
 * changed (the event of a history: `x event 3`; the class "both sides changed the same way" first and marked ‼),
 * missing cases, side errors, corpus counterexamples skipped (sides still disagree), obsolete entries and what was
 * written.
 * @param result - the check of one contract
 * @remarks Since 0.1
 * @public
 */
export function formatGoldenReport(result: GoldenResult): string {
  const { counts } = result;
  const skipped = result.skipped?.length ?? 0;
  const lines = [
    `golden ${result.contract.name}@${result.contract.version} (${result.file}, update mode ${result.mode})`,
    `  ${counts.matched} matched · ${counts.unmatched} changed · ${counts.added} added · ${counts.updated} updated · ${counts.obsolete} obsolete${skipped > 0 ? ` · ${skipped} skipped (sides still disagree)` : ''}`,
  ];
  const ordered = [...result.changes.filter((c) => c.sameWay), ...result.changes.filter((c) => !c.sameWay)];
  for (const c of ordered)
    lines.push(...changeLines(c, result.mode === 'all' && !(result.versionRule?.cases.includes(c.case) ?? false)));
  for (const name of result.missing) lines.push(`  ✖ ${name}: not recorded (nothing is written in update mode none)`);
  if (!result.existed && result.mode === 'none') lines.push(`  ✖ no golden file at ${result.file}`);
  if (result.versionRule !== undefined) {
    const where = result.definedAt === undefined ? '' : ` at ${result.definedAt}`;
    lines.push(
      `  ✖ not rewritten (version rule): ${result.versionRule.cases.length} case(s) changed under contract version "${result.versionRule.current}", the version the file was recorded with`,
      `    bump the contract's version${where} and run lockstep golden -u again, or add --accept-without-bump to rewrite under "${result.versionRule.current}" (recorded in the file)`,
    );
  }
  for (const e of result.errors) lines.push(`  ✖ ${at(e)}: the ${e.side} side failed: ${e.message}`);
  for (const k of result.skipped ?? []) lines.push(`  ○ skipped: ${k.case}: ${k.reason}`);
  for (const o of result.obsolete) {
    lines.push(`  ○ obsolete: ${o.case}${o.feature === undefined ? '' : ` · ${o.feature}`}: ${o.reason}`);
  }
  if (result.obsolete.length > 0 && result.pruned === 0) lines.push('    (run lockstep golden --prune to remove them)');
  if (result.written)
    lines.push(`  wrote ${result.file}${result.pruned > 0 ? ` (${result.pruned} obsolete removed)` : ''}`);
  return `${lines.join('\n')}\n`;
}
