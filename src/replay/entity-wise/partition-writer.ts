import type { Contract } from '../../contract/contract.ts';
import { chunkKeyReader, type EntityLocation, entityLocation, hashKeyBytes, routingKey } from '../decode/entity-key.ts';
import { splitLines } from '../decode/split-lines.ts';
import type { LogFormat } from '../log-format.ts';
import type { LineSource, SpillStore } from '../ports.ts';
import { selectLine } from '../sample.ts';
import type { SourceError, StageOne } from '../stage-one.ts';
import { entrySize, writeEntry } from './partition-entry.ts';

/** Partitions for sources of these sizes: about `partitionBytes` of raw lines each, or 64 when a size is unknown. */
export function partitionCount(sources: readonly LineSource[], partitionBytes: number): number {
  if (!sources.every((s) => s.sizeHint !== undefined)) return 64;
  const total = sources.reduce((sum, s) => sum + (s.sizeHint ?? 0), 0);
  return Math.max(1, Math.ceil(total / partitionBytes));
}

/** How lines are spread over partitions, and how much may wait in memory before spilling to disk. */
export interface PartitionOptions {
  readonly partitions: number;
  /** Bytes held in memory before all partitions are flushed to the spill store. */
  readonly memoryBudgetBytes: number;
  /** Keep only entities of this shard (hash mod count). */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Keep only this share of entities, in (0, 1] (see sample.ts). */
  readonly sample?: number;
}

const BLOCK = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Blocks of BLOCK bytes handed back once their bytes are on disk or processed, so that stage one reuses a bounded
 * set of blocks instead of allocating (and fragmenting the C heap with) half a gigabyte of them for a large log.
 */
class BlockPool {
  private readonly free: Buffer[] = [];

  get(size: number): Buffer {
    return size <= BLOCK ? (this.free.pop() ?? Buffer.allocUnsafe(BLOCK)) : Buffer.allocUnsafe(size);
  }

  release(blocks: readonly Buffer[]): void {
    for (const view of blocks) {
      if (view.buffer.byteLength === BLOCK && view.byteOffset === 0) this.free.push(Buffer.from(view.buffer, 0, BLOCK));
    }
  }
}

/** Growable byte buffer made of fixed blocks, so appending never copies what is already written. */
class BlockBuffer {
  blocks: Buffer[] = [];
  private current: Buffer = EMPTY;
  private used = 0;
  size = 0;

  constructor(private readonly pool: BlockPool) {}

  /** Appends a partition entry for line `from..to` of `src`; returns the bytes written. */
  append(lineNo: number, offset: number, key: Uint8Array, src: Buffer, from: number, to: number): number {
    const need = entrySize(key.length, to - from);
    if (this.used + need > this.current.length) {
      this.seal();
      this.current = this.pool.get(need);
    }
    this.used = writeEntry(this.current, this.used, lineNo, offset, key, src, from, to);
    this.size += need;
    return need;
  }

  private seal(): void {
    if (this.used > 0) this.blocks.push(this.current.subarray(0, this.used));
    this.used = 0;
  }

  /** The blocks written so far (each holds whole entries); the buffer starts empty again. */
  take(): Buffer[] {
    this.seal();
    const blocks = this.blocks;
    this.blocks = [];
    this.size = 0;
    this.current = EMPTY; // the old block now belongs to the caller
    return blocks;
  }
}

/**
 * Stage one of a replay: streams every source as bytes and routes each line to the partition of its entity, so
 * that an entity's whole history lands in one partition. Lines are copied, never decoded; memory stays under the
 * budget by spilling to disk. Each line becomes a partition entry (see partition-entry.ts); a block never splits one.
 */
export class PartitionWriter implements StageOne<Buffer[]> {
  private readonly buffers: BlockBuffer[];
  private bufferedBytes = 0;
  private store: SpillStore | undefined;
  private readonly pool = new BlockPool();
  /** Lines that belong to other shards, not counted by this run. */
  skipped = 0;
  /** Lines of this shard left out by the sample, not counted by this run either. */
  sampledOut = 0;
  /** Per source, the number of lines of the sources before it: line numbers run on across sources. */
  readonly lineOffsets: number[] = [];
  /** Sources that could not be read to their end. */
  readonly sourceErrors: SourceError[] = [];
  private lastLine = 0;

  constructor(
    private readonly sources: readonly LineSource[],
    private readonly contract: Contract,
    private readonly format: LogFormat,
    private readonly options: PartitionOptions,
    private readonly spill: () => Promise<SpillStore>,
  ) {
    this.buffers = Array.from({ length: options.partitions }, () => new BlockBuffer(this.pool));
  }

  async route(onLines: (n: number) => void): Promise<void> {
    const where = entityLocation(this.contract.entity, this.format);
    let lineBase = 0;
    for (const source of this.sources) {
      this.lineOffsets.push(lineBase);
      let last = 0;
      try {
        last = await this.routeSource(source, lineBase, where, onLines);
      } catch (error) {
        // A corrupt or truncated file (bad gzip, I/O error): keep what was read, say where it stopped, go on.
        this.sourceErrors.push({
          source: source.name,
          afterLine: this.lastLine - lineBase,
          message: error instanceof Error ? error.message : String(error),
        });
        last = this.lastLine - lineBase;
      }
      lineBase += last;
    }
    if (this.store !== undefined) await this.flush();
  }

  /** Routes one source's lines; returns its number of lines. */
  private async routeSource(
    source: LineSource,
    lineBase: number,
    where: EntityLocation,
    onLines: (n: number) => void,
  ): Promise<number> {
    const { partitions } = this.options;
    let last = 0;
    for await (const { buf, starts, ends, firstLine, byteOffsets } of splitLines(source.open(), source.byteBase)) {
      const keys = chunkKeyReader(buf, where);
      for (let i = 0; i < starts.length; i++) {
        const from = starts[i] as number;
        const to = ends[i] as number;
        const lineNo = lineBase + firstLine + i;
        const key = routingKey(buf, from, to, where, byteOffsets[i] as number, keys?.keyOf(from, to));
        const hash = hashKeyBytes(key);
        const selected = selectLine(key, hash, this.options);
        if (selected !== 'keep') {
          if (selected === 'other-shard') this.skipped++;
          else this.sampledOut++;
          continue;
        }
        this.bufferedBytes += (this.buffers[hash % partitions] as BlockBuffer).append(
          lineNo,
          byteOffsets[i] as number,
          key,
          buf,
          from,
          to,
        );
      }
      last = firstLine + starts.length - 1;
      this.lastLine = lineBase + last;
      onLines(starts.length);
      if (this.bufferedBytes > this.options.memoryBudgetBytes) await this.flush();
    }
    return last;
  }

  /** Lines read from all sources so far. */
  get lines(): number {
    return this.lastLine;
  }

  /** Moves every buffered entry to the spill store, so that all partitions can be read from there. */
  async spillAll(): Promise<void> {
    if (this.bufferedBytes > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    this.store ??= await this.spill();
    for (let p = 0; p < this.buffers.length; p++) {
      const buffer = this.buffers[p] as BlockBuffer;
      if (buffer.size === 0) continue;
      const blocks = buffer.take();
      await this.store.append(p, blocks);
      this.pool.release(blocks);
    }
    this.bufferedBytes = 0;
  }

  /** Yields each non-empty partition's entries in turn (from memory or from disk). */
  async *partitions(): AsyncGenerator<Buffer[]> {
    for (let p = 0; p < this.buffers.length; p++) {
      const buffer = this.buffers[p] as BlockBuffer;
      const spilled = await this.store?.read(p);
      const inMemory = buffer.size > 0 ? buffer.take() : [];
      const blocks = [...(spilled === undefined ? [] : [spilled as Buffer]), ...inMemory];
      if (blocks.length === 0) continue;
      // The consumer asks for the next partition once it is done with (or has copied) this one.
      yield blocks;
      this.pool.release(inMemory);
    }
  }

  async dispose(): Promise<void> {
    await this.store?.dispose();
  }
}
