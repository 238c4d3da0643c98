import { classEvidence, classLabel, decisionText, featureSite, recordsText } from './_class-text.ts';
import { formatValue } from './format-value.ts';
import { gateView } from './gate-view.ts';
import type { GateView, SuiteView } from './gate-view-types.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';
import { type Annotation, formatWorkflowCommand } from './workflow-command.ts';

/** GitHub shows at most 10 annotations of each level (error, warning, notice) per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

function suiteAnnotations(suite: SuiteView): { first: Annotation[]; records: Annotation[] } {
  const name = suite.contract.name;
  const first: Annotation[] = [];
  const records: Annotation[] = [];
  for (const c of suite.classes) {
    const evidence = classEvidence(c, 200).join('\n');
    const accepted = c.decision === 'accepted';
    first.push({
      level: accepted ? 'warning' : 'error',
      ...featureSite(suite, c.feature),
      title: `Lockstep ${suite.stage}: ${name} · ${classLabel(c)}`,
      message: `${recordsText(c.records)}, ${decisionText(c)}\n${evidence}`,
    });
    const at = c.first?.at;
    if (!accepted && at !== undefined) {
      // Evidence, not a second failure: a notice, so it does not use up the errors GitHub shows.
      records.push({
        level: 'notice',
        file: at.log,
        ...(at.line === undefined ? {} : { line: at.line }),
        title: `Lockstep ${suite.stage}: ${name} · ${c.feature} · ${c.kind}: first record`,
        message: `training ${formatValue(c.first?.training, 200)}, serving ${formatValue(c.first?.serving, 200)} (${c.cause}, ${recordsText(c.records)})`,
      });
    }
  }
  for (const p of suite.problems) {
    const at = p.at ?? suite.contract.definedAt;
    const file = 'log' in at ? at.log : at.file;
    // A distribution threshold is set in the contract: annotated at the feature's line there.
    const drift = p.reason.code === 'distribution_skew' ? p.reason.feature : undefined;
    first.push({
      level: 'error',
      ...(drift === undefined
        ? { file, ...(at.line === undefined ? {} : { line: at.line }) }
        : featureSite(suite, drift)),
      title: `Lockstep ${suite.stage}: ${name} · ${p.reason.code}`,
      message: p.reason.message,
    });
  }
  return { first, records };
}

/** Keeps what GitHub will show: the most important annotations of a level first, a last one saying what was cut. */
function capped(list: readonly Annotation[], level: Annotation['level']): Annotation[] {
  if (list.length <= ANNOTATIONS_PER_LEVEL) return [...list];
  const kept = list.slice(0, ANNOTATIONS_PER_LEVEL - 1);
  const more = list.length - kept.length;
  return [
    ...kept,
    {
      level,
      title: 'Lockstep',
      message: `${more} more not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step): see the job summary or junit.xml`,
    },
  ];
}

/**
 * The annotations of a run, most important first within each level (GitHub keeps the first ten of each): an error per
 * failing class at the feature's line in the contract file (a warning when accepted), an error per other reason of the
 * verdict at the log line or file it concerns; a notice with the verdict, then a notice per failing class at its first
 * record's line in the log.
 * @param view - the run, from {@link gateView}
 * @remarks Since 0.1
 * @public
 */
export function githubAnnotations(view: GateView): Annotation[] {
  const parts = view.suites.map(suiteAnnotations);
  const findings = [
    ...parts.flatMap((p) => p.first),
    ...view.problems.map((r): Annotation => ({ level: 'error', title: `Lockstep: ${r.code}`, message: r.message })),
  ];
  const v = view.verdict;
  const status = v.status === 'pass' ? 'PASS' : v.status.toUpperCase();
  const verdict: Annotation = {
    level: 'notice',
    title: `Lockstep ${view.run.command}: ${status} (exit ${v.exitCode})`,
    message: v.status === 'pass' ? v.headline : `${status}: ${v.headline}`,
  };
  return [
    ...capped(
      findings.filter((a) => a.level === 'error'),
      'error',
    ),
    ...capped(
      findings.filter((a) => a.level === 'warning'),
      'warning',
    ),
    ...capped([verdict, ...parts.flatMap((p) => p.records)], 'notice'),
  ];
}

/**
 * Writes GitHub Actions workflow commands (annotations) to stdout, where the runner reads them: a PR shows each
 * finding at the contract's feature line and at the log line of its first record.
 * @remarks Since 0.1
 * @public
 */
export class GithubReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    const lines = githubAnnotations(gateView(summary)).map(formatWorkflowCommand);
    this.out.write(`${lines.join('\n')}\n`);
  }
}
