import { nondeterministicMark } from '../calibration/aa-text.ts';
import { aaTextLines } from './_aa-lines.ts';
import { classLabel, decisionText, recordsText, sideValue } from './_class-text.ts';
import { distributionSection } from './_markdown-distribution.ts';
import { mdCode, mdRow, mdText } from './_markdown-text.ts';
import { columnarPathNote } from './_path-text.ts';
import { shareText } from './_slice-text.ts';
import { formatCount, formatValue } from './format-value.ts';
import { gateView } from './gate-view.ts';
import type { ClassView, GateView, SuiteView } from './gate-view-types.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';

const STATUS = { pass: '✓ PASS', fail: '✖ FAIL', incomplete: '! INCOMPLETE', error: '✖ ERROR' } as const;

function count(n: number | undefined): string {
  return n === undefined ? '—' : formatCount(n);
}

/** What the verdict says of one contract: pass, or its reasons' codes. */
function suiteVerdict(view: GateView, suite: SuiteView): string {
  const codes = view.verdict.reasons.filter((r) => r.contract === suite.contract.name).map((r) => r.code);
  if (codes.length === 0) return '✓ pass';
  const tally = [...new Set(codes)].map((code) => {
    const n = codes.filter((c) => c === code).length;
    return n === 1 ? code : `${code} ×${n}`;
  });
  return `✖ ${tally.join(', ')}`;
}

function classRow(c: ClassView): string {
  const minimal =
    c.minimal === undefined
      ? '—'
      : `${mdCode(formatValue(c.minimal.input, 200))}${c.minimal.fieldsThatMatter.length > 0 ? ` (matters: ${mdText(c.minimal.fieldsThatMatter.join(', '))})` : ''}`;
  return mdRow([
    mdCode(c.feature),
    `${mdText(`${c.kind} · ${c.cause}`)}${c.isNew === true ? ' **new since last run**' : ''}${c.nondeterministic?.length ? ` **${mdText(nondeterministicMark(c.nondeterministic))}**` : ''}`,
    formatCount(c.records),
    mdCode(sideValue(c, 'training', 120)),
    mdCode(sideValue(c, 'serving', 120)),
    minimal,
    c.hints.length === 0 ? '—' : c.hints.map(mdText).join('<br>'),
    `${c.decision === 'accepted' ? '✓' : '✖'} ${mdText(decisionText(c))}`,
  ]);
}

/** Each contract's Parquet log that went in parts or as JSON lines, as the terminal's `path` line says it. */
function pathLines(suites: readonly SuiteView[]): string[] {
  const lines = suites.flatMap((s) => {
    const note = columnarPathNote(s.columnar);
    if (note === undefined) return [];
    return [
      `- ${note.warning ? '! ' : ''}${mdCode(`${s.contract.name}@${s.contract.version}`)} path: ${mdText(note.text)}`,
    ];
  });
  return lines.length === 0 ? [] : ['', ...lines];
}

/** A suite's A/A calibration (`--aa`), before its classes. */
function aaSection(suite: SuiteView): string[] {
  if (suite.aa === undefined) return [];
  const title = `${suite.contract.name}@${suite.contract.version}`;
  return ['', `### ${mdText(title)}: A/A calibration`, '', ...aaTextLines(suite.aa).map((l) => `- ${mdText(l)}`)];
}

function suiteSection(suite: SuiteView): string[] {
  if (suite.classes.length === 0) return [];
  const title = `${suite.contract.name}@${suite.contract.version}`;
  const out = [
    '',
    suite.stage === 'golden'
      ? `### ${mdText(title)}: ${suite.classes.length} golden change${suite.classes.length === 1 ? '' : 's'}`
      : `### ${mdText(title)}: ${suite.classes.length} divergence class${suite.classes.length === 1 ? '' : 'es'}`,
    '',
    mdRow(['feature', 'kind · cause', 'records', 'training', 'serving', 'minimal input', 'hints', 'accepted']),
    mdRow([':--', ':--', '--:', ':--', ':--', ':--', ':--', ':--']),
    ...suite.classes.map(classRow),
  ];
  const firsts = suite.classes.flatMap((c) =>
    c.first?.at === undefined
      ? []
      : [
          `- ${mdText(classLabel(c))}: first at ${mdCode(`${c.first.at.log}:${c.first.at.line}`)}${c.first.recordId === undefined ? '' : ` (id ${mdCode(c.first.recordId)})`}, ${recordsText(c.records)}`,
        ],
  );
  const shared = suite.classes.flatMap((c) =>
    c.slices === undefined || c.slices.length === 0
      ? []
      : [
          `- ${mdText(classLabel(c))}: shared by ${c.slices.map((s) => `${mdCode(s.predicate)} (${shareText(s.inClass)} of class, ${shareText(s.inLog)} of log)`).join('; ')}`,
        ],
  );
  const replays = suite.classes.flatMap((c) =>
    c.replay === undefined ? [] : [`- ${mdText(classLabel(c))}: ${mdCode(c.replay)}`],
  );
  return [
    ...out,
    ...(firsts.length > 0 ? ['', ...firsts] : []),
    ...(shared.length > 0 ? ['', ...shared] : []),
    ...(replays.length > 0 ? ['', ...replays] : []),
  ];
}

/**
 * A run as GitHub-flavoured Markdown for a reviewer: a heading with the verdict, one row per contract (compared,
 * matched, diverged, invalid, what the verdict says of it), the path a Parquet log took when it is news (in parts, or
 * as JSON lines and why), each contract's divergence classes (feature, kind, records, both values, minimal input,
 * hints, accepted or not), each contract's distribution distances (PSI, JS, L∞, KS, the thresholds over), the
 * verdict's reasons, and the verdict line.
 * @param view - the run, from {@link gateView}
 * @remarks Since 0.1
 * @public
 */
export function formatMarkdownSummary(view: GateView): string {
  const v = view.verdict;
  const fuzz = view.run.command === 'fuzz';
  const golden = view.run.command === 'golden';
  const out = [
    `## Lockstep ${view.run.command}: ${STATUS[v.status]}`,
    '',
    mdRow([
      'contract',
      fuzz || golden ? 'cases' : 'compared',
      'matched',
      fuzz ? 'classes' : golden ? 'changed' : 'diverged',
      'invalid',
      'verdict',
    ]),
    mdRow([':--', '--:', '--:', '--:', '--:', ':--']),
    ...view.suites.map((s) =>
      mdRow([
        mdCode(`${s.contract.name}@${s.contract.version}`),
        count(s.counts.compared),
        count(s.counts.matched),
        count(s.counts.diverged),
        count(s.counts.invalid),
        mdText(suiteVerdict(view, s)),
      ]),
    ),
    ...pathLines(view.suites),
    ...view.suites.flatMap((s) => [...aaSection(s), ...suiteSection(s)]),
  ];
  out.push(...view.suites.flatMap(distributionSection));
  if (v.reasons.length > 0) {
    out.push('', '### Reasons', '', ...v.reasons.map((r) => `- ${mdText(r.message)}`));
  }
  const commit = view.run.gitCommit === undefined ? '' : ` · commit ${mdCode(view.run.gitCommit.slice(0, 12))}`;
  out.push(
    '',
    `**Verdict: ${STATUS[v.status]}** (exit ${v.exitCode}): ${mdText(v.headline)}`,
    '',
    `<sub>Lockstep ${mdText(view.run.lockstepVersion)}${commit}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

/**
 * Writes the Markdown summary to its output (`summary.md`, or stdout) and appends it to the GitHub step summary
 * when the caller gives one (the CLI does when `GITHUB_STEP_SUMMARY` is set).
 * @remarks Since 0.1
 * @public
 */
export class MarkdownReporter implements Reporter {
  constructor(
    private readonly out: ReporterOutput,
    private readonly stepSummary?: ReporterOutput | undefined,
  ) {}

  onRunEnd(summary: RunSummary): void {
    const text = formatMarkdownSummary(gateView(summary));
    this.out.write(text);
    this.stepSummary?.write(`${text}\n`);
  }
}
