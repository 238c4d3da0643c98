import { classEvidence, classLabel, decisionText, featureSite, recordsText } from './_class-text.ts';
import { formatValue } from './format-value.ts';
import { type GateView, gateView, type SuiteView } from './gate-view.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';
import { type Annotation, formatWorkflowCommand } from './workflow-command.ts';

/** GitHub shows at most 10 error and 10 warning annotations per step; the rest are dropped silently. */
export const ANNOTATIONS_PER_LEVEL = 10;

function suiteAnnotations(suite: SuiteView): { first: Annotation[]; then: Annotation[] } {
  const name = suite.contract.name;
  const first: Annotation[] = [];
  const then: Annotation[] = [];
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
      then.push({
        level: 'error',
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
    first.push({
      level: 'error',
      file,
      ...(at.line === undefined ? {} : { line: at.line }),
      title: `Lockstep ${suite.stage}: ${name} · ${p.reason.code}`,
      message: p.reason.message,
    });
  }
  return { first, then };
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
 * The annotations of a run, in the order GitHub should keep them: per class an error (a warning when accepted) at
 * the feature's line in the contract file, each reason of the verdict at the log line or file it concerns, then each
 * failing class's first record at its line in the log; last, a notice with the verdict.
 * @param view - the run, from {@link gateView}
 * @remarks Since 0.1
 * @public
 */
export function githubAnnotations(view: GateView): Annotation[] {
  const parts = view.suites.map(suiteAnnotations);
  const all = [
    ...parts.flatMap((p) => p.first),
    ...view.problems.map((r): Annotation => ({ level: 'error', title: `Lockstep: ${r.code}`, message: r.message })),
    ...parts.flatMap((p) => p.then),
  ];
  const v = view.verdict;
  const status = v.status === 'pass' ? 'PASS' : v.status.toUpperCase();
  return [
    ...capped(
      all.filter((a) => a.level === 'error'),
      'error',
    ),
    ...capped(
      all.filter((a) => a.level === 'warning'),
      'warning',
    ),
    {
      level: 'notice',
      title: `Lockstep ${view.run.command}: ${status} (exit ${v.exitCode})`,
      message: v.status === 'pass' ? v.headline : `${status}: ${v.headline}`,
    },
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
