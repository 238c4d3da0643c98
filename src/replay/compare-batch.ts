import type { RecordComparator } from '../compare/compare-features.ts';
import type { Contract } from '../contract/contract.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import { asFrameExchange, type FrameExchange } from '../implementations/frame-side.ts';
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
  const frames = frameSidesOf(ctx);
  let answered: readonly [readonly SideOutcome[], readonly SideOutcome[]] | undefined;
  if (frames !== undefined) {
    // Two frame sides: their answers are compared column by column when they are plain (see compareFrameBatch).
    frameBatch ??= import('./columnar/frame-batch.ts');
    const got = await (await frameBatch).compareFrameBatch(batch, ctx, historyOf, frames);
    if (got === undefined) {
      drainDiagnostics(ctx);
      ctx.onProcessed?.(batch.length);
      return;
    }
    if (got !== 'compute') answered = got;
  }
  const [t, s] =
    answered ??
    (await Promise.all([
      computeSafely(sides.training, 'training', batch),
      computeSafely(sides.serving, 'serving', batch),
    ]));
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

/** The column-by-column comparison of frame sides' answers, loaded (with apache-arrow) by the first run that has them. */
let frameBatch: Promise<typeof import('./columnar/frame-batch.ts')> | undefined;

/** Both sides as frame sides of the replay's contract (whose answers can be read column by column), if they are. */
function frameSidesOf(ctx: PartitionContext): { training: FrameExchange; serving: FrameExchange } | undefined {
  const training = asFrameExchange(ctx.sides.training);
  const serving = asFrameExchange(ctx.sides.serving);
  if (training?.frameContract !== ctx.contract || serving?.frameContract !== ctx.contract) return undefined;
  return { training, serving };
}

/** Batches one side may keep in flight at once (pipelining out-of-process sides). @internal */
export function inFlightOf(sides: PartitionContext['sides']): number {
  return Math.max(sides.training.inFlight ?? 1, sides.serving.inFlight ?? 1);
}
