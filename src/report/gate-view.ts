import { fuzzSuite } from './_fuzz-suite.ts';
import { goldenSuite } from './_golden-suite.ts';
import { replaySuite } from './_replay-suite.ts';
import type { GateView } from './gate-view-types.ts';
import type { RunSummary } from './reporter.ts';

/**
 * Puts a run's results and its verdict into the one shape the CI reporters (JUnit, Markdown, GitHub annotations)
 * format: a suite per contract, its features, its classes with the gate's decision on each, and the reasons that
 * concern it. It decides nothing: every pass or fail comes from the verdict.
 * @param summary - the end of a replay, fuzz or golden run
 * @remarks Since 0.1
 * @public
 */
export function gateView(summary: RunSummary): GateView {
  const { run, verdict } = summary;
  const suites = [
    ...summary.reports.map((r) => replaySuite(run, verdict, r)),
    ...(summary.fuzz ?? []).map((r) => fuzzSuite(run, verdict, r)),
    ...(summary.golden ?? []).map((r) => goldenSuite(run, verdict, r)),
  ];
  const named = new Set(suites.map((s) => s.contract.name));
  return {
    run,
    verdict,
    suites,
    problems: verdict.reasons.filter((r) => r.contract === undefined || !named.has(r.contract)),
  };
}
