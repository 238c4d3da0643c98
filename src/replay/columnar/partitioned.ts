import { hashKeyBytes } from '../decode/entity-key.ts';
import { type LineSelection, selectLine, selectsAll } from '../sample.ts';
import type { SourceError } from '../stage-one.ts';
import { type ColumnarLog, type LogColumns, UnreadableRowGroup } from './columnar-log.ts';
import {
  type ColumnarParts,
  type ColumnarRun,
  entityAboveLimit,
  type PartRows,
  type RowPathReason,
} from './columnar-run.ts';

/**
 * The columnar replay of a log above the rows it holds in memory: the log is read in parts of whole entities, one part
 * at a time. A first pass reads the entity column alone and gives each entity a part by a hash of its key; each part
 * then reads every column, keeping its own rows only (a row group holding none of them is not decoded), and is
 * validated, grouped and replayed as a log held whole would be. Memory holds one part (about `maxRows` rows); the
 * log's columns are decoded once per part.
 */

/** An entity value's key text, as the columnar replay routes it; undefined for a row without an entity. */
function keyOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A row the shard or the sample leaves out: in no part. */
const LEFT_OUT = 0xffff_ffff;

/**
 * An entity's hash for its part: FNV-1a over its key's UTF-16 code units, seeded apart from the shard's hash and mixed
 * (murmur3's finalizer), so that the parts of one shard's entities are as even as those of the whole log.
 */
/** @internal */
export function partHash(key: string): number {
  let h = 0x9747_b28c;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x0100_0193);
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return h === LEFT_OUT ? 0 : h;
}

/**
 * What the run's shard and sample do with an entity's rows: decided by the UTF-8 bytes of its key, the routing key the
 * row path reads from a line (unescaped) and the grouping decides by (see group-rows.ts).
 */
function selectKey(key: string, selection: LineSelection, scratch: Buffer): 'keep' | 'other-shard' | 'sampled-out' {
  const bytes = key.length * 3 <= scratch.length ? scratch.subarray(0, scratch.write(key)) : Buffer.from(key);
  return selectLine(bytes, hashKeyBytes(bytes), selection);
}

/**
 * The keys that may come more than `rows ÷ (capacity + 1)` times among `rows` (Misra–Gries): every key that does is
 * among them, with a count at most that much below its own. Memory: `capacity` keys.
 */
class FrequentKeys {
  private readonly counts = new Map<string, number>();
  private seen = 0;
  constructor(private readonly capacity: number) {}

  add(key: string): void {
    this.seen++;
    const n = this.counts.get(key);
    if (n !== undefined) this.counts.set(key, n + 1);
    else if (this.counts.size < this.capacity) this.counts.set(key, 1);
    else
      for (const [k, v] of this.counts) {
        if (v === 1) this.counts.delete(k);
        else this.counts.set(k, v - 1);
      }
  }

  /** The keys that may come more than `limit` times. */
  above(limit: number): string[] {
    const slack = Math.floor(this.seen / (this.capacity + 1));
    return [...this.counts].filter(([, n]) => n + slack > limit).map(([k]) => k);
  }
}

/**
 * Where each row of the logs starts in its log's JSON rendering (the byte offset the row path gives an invalid line),
 * found by rendering the rows in order, a window of rows at a time, as far as asked and no further.
 */
class RenderedOffsets {
  private starts: Float64Array | undefined;
  /** Rows whose start is known, run-wide; the source of the next one, and where it starts in its log. */
  private known = 0;
  private source = 0;
  private next = 0;

  constructor(
    private readonly logs: readonly ColumnarLog[],
    private readonly window: number,
  ) {}

  async of(rows: readonly number[]): Promise<ReadonlyMap<number, number>> {
    const last = Math.max(...rows);
    if (last >= this.known) await this.extend(last + 1);
    const starts = this.starts as Float64Array;
    return new Map(rows.map((r) => [r, starts[r] as number]));
  }

  private async extend(upTo: number): Promise<void> {
    const total = this.logs.reduce((sum, l) => sum + l.rows, 0);
    this.starts ??= new Float64Array(total);
    const starts = this.starts;
    let before = this.logs.slice(0, this.source).reduce((sum, l) => sum + l.rows, 0);
    while (this.known < upTo && this.source < this.logs.length) {
      const log = this.logs[this.source] as ColumnarLog;
      const from = this.known - before;
      const to = Math.min(log.rows, from + this.window, upTo - before);
      if (to > from) {
        const keep = new Uint8Array(log.rows).fill(1, from, to);
        const columns = await log.read({ keep, count: to - from }).catch((error: unknown) => {
          if (error instanceof UnreadableRowGroup) error.source = this.source;
          throw error;
        });
        for (let i = 0; i < to - from; i++) {
          starts[this.known++] = this.next;
          this.next += Buffer.byteLength(log.lineText(columns, i)) + 1;
        }
      }
      if (this.known === before + log.rows) {
        before += log.rows;
        this.source++;
        this.next = 0;
      }
    }
  }
}

/**
 * Reads logs of `rows` rows, more than `maxRows`, in parts of whole entities (see above), each grouped by `groupPart`.
 * Why not, when an entity has more rows than `maxEntityEvents` (the row path then takes the log, as it takes a log held
 * whole with such an entity): the keys that may have are found in the first pass and counted exactly in a second. The
 * first part is read here: a row group it cannot decode sends the log to the row path, which replays the rows before
 * it; one only a later part finds ends the run there, reported as the log's read error (the gate's INCOMPLETE).
 * @internal
 */
export async function partitioned(
  logs: readonly ColumnarLog[],
  names: readonly string[],
  entity: string,
  limits: { readonly rows: number; readonly maxRows: number; readonly maxEntityEvents: number },
  selection: LineSelection,
  groupPart: (parts: readonly LogColumns[], part: PartRows) => Promise<ColumnarRun | RowPathReason>,
): Promise<ColumnarParts | RowPathReason> {
  const frequent = new FrequentKeys(Math.ceil(limits.rows / limits.maxEntityEvents));
  // Each row's part hash, or LEFT_OUT: the rows of other shards and out of the sample are in no part (and are not
  // decoded again), so a shard holds and reads only its own rows. A row without an entity (invalid) is in part 0.
  const hashOfRow: Uint32Array[] = [];
  const selecting = !selectsAll(selection);
  const scratch = Buffer.allocUnsafe(1024);
  let kept = 0;
  let skipped = 0;
  let sampledOut = 0;
  for (const log of logs) {
    const hashes = new Uint32Array(log.rows);
    await log.scan(entity, (values, base) => {
      for (let i = 0; i < values.length; i++) {
        const key = keyOf(values[i]);
        if (key !== undefined) {
          const selected = selecting ? selectKey(key, selection, scratch) : 'keep';
          if (selected === 'other-shard' || selected === 'sampled-out') {
            hashes[base + i] = LEFT_OUT;
            if (selected === 'other-shard') skipped++;
            else sampledOut++;
            continue;
          }
          hashes[base + i] = partHash(key);
          frequent.add(key);
        }
        kept++;
      }
    });
    hashOfRow.push(hashes);
  }
  const partCount = Math.max(1, Math.ceil(kept / limits.maxRows));
  const candidates = new Map(frequent.above(limits.maxEntityEvents).map((k) => [k, 0]));
  if (candidates.size > 0) {
    for (const log of logs) {
      await log.scan(entity, (values) => {
        for (let i = 0; i < values.length; i++) {
          const key = keyOf(values[i]);
          const n = key === undefined ? undefined : candidates.get(key);
          if (n !== undefined) candidates.set(key as string, n + 1);
        }
      });
    }
    for (const [key, n] of candidates) {
      if (n > limits.maxEntityEvents) return entityAboveLimit(key, n, limits.maxEntityEvents);
    }
  }
  const rendered = new RenderedOffsets(logs, limits.maxRows);
  let first: ColumnarRun | RowPathReason | undefined;
  try {
    first = await readPart(logs, hashOfRow, 0, partCount, groupPart, rendered);
  } catch (error) {
    if (!(error instanceof UnreadableRowGroup)) throw error;
    return { rowPath: `${names[error.source ?? 0]}: ${error.message}` };
  }
  if ('rowPath' in first) return first;
  const sourceErrors: SourceError[] = [];
  const lineOffsets: number[] = [];
  logs.reduce((before, l) => {
    lineOffsets.push(before);
    return before + l.rows;
  }, 0);
  return {
    rows: limits.rows,
    lineOffsets,
    partCount,
    get skipped() {
      return skipped;
    },
    get sampledOut() {
      return sampledOut;
    },
    sourceErrors,
    async *parts() {
      // Held in a variable let go of before the next part is read: a generator keeps its locals while it runs.
      let run: ColumnarRun | RowPathReason | undefined = first;
      first = undefined;
      for (let p = 0; p < partCount; p++) {
        try {
          run ??= await readPart(logs, hashOfRow, p, partCount, groupPart, rendered);
        } catch (error) {
          if (!(error instanceof UnreadableRowGroup)) throw error;
          const s = error.source ?? 0;
          const more = `read in ${partCount} parts of whole entities, the run covers parts 1–${p} only`;
          sourceErrors.push({
            source: names[s] as string,
            afterLine: error.rowsBefore,
            message: `${error.message} (${more})`,
          });
          return;
        }
        if ('rowPath' in run) {
          // Unreachable: an entity above the limit is found up front, and the plan names the entity column.
          throw new Error(
            `part ${p + 1} of ${partCount} of the log cannot be replayed column by column: ${run.rowPath}`,
          );
        }
        skipped += run.skipped;
        sampledOut += run.sampledOut;
        yield run;
        run = undefined;
      }
    },
    close: async () => {
      await Promise.allSettled(logs.map((l) => l.close()));
    },
  };
}

/** Part `p`'s rows of every log, read and grouped. */
async function readPart(
  logs: readonly ColumnarLog[],
  hashOfRow: readonly Uint32Array[],
  p: number,
  partCount: number,
  groupPart: (parts: readonly LogColumns[], part: PartRows) => Promise<ColumnarRun | RowPathReason>,
  rendered: RenderedOffsets,
): Promise<ColumnarRun | RowPathReason> {
  const rows: Int32Array[] = [];
  const columns: LogColumns[] = [];
  for (const [s, log] of logs.entries()) {
    const hashes = hashOfRow[s] as Uint32Array;
    const keep = new Uint8Array(log.rows);
    let n = 0;
    for (let r = 0; r < log.rows; r++) {
      const hash = hashes[r] as number;
      if (hash === LEFT_OUT || hash % partCount !== p) continue;
      keep[r] = 1;
      n++;
    }
    const list = new Int32Array(n);
    for (let r = 0, k = 0; r < log.rows; r++) if (keep[r] === 1) list[k++] = r;
    rows.push(list);
    try {
      columns.push(await log.read({ keep, count: n }));
    } catch (error) {
      if (error instanceof UnreadableRowGroup) error.source = s;
      throw error;
    }
  }
  return await groupPart(columns, { rows, byteOffsets: (wanted) => rendered.of(wanted) });
}
