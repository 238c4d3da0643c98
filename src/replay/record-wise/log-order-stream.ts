import type { SideRecord } from '../../implementations/side.ts';
import { compareBatch, inFlightOf, type PartitionContext } from '../compare-batch.ts';
import { decodeLine, wantsInputText } from '../decode/decode-line.ts';
import { isInvalid } from '../decode/decode-record.ts';
import { chunkKeyReader, entityLocation, hashKeyBytes, routingKey } from '../decode/entity-key.ts';
import { splitLines } from '../decode/split-lines.ts';
import type { LineSource } from '../ports.ts';
import { type LineSelection, selectLine, selectsAll } from '../sample.ts';
import type { SourceError } from '../stage-one.ts';
import { RecentIds } from './recent-ids.ts';

/**
 * Record ids remembered to find repeats: the most recent 100,000 to 200,000 (two generations of 100,000: when the
 * current one fills, it becomes the previous one and the oldest is dropped whole), so memory stays flat on a log of any
 * length and remembering costs the same on the billionth line as on the first. (Deleting the oldest key of one Map
 * one by one made each lookup of the oldest slower as deletions piled up: a 19-digit id per line cost 3.5× a line
 * without at 200k lines.)
 */
const IDS_PER_GENERATION = 100_000;

const NO_HISTORY: readonly SideRecord[] = [];

/**
 * The record-wise replay: when neither side is entity-wise, no partitioning. The logs are read once, in order; each
 * line is decoded, batched, computed by both sides and compared as it comes, so the sides see the records in log
 * order (a stateful record-wise side, such as an online store with an expiry sweep, sees production's order) and
 * nothing goes to disk. Line numbers, shards (entities by the same hash as the partitioned path), invalid and blank
 * lines and unreadable logs are accounted for exactly as there.
 */
export class LogOrderStream {
  /** Lines that belong to other shards, not counted by this run. */
  skipped = 0;
  /** Lines of this shard left out by the sample (`--sample`), not counted by this run either. */
  sampledOut = 0;
  /** Per source, the number of lines of the sources before it: line numbers run on across sources. */
  readonly lineOffsets: number[] = [];
  /** Sources that could not be read to their end. */
  readonly sourceErrors: SourceError[] = [];
  private readonly ids = new RecentIds(IDS_PER_GENERATION);

  constructor(
    private readonly sources: readonly LineSource[],
    private readonly selection: LineSelection,
  ) {}

  /** Nothing to clean up: nothing went to disk. */
  async dispose(): Promise<void> {}

  /** Reads, compares and accumulates every line; `onLines` hears of each chunk of lines read. */
  async run(ctx: PartitionContext, onLines: (lines: number) => void): Promise<void> {
    const running = new Set<Promise<void>>();
    const limit = inFlightOf(ctx.sides);
    let batches = 0;
    for await (const batch of this.batches(ctx, onLines)) {
      const p: Promise<void> = compareBatch(batch, ctx, () => NO_HISTORY).finally(() => running.delete(p));
      running.add(p);
      if (running.size >= limit) await Promise.race(running);
      // In-process sides resolve at once: give the event loop a turn now and then (progress bar, I/O, timers).
      if (++batches % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await Promise.all(running);
  }

  private async *batches(ctx: PartitionContext, onLines: (lines: number) => void): AsyncGenerator<SideRecord[]> {
    const where = entityLocation(ctx.contract.entity, ctx.format);
    const keepInputText = wantsInputText(ctx.sides);
    let batch: SideRecord[] = [];
    let lineBase = 0;
    for (const source of this.sources) {
      this.lineOffsets.push(lineBase);
      let last = 0;
      try {
        for await (const { buf, starts, ends, firstLine, byteOffsets } of splitLines(source.open(), source.byteBase)) {
          const routed = !selectsAll(this.selection);
          const keys = routed ? chunkKeyReader(buf, where) : undefined;
          let notCompared = 0;
          for (let i = 0; i < starts.length; i++) {
            const from = starts[i] as number;
            const to = ends[i] as number;
            const byteOffset = byteOffsets[i] as number;
            if (routed) {
              const key = routingKey(buf, from, to, where, byteOffset, keys?.keyOf(from, to));
              const selected = selectLine(key, hashKeyBytes(key), this.selection);
              if (selected !== 'keep') {
                if (selected === 'other-shard') this.skipped++;
                else this.sampledOut++;
                continue;
              }
            }
            const at = { line: lineBase + firstLine + i, byteOffset };
            const decoded = decodeLine(buf, from, to, at, ctx.contract, ctx.format, keepInputText);
            if (decoded === 'blank') {
              ctx.builder.addBlank(at.line);
              notCompared++;
            } else if (isInvalid(decoded)) {
              ctx.builder.addInvalid(decoded);
              notCompared++;
            } else {
              this.noteId(ctx, decoded);
              batch.push(decoded);
              // A batch goes as soon as it is full, not at the chunk's end: its records then die young (a 1 MiB chunk
              // holds about 2,000 lines, and records held that long were copied and promoted by the collector).
              if (batch.length >= ctx.batchSize) {
                yield batch;
                batch = [];
              }
            }
          }
          last = firstLine + starts.length - 1;
          onLines(starts.length);
          if (notCompared > 0) ctx.onProcessed?.(notCompared);
        }
      } catch (error) {
        // A corrupt or truncated file (bad gzip, I/O error): keep what was read, say where it stopped, go on.
        this.sourceErrors.push({
          source: source.name,
          afterLine: last,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      lineBase += last;
    }
    if (batch.length > 0) yield batch;
  }

  /** A record whose id an earlier record of the same entity had (among the most recent ids). */
  private noteId(ctx: PartitionContext, record: SideRecord): void {
    if (record.recordId === undefined) return;
    const seen = this.ids.note(record.recordId, record.line, record.entity);
    if (seen !== undefined) ctx.builder.addDuplicateId(record.recordId, seen, record.line);
  }
}
