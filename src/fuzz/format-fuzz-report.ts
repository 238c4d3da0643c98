import type { Contract } from '../contract/contract.ts';
import { formatCount, formatValue } from '../report/format-value.ts';
import { hintsFor } from './_hints.ts';
import type { Finding, FuzzResult } from './fuzz-result.ts';

/** How a report says to replay a finding. @public */
export interface FuzzReportOptions {
  /** The replay instruction for a finding; default `lockstep fuzz --contract <name> --seed <seed> --path "<path>"`. */
  readonly replay?: (finding: Finding, result: FuzzResult) => string;
}

const SOURCE: Record<Finding['source'], string> = { search: '', corpus: ' — from corpus', replay: ' — replayed' };

function cliReplay(finding: Finding, result: FuzzResult): string {
  return `lockstep fuzz --contract ${result.contract.name} --seed ${finding.seed} --path "${finding.path}"`;
}

function sideValue(finding: Finding, side: 'training' | 'serving'): string {
  const value = finding[side];
  if (finding.kind !== 'error') return formatValue(value);
  const failed = (value as { error?: string } | undefined)?.error;
  return failed === undefined ? '(computed its features)' : `✖ ${failed}`;
}

function formatRecord(record: unknown): string {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return formatValue(record, 400);
  const fields = Object.entries(record).map(([k, v]) => `${k}: ${formatValue(v, 60)}`);
  return `{ ${fields.join(', ')} }`;
}

function formatInput(finding: Finding): string[] {
  const input = finding.minimalInput;
  if (!Array.isArray(input)) return ['  minimal input', `    ${formatRecord(input)}`];
  const reduced =
    finding.reducedFrom === undefined || finding.reducedFrom === input.length
      ? ''
      : ` (reduced from ${finding.reducedFrom} events: --seed/--path replays that case and reduces it the same way)`;
  const head = `  minimal input  history of ${input.length} event${input.length === 1 ? '' : 's'}, divergence at event ${finding.event ?? 0}${reduced}`;
  return [
    head,
    ...input.map((r, i) => `  ${i === finding.event ? '→' : ' '} ${String(i).padStart(2)} ${formatRecord(r)}`),
  ];
}

/**
 * Formats one finding in the order a reader needs it: the feature and the divergence kind, both values, the
 * minimal input, the seed and path that replay it, then hints.
 * @param finding - the finding
 * @param result - the run it belongs to
 * @param contract - the contract (for hints); optional
 * @remarks Since 0.1
 * @public
 */
export function formatFinding(
  finding: Finding,
  result: FuzzResult,
  contract?: Contract,
  options: FuzzReportOptions = {},
): string {
  const lines = [
    `✖ ${finding.feature} · ${finding.kind} (${finding.cause})${SOURCE[finding.source]}`,
    `  training  ${sideValue(finding, 'training')}`,
    `  serving   ${sideValue(finding, 'serving')}`,
    ...(finding.kind === 'error' ? [] : [`  detail    ${finding.detail}`]),
    ...formatInput(finding),
    `  replay    ${(options.replay ?? cliReplay)(finding, result)}`,
  ];
  const hints = contract === undefined ? [] : hintsFor(finding, contract);
  for (const hint of hints) lines.push(`  hint      ${hint}`);
  return lines.join('\n');
}

function corpusLines(result: FuzzResult): string[] {
  const c = result.corpus;
  if (c === undefined) return [];
  const lines = [
    `  corpus    ${c.location}: ${c.replayed} replayed first, ${c.stillDiverging} still diverge, ${c.fixed.length} fixed${c.stale.length > 0 ? `, ${c.stale.length} stale` : ''}`,
  ];
  const removed = new Set(c.removed);
  for (const s of c.fixed) {
    const fate = removed.has(s.key) ? 'removed' : 'kept (--prune removes it)';
    lines.push(`  ✓ fixed   ${s.entry.feature} · ${s.entry.kind} (${s.key}) — ${fate}`);
  }
  for (const s of c.stale) {
    const fate = removed.has(s.key) ? 'removed' : 'kept (--prune removes it)';
    lines.push(`  ! stale   ${s.key}: its input no longer passes the contract's input schema — ${fate}`);
  }
  return lines;
}

/**
 * Formats a fuzz result for a terminal: header, corpus replay, every finding, and a one-line summary.
 * @param result - the result of `fuzzContract`
 * @param contract - the contract (for hints); optional
 * @remarks Since 0.1
 * @public
 */
export function formatFuzzReport(result: FuzzResult, contract?: Contract, options: FuzzReportOptions = {}): string {
  const { name, version } = result.contract;
  const out = [
    `lockstep fuzz · ${name} ${version}`,
    `  training  ${result.sides.training}`,
    `  serving   ${result.sides.serving}`,
    ...corpusLines(result),
    '',
  ];
  for (const f of result.findings) out.push(formatFinding(f, result, contract, options), '');
  const runs = `${formatCount(result.runs)} run${result.runs === 1 ? '' : 's'} (seed ${result.seed})`;
  const written = result.corpus?.written.length ?? 0;
  const wrote = written > 0 ? ` · wrote ${written} case${written === 1 ? '' : 's'} to ${result.corpus?.location}` : '';
  const n = result.findings.length;
  const u = result.unavailable;
  if (u !== undefined) {
    const when = u.afterCases === 0 ? 'from the first case' : `after ${formatCount(u.afterCases)} cases`;
    out.push(`✖ side unavailable: the ${u.side} side, ${when}; the run stopped there`, `  ${u.message}`);
    if (n === 0) return `${out.join('\n')}\n`;
  }
  out.push(
    n === 0
      ? `✓ no divergence in ${runs}`
      : `✖ ${n} divergence class${n === 1 ? '' : 'es'} in ${runs}, ${formatCount(result.shrinks)} shrinks${wrote}`,
  );
  return `${out.join('\n')}\n`;
}
