import type { ReplayReport } from '../../../src/replay/replay-report.ts';

/**
 * A replay report without what differs from run to run (time, latency) or from path to path (`columnar`: which path
 * ran). Sums of float errors (smape) are compared exactly: their total does not depend on the order records come in.
 */
export function comparable(report: ReplayReport): unknown {
  const { durationMs: _, mergeable, sides, columnar: ____, ...rest } = report;
  const { latency: __, ...tally } = mergeable ?? ({} as NonNullable<ReplayReport['mergeable']>);
  return { ...rest, tally, sides: sides.map(({ latencyMs: ___, ...side }) => side) };
}
