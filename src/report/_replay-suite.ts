import type { Verdict } from '../gate/verdict.ts';
import { type DivergenceClass, logLineOf, type ReplayReport } from '../replay/replay-report.ts';
import { distributionView } from './_distribution-text.ts';
import { CLASS_CODES, contractInfo, decisionFields, displayPath, reasonsFor } from './_suite-parts.ts';
import type { ClassView, LogPlace, SuiteView } from './gate-view-types.ts';
import type { RunInfo } from './run-info.ts';

function placeOf(run: RunInfo, report: ReplayReport, runLine: number): LogPlace {
  const where = logLineOf(report.sources, report.sourceLineOffsets, runLine);
  return { log: displayPath(run, where.log), line: where.line };
}

function classView(run: RunInfo, report: ReplayReport, verdict: Verdict, c: DivergenceClass): ClassView {
  const ex = c.examples[0];
  const first =
    ex === undefined
      ? {}
      : {
          first: {
            at: placeOf(run, report, ex.line),
            ...(ex.recordId === undefined ? {} : { recordId: ex.recordId }),
            ...(ex.entity === undefined ? {} : { entity: ex.entity }),
            timestamp: ex.timestamp,
            training: ex.training,
            serving: ex.serving,
            detail: ex.detail,
            input: ex.input,
          },
        };
  const minimal =
    c.minimal?.reproduced === true
      ? { minimal: { input: c.minimal.minimal, fieldsThatMatter: c.minimal.fieldsThatMatter } }
      : {};
  return {
    feature: c.feature,
    kind: c.kind,
    cause: c.cause,
    records: c.count,
    ...decisionFields(verdict, report.contract.name, c),
    ...first,
    ...minimal,
    hints: c.hints ?? [],
    ...(c.slices === undefined || c.slices.length === 0 ? {} : { slices: c.slices }),
    ...(c.nondeterministic === undefined ? {} : { nondeterministic: c.nondeterministic }),
    ...(c.isNew === true ? { isNew: true } : {}),
  };
}

/** Where a coverage reason points: the first invalid line, the log that broke off, or the first log. */
function reasonPlace(run: RunInfo, report: ReplayReport, code: string, message: string): LogPlace | undefined {
  if (code === 'incomplete_log') {
    const broken = report.sourceErrors.find((e) => message.includes(e.source));
    if (broken !== undefined) return { log: displayPath(run, broken.source) };
  }
  const invalid = report.invalid[0];
  if ((code === 'all_invalid' || code === 'invalid_over_budget') && invalid !== undefined) {
    return placeOf(run, report, invalid.line);
  }
  const log = report.sources[0];
  return log === undefined ? undefined : { log: displayPath(run, log) };
}

/** A replay report as a CI suite. @internal */
export function replaySuite(run: RunInfo, verdict: Verdict, report: ReplayReport): SuiteView {
  const name = report.contract.name;
  const reasons = reasonsFor(verdict, name);
  const n = report.counts;
  return {
    stage: 'replay',
    contract: contractInfo(
      run,
      name,
      report.contract.version,
      report.features.map((f) => f.feature),
    ),
    counts: { compared: n.compared, matched: n.compared - n.diverged, diverged: n.diverged, invalid: n.invalid },
    features: report.features.map((f) => ({
      name: f.feature,
      failed: reasons.features.has(f.feature),
      compared: f.compared,
      diverged: f.diverged,
      ...distributionView(f),
    })),
    classes: report.classes.map((c) => classView(run, report, verdict, c)),
    problems: reasons.all
      .filter((r) => !CLASS_CODES.has(r.code))
      .map((reason) => {
        const at = reasonPlace(run, report, reason.code, reason.message);
        return at === undefined ? { reason } : { reason, at };
      }),
    invalid: report.invalid.map((i) => ({ at: placeOf(run, report, i.line), message: i.message })),
    failed: reasons.all.length > 0,
    durationMs: report.durationMs,
    ...(report.aa === undefined ? {} : { aa: report.aa }),
    ...(report.columnar === undefined ? {} : { columnar: report.columnar }),
  };
}
