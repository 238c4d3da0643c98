import type { ReplayReport } from '../../../src/replay/replay-report.ts';

/**
 * A replay report without what differs from run to run (time, latency) or from path to path (`columnar`: which path
 * ran), and with sums of float errors (smape) to 12 digits: records come in another order, and a float sum depends on
 * its order in its last bits.
 */
export function comparable(report: ReplayReport): unknown {
  const { durationMs: _, mergeable, sides, columnar: ____, ...rest } = report;
  const { latency: __, ...tally } = mergeable ?? ({} as NonNullable<ReplayReport['mergeable']>);
  const text = JSON.stringify({ ...rest, tally, sides: sides.map(({ latencyMs: ___, ...side }) => side) }, (key, v) =>
    (key === 'smape' || key === 'smapeSum') && typeof v === 'number' ? Number(v.toPrecision(12)) : v,
  );
  return JSON.parse(text);
}
