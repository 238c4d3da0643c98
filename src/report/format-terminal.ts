import { basename } from 'node:path';
import type { Colors } from 'picocolors/types.js';
import type { ClassDecision, Verdict } from '../gate/verdict.ts';
import {
  type DivergenceClass,
  type DivergenceExample,
  type FeatureReport,
  logLineOf,
  type ReplayReport,
  type SideReport,
} from '../replay/replay-report.ts';
import { aaBlock, aaClassLines } from './_aa-lines.ts';
import { distributionRows } from './_distribution-rows.ts';
import { columnarPathNote } from './_path-text.ts';
import { sliceText } from './_slice-text.ts';
import { formatCount, formatNumber, formatPercent, formatTime, formatValue } from './format-value.ts';

function table(rows: string[][], widths: number[]): string[] {
  return rows.map((row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
  );
}

function featureRows(features: readonly FeatureReport[], c: Colors): string[] {
  const head = ['feature', 'type', 'compared', 'matched', 'diverged', 'rate', 'worst |Δ|', 'worst rel', 'SMAPE'];
  const rows = features.map((f) => [
    `${f.diverged > 0 ? '✖' : '✓'} ${f.feature}`,
    f.type,
    formatCount(f.compared),
    formatCount(f.matched),
    formatCount(f.diverged),
    formatPercent(f.mismatchRate),
    formatNumber(f.worstAbsError),
    formatNumber(f.worstRelError),
    f.smape === undefined ? '' : formatNumber(f.smape),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const [header, ...body] = table([head, ...rows], widths);
  return [
    `  ${c.dim(header ?? '')}`,
    ...body.map((line, i) => `  ${(features[i]?.diverged ?? 0) > 0 ? c.red(line) : line}`),
  ];
}

function minimalLines(cls: DivergenceClass, c: Colors): string[] {
  const m = cls.minimal;
  if (m === undefined) return [];
  if (!m.reproduced) {
    const why =
      m.notReproducedBecause === 'state'
        ? 'a side keeps state across records (an online store?) or is not deterministic'
        : 'it needs its history';
    return [c.dim(`     minimal  (the record did not diverge again when re-run alone: ${why})`)];
  }
  const matter = m.fieldsThatMatter.length > 0 ? `  ${c.yellow(`← matters: ${m.fieldsThatMatter.join(', ')}`)}` : '';
  const cut =
    m.cutShort === 'time' ? `  ${c.dim(`(cut short by the ${m.capSeconds ?? '?'} s cap, --minimize-seconds)`)}` : '';
  return [`     minimal  ${formatValue(m.minimal, 400)}${matter}${cut}`];
}

/** `line 12`, or `day-2.jsonl:12` when the run read several logs (line numbers run on across them). */
type LineLabel = (line: number) => string;

function lineLabeller(report: ReplayReport): LineLabel {
  if (report.sources.length <= 1) return (line) => `line ${line}`;
  return (runLine) => {
    const { log, line } = logLineOf(report.sources, report.sourceLineOffsets, runLine);
    return `${basename(log)}:${line}`;
  };
}

/** Blank lines are skipped, not read: said apart, with the first ones' lines; ids seen twice, with their lines. */
function blankLines(n: ReplayReport['counts'], label: LineLabel, c: Colors): string[] {
  const out: string[] = [];
  if (n.duplicateIds > 0) {
    const shown = n.duplicates.map((d) => `${d.id} at ${label(d.firstLine)} and ${label(d.line)}`).join('; ');
    const more = n.duplicateIds > n.duplicates.length ? '; …' : '';
    out.push(
      c.yellow(
        `  ids      ${formatCount(n.duplicateIds)} ${n.duplicateIds === 1 ? 'record repeats an id of its' : 'records repeat an id of their'} entity (${shown}${more})`,
      ),
    );
  }
  if (n.blank === 0) return out;
  const more = n.blank > n.blankLines.length ? ', …' : '';
  out.push(
    c.dim(
      `  skipped  ${formatCount(n.blank)} blank line${n.blank === 1 ? '' : 's'} (${n.blankLines.map(label).join(', ')}${more})`,
    ),
  );
  return out;
}

/** Both sides' values; for a side that failed, which side failed and what the other answered. */
function valueLines(ex: DivergenceExample, c: Colors): string[] {
  if (ex.kind === 'error' && (ex.side === 'training' || ex.side === 'serving')) {
    const other = ex.side === 'training' ? 'serving' : 'training';
    const answer = ex[other];
    const said =
      answer !== null && typeof answer === 'object' && 'error' in answer
        ? `${other} failed too: ${String((answer as { error: unknown }).error)}`
        : `${other} answered ${formatValue(answer, 200)}`;
    return [`     ${c.red(`${ex.side} failed`)}: ${ex.detail.replace(/^\w+ failed: /, '')}`, `     ${said}`];
  }
  return [`     training ${formatValue(ex.training)}   serving ${formatValue(ex.serving)}   ${c.dim(ex.detail)}`];
}

function decisionLine(decision: ClassDecision | undefined, c: Colors): string[] {
  if (decision === undefined) return [];
  const link = decision.link === undefined ? '' : ` (${decision.link})`;
  if (decision.decision === 'accepted')
    return [`     ${c.yellow('accepted')} ${decision.reason ?? ''}${link}  ${c.dim(decision.signature)}`];
  if (decision.decision === 'over_budget')
    return [`     ${c.red('accepted, over its budget')} ${decision.reason ?? ''}${link}  ${c.dim(decision.signature)}`];
  return [`     ${c.red('not accepted')}  ${c.dim(`signature ${decision.signature}`)}`];
}

function classLines(
  cls: DivergenceClass,
  index: number,
  c: Colors,
  label: LineLabel,
  decision: ClassDecision | undefined,
): string[] {
  const ex = cls.examples[0];
  const mark = decision?.decision === 'accepted' ? c.yellow('~') : c.red('✖');
  const head = `  ${c.bold(`${index + 1}.`)} ${mark} ${c.bold(cls.feature)} · ${cls.kind} · ${cls.cause} — ${c.bold(formatCount(cls.count))} record${cls.count === 1 ? '' : 's'}${cls.isNew === true ? `  ${c.magenta('new since last run')}` : ''}`;
  if (ex === undefined) return [head, ...aaClassLines(cls, c), ...decisionLine(decision, c)];
  return [
    head,
    ...aaClassLines(cls, c),
    ...decisionLine(decision, c),
    `     first at ${label(ex.line)}${ex.recordId === undefined ? '' : ` (id ${ex.recordId})`}${ex.entity === undefined ? '' : `, entity ${ex.entity}`}, ${formatTime(ex.timestamp)}`,
    ...valueLines(ex, c),
    `     input    ${c.dim(formatValue(ex.input, 400))}`,
    ...minimalLines(cls, c),
    ...(cls.hints ?? []).map((hint) => `     ${c.cyan('hint')}     ${hint}`),
    ...(cls.slices ?? []).map((slice) => `     ${c.cyan('shared by')} ${sliceText(slice)}`),
    ...(cls.examples.length > 1
      ? [
          `     also at ${cls.examples
            .slice(1)
            .map((e) => label(e.line))
            .join(', ')}${cls.count > cls.examples.length ? ', …' : ''}`,
        ]
      : []),
  ];
}

function sideLine(s: SideReport): string {
  const l = s.latencyMs;
  const latency = `latency p50 ${formatNumber(l.p50)} ms, p95 ${formatNumber(l.p95)} ms, p99 ${formatNumber(l.p99)} ms`;
  const notes = s.diagnostics.count > 0 ? `, ${s.diagnostics.count} diagnostics` : '';
  return `  ${s.side.padEnd(8)} ${s.description}\n           ${formatCount(s.records)} records, ${formatCount(s.errors)} errors${notes}, ${latency}`;
}

const LABELS: Record<Verdict['status'], string> = {
  pass: ' PASS ',
  fail: ' FAIL ',
  incomplete: ' INCOMPLETE ',
  error: ' ERROR ',
};

/** The verdict's status as a coloured label: PASS, FAIL, INCOMPLETE or ERROR. @public */
export function verdictLabel(verdict: Verdict, c: Colors): string {
  const text = c.bold(LABELS[verdict.status]);
  return verdict.status === 'pass' ? c.green(text) : c.red(text);
}

/** The verdict's reasons, one line each. @public */
export function reasonLines(verdict: Verdict, c: Colors): string[] {
  return verdict.reasons.map((r) => `  ${r.code === 'incomplete_log' ? c.yellow('!') : c.red('✖')} ${r.message}`);
}

/** A sampled run says so: the rate, and the lines of entities outside the sample, left out (not read). */
function sampleLine(report: ReplayReport, c: Colors): string[] {
  if (report.sample === undefined) return [];
  const out = report.counts.sampledOut ?? 0;
  return [
    c.dim(
      `  sample   ${formatPercent(report.sample)} of entities (--sample ${report.sample}): ${formatCount(out)} line${out === 1 ? '' : 's'} of the others left out`,
    ),
  ];
}

/** How a Parquet log through frame sides went when that is news: in parts (above the rows held whole), or as JSON lines and why. */
function pathLine(report: ReplayReport, c: Colors): string[] {
  const note = columnarPathNote(report.columnar);
  if (note === undefined) return [];
  const line = `  path     ${note.text}`;
  return [note.warning ? c.yellow(line) : c.dim(line)];
}

function redactedLine(report: ReplayReport, c: Colors): string[] {
  if (report.redacted === undefined || report.redacted.length === 0) return [];
  return [
    c.dim(
      `  redacted ${report.redacted.join(', ')}: shown as their hash (<redacted:…>); the comparison saw the real values`,
    ),
  ];
}

/**
 * Renders a replay report for a terminal: the gate's verdict on it first (PASS, FAIL, INCOMPLETE or ERROR, with its
 * reasons one line each), counts, then per-feature table, divergence classes with their first
 * record, invalid lines, sides. Colours come from the caller (off when piped).
 * @public
 */
export function formatTerminalReport(report: ReplayReport, verdict: Verdict, c: Colors): string {
  const label = lineLabeller(report);
  const n = report.counts;
  const out: string[] = [];
  out.push(
    '',
    `${verdictLabel(verdict, c)} ${c.bold(`${report.contract.name}@${report.contract.version}`)}  ${c.dim(report.sources.join(', '))}`,
    ...reasonLines(verdict, c),
  );
  const balance =
    n.compared + n.invalid + n.errored === n.read
      ? c.dim('(compared + invalid + errored = read)')
      : c.red('(COUNTS DO NOT ADD UP)');
  out.push(
    `  records  read ${formatCount(n.read)}  compared ${formatCount(n.compared)}  invalid ${formatCount(n.invalid)}  errored ${formatCount(n.errored)}  ${balance}`,
    ...blankLines(n, label, c),
    ...sampleLine(report, c),
    ...pathLine(report, c),
    ...redactedLine(report, c),
    `  diverged ${formatCount(n.diverged)} of ${formatCount(n.compared)} compared records (${formatPercent(n.compared === 0 ? 0 : n.diverged / n.compared)}) in ${report.classes.length} class${report.classes.length === 1 ? '' : 'es'}`,
    '',
    c.bold(' Features'),
    ...featureRows(report.features, c),
    ...distributionRows(report.features, c),
  );
  out.push(...aaBlock(report, label, c));
  if (report.classes.length > 0) {
    out.push('', c.bold(` Divergence classes (${report.classes.length}, largest first)`));
    const decisions = new Map(verdict.classes.map((d) => [`${d.feature}\u0000${d.kind}\u0000${d.cause}`, d]));
    for (const [i, cls] of report.classes.entries()) {
      out.push(...classLines(cls, i, c, label, decisions.get(`${cls.feature}\u0000${cls.kind}\u0000${cls.cause}`)));
    }
  }
  if (n.invalid > 0) {
    const by = n.invalidByReason;
    out.push(
      '',
      c.bold(
        ` Invalid lines (${formatCount(n.invalid)}: ${by.json} bad JSON, ${by.record} malformed records, ${by.schema} schema violations)`,
      ),
    );
    for (const inv of report.invalid)
      out.push(`  ${c.yellow(label(inv.line))} ${c.dim(`(byte ${inv.byteOffset})`)}: ${inv.message}`);
    if (report.invalid.length < n.invalid)
      out.push(c.dim(`  … ${formatCount(n.invalid - report.invalid.length)} more`));
  }
  if (report.sourceErrors.length > 0) {
    out.push('', c.red(c.bold(' Logs not read to their end (the run covers only the lines before)')));
    for (const e of report.sourceErrors)
      out.push(`  ${c.red(e.source)} after line ${formatCount(e.afterLine)}: ${e.message}`);
  }
  out.push('', c.bold(' Sides'), ...report.sides.map(sideLine));
  for (const s of report.sides) {
    for (const d of s.diagnostics.first)
      out.push(`  ${c.yellow(`${s.side} ${d.kind}`)}${d.line === undefined ? '' : ` ${label(d.line)}`}: ${d.message}`);
  }
  out.push('', c.dim(`  ${formatNumber(report.durationMs / 1000)} s`));
  return `${out.join('\n')}\n`;
}
