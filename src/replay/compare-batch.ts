import type { RecordComparator } from '../compare/compare-features.ts';
import type { Contract } from '../contract/contract.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import type { SideOutcome, SidePair, SideRecord } from '../implementations/side.ts';
import { keptCopy } from './entity-wise/lazy-record.ts';
import type { LogFormat } from './log-format.ts';
import type { ReportBuilder } from './tally/report-builder.ts';

/** What running batches of records through both sides needs (both the log-order and the partitioned path). */
export interface PartitionContext {
  readonly contract: Contract;
  readonly sides: SidePair;
  readonly format: LogFormat;
  readonly compare: RecordComparator;
  readonly builder: ReportBuilder;
  readonly batchSize: number;
  /** Events an entity may have before it is refused (entity-wise path). Default `DEFAULT_MAX_ENTITY_EVENTS`. */
  readonly maxEntityEvents?: number;
  /** Called after each batch with the number of lines it accounted for. */
  readonly onProcessed?: (lines: number) => void;
}

export function drainDiagnostics(ctx: PartitionContext): void {
  for (const name of ['training', 'serving'] as const) {
    const found = ctx.sides[name].drainDiagnostics?.();
    if (found !== undefined && found.length > 0) ctx.builder.addDiagnostics(name, found);
  }
}

/**
 * Runs one decoded batch through both sides, compares each record and accumulates it. `historyOf(i)` gives the
 * earlier records of record i's entity that the sides saw before it (for explaining a class).
 * @internal
 */
export async function compareBatch(
  batch: readonly SideRecord[],
  ctx: PartitionContext,
  historyOf: (i: number) => readonly SideRecord[],
): Promise<void> {
  const { sides, compare, builder } = ctx;
  const [t, s] = await Promise.all([
    computeSafely(sides.training, 'training', batch),
    computeSafely(sides.serving, 'serving', batch),
  ]);
  // One history closure for the batch (not one per record): the builder calls it while adding record `current`.
  let current = 0;
  const history = (): readonly SideRecord[] => historyOf(current);
  for (let i = 0; i < batch.length; i++) {
    current = i;
    const to = t[i] as SideOutcome;
    const so = s[i] as SideOutcome;
    const both = 'features' in to && 'features' in so;
    const divergences = both ? compare(to.features, so.features, builder.observe) : [];
    // Only a record that diverged or errored may be kept (an example, a reproduction): then as plain data.
    const record = both && divergences.length === 0 ? (batch[i] as SideRecord) : keptCopy(batch[i] as SideRecord);
    builder.addRecord(record, to, so, divergences, history);
  }
  drainDiagnostics(ctx);
  ctx.onProcessed?.(batch.length);
}

/** Batches one side may keep in flight at once (pipelining out-of-process sides). @internal */
export function inFlightOf(sides: PartitionContext['sides']): number {
  return Math.max(sides.training.inFlight ?? 1, sides.serving.inFlight ?? 1);
}
