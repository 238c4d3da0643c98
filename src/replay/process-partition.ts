import type { RecordComparator } from '../compare/compare-features.ts';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { errorMessage, type Side, type SideOutcome, type SidePair, type SideRecord } from '../implementations/side.ts';
import { decodeRecord, isInvalid } from './decode-record.ts';
import { entityBatches } from './entity-batches.ts';
import type { LogFormat } from './log-format.ts';
import type { ReportBuilder } from './report-builder.ts';

/** What processing one partition needs. */
export interface PartitionContext {
  readonly contract: Contract;
  readonly sides: SidePair;
  readonly format: LogFormat;
  readonly compare: RecordComparator;
  readonly builder: ReportBuilder;
  readonly batchSize: number;
  /** Called after each batch with the number of lines it accounted for. */
  readonly onProcessed?: (lines: number) => void;
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;

function readDigits(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + ((buf[i] as number) - 0x30);
  return n;
}

/** Decodes a partition's entries (`<line> <offset>\t<raw line>\n`), keeping valid records and reporting the rest. */
function decodeEntries(blocks: readonly Buffer[], ctx: PartitionContext): SideRecord[] {
  const records: SideRecord[] = [];
  let invalid = 0;
  for (const entries of blocks) {
    for (let start = 0; start < entries.length; ) {
      let end = entries.indexOf(NEWLINE, start);
      if (end === -1) end = entries.length;
      const space = entries.indexOf(SPACE, start);
      const tab = entries.indexOf(TAB, space);
      const raw = {
        line: readDigits(entries, start, space),
        byteOffset: readDigits(entries, space + 1, tab),
        text: entries.toString('utf8', tab + 1, end),
      };
      const decoded = decodeRecord(raw, ctx.contract, ctx.format);
      if (isInvalid(decoded)) {
        ctx.builder.addInvalid(decoded);
        invalid++;
      } else records.push(decoded);
      start = end + 1;
    }
  }
  ctx.onProcessed?.(invalid);
  return records;
}

/** Runs one side on a batch; a side that throws or answers malformed fails those records, not the run. */
async function computeSafely(side: Side, name: string, batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
  let outcomes: readonly SideOutcome[];
  try {
    outcomes = await side.compute(batch);
  } catch (error) {
    if (error instanceof SkewError && error.code === 'SKEW_IMPL_START') throw error;
    const message = errorMessage(error);
    return batch.map(() => ({ error: message }));
  }
  if (outcomes.length !== batch.length) {
    throw new SkewError(
      'SKEW_INTERNAL',
      `replayContract: the ${name} side returned ${outcomes.length} outcomes for a batch of ${batch.length}`,
    );
  }
  return outcomes.every(hasFeatureObject) ? outcomes : outcomes.map((o) => (hasFeatureObject(o) ? o : notAnObject(o)));
}

function hasFeatureObject(o: SideOutcome): boolean {
  if (!('features' in o)) return true;
  const f: unknown = o.features;
  return f !== null && typeof f === 'object' && !Array.isArray(f);
}

function notAnObject(o: SideOutcome): SideOutcome {
  const f: unknown = 'features' in o ? o.features : undefined;
  const got = f === null ? 'null' : Array.isArray(f) ? 'an array' : typeof f;
  return {
    error: `returned ${got} instead of an object of features`,
    ...(o.latencyMs === undefined ? {} : { latencyMs: o.latencyMs }),
  };
}

function drainDiagnostics(ctx: PartitionContext): void {
  for (const name of ['training', 'serving'] as const) {
    const found = ctx.sides[name].drainDiagnostics?.();
    if (found !== undefined && found.length > 0) ctx.builder.addDiagnostics(name, found);
  }
}

async function mapWindow<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for (const item of items) {
    const p: Promise<void> = work(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}

/**
 * Stage two of a replay, for one partition: decode and validate every line, order each entity's history, run
 * both sides batch by batch (several batches in flight for pipelining sides), compare and accumulate.
 */
export async function processPartition(blocks: readonly Buffer[], ctx: PartitionContext): Promise<void> {
  const records = decodeEntries(blocks, ctx);
  const { sides, compare, builder } = ctx;
  const inFlight = Math.max(sides.training.inFlight ?? 1, sides.serving.inFlight ?? 1);
  await mapWindow(entityBatches(records, ctx.batchSize), inFlight, async (batch) => {
    const [t, s] = await Promise.all([
      computeSafely(sides.training, 'training', batch),
      computeSafely(sides.serving, 'serving', batch),
    ]);
    for (let i = 0; i < batch.length; i++) {
      const to = t[i] as SideOutcome;
      const so = s[i] as SideOutcome;
      const divergences =
        'features' in to && 'features' in so ? compare(to.features, so.features, builder.observe) : [];
      builder.addRecord(batch[i] as SideRecord, to, so, divergences);
    }
    drainDiagnostics(ctx);
    ctx.onProcessed?.(batch.length);
  });
  drainDiagnostics(ctx);
}
