import type { Contract } from '../contract/contract.ts';
import { skewHints } from '../explain/skew-hints.ts';
import type { Finding } from './fuzz-result.ts';
import { timestampMs } from './run-case.ts';

/**
 * Hints for a fuzz finding: the shared skew hints (`skewHints`, also used by replay) on the divergent event of its
 * minimal input, with the same entity's earlier events of the history, plus where the case is stored.
 * @internal
 */
export function hintsFor(finding: Finding, contract: Contract): string[] {
  const history = (Array.isArray(finding.minimalInput) ? finding.minimalInput : [finding.minimalInput]) as Record<
    string,
    unknown
  >[];
  const at = finding.event ?? 0;
  const record = history[at] ?? {};
  const time = (r: Record<string, unknown>): number | undefined => {
    if (contract.timestamp === undefined) return undefined;
    const ms = timestampMs(r[contract.timestamp]);
    return Number.isFinite(ms) ? ms : undefined;
  };
  const timestamp = time(record);
  const earlier = history
    .slice(0, at)
    .filter((r) => contract.entity !== undefined && r[contract.entity] === record[contract.entity])
    .map(time)
    .filter((ms): ms is number => ms !== undefined);
  const hints = skewHints({
    contract,
    feature: finding.feature,
    kind: finding.kind,
    input: record,
    earlier,
    training: finding.training,
    serving: finding.serving,
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(finding.side === undefined ? {} : { side: finding.side }),
  });
  if (finding.corpusKey !== undefined)
    hints.push(`stored in the regression corpus as ${finding.corpusKey}: it is replayed first on every run`);
  return hints;
}
