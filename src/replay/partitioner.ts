import { parseLosslessJson } from '../codec/lossless-json.ts';
import type { Contract } from '../contract/contract.ts';
import type { RawLine } from './decode-record.ts';
import { entityKeyOf, findEntityKey, hashEntity } from './entity-key.ts';
import type { LogFormat } from './log-format.ts';
import type { LineSource, SpillStore } from './ports.ts';

/** How lines are spread over partitions, and how much may wait in memory before spilling to disk. */
export interface PartitionOptions {
  readonly partitions: number;
  /** Bytes of raw lines held in memory before all partitions are flushed to the spill store. */
  readonly memoryBudgetBytes: number;
  /** Keep only entities of this shard (hash mod count). */
  readonly shard?: { readonly index: number; readonly count: number };
}

/** Routing key of a line: the entity from the raw text, or from a parse; bad JSON routes by line number. */
function routingKey(text: string, key: string, format: LogFormat, lineNo: number): string {
  const fast = findEntityKey(text, key);
  if (fast !== undefined) return fast;
  try {
    const record = parseLosslessJson(text) as Record<string, unknown> | null;
    const holder =
      format.entityField === undefined ? (record?.[format.inputField] as Record<string, unknown> | undefined) : record;
    const value = holder?.[key];
    if (value !== undefined && value !== null) return entityKeyOf(value);
  } catch {
    // not JSON: decodeRecord reports it; route it somewhere deterministic
  }
  return `\u0000line:${lineNo}`;
}

/**
 * Stage one of a replay: streams every source and routes each raw line to the partition of its entity, so that
 * an entity's whole history lands in one partition. Memory stays under the budget by spilling to disk.
 */
export class Partitioner {
  private readonly buffers: string[][];
  private bufferedBytes = 0;
  private spilled = false;
  /** Lines that belonged to other shards, not counted by this run. */
  skipped = 0;

  constructor(
    private readonly contract: Contract,
    private readonly format: LogFormat,
    private readonly options: PartitionOptions,
    private readonly spill: () => Promise<SpillStore>,
  ) {
    this.buffers = Array.from({ length: options.partitions }, () => []);
  }

  private store: SpillStore | undefined;

  async route(sources: readonly LineSource[], onLines: (n: number) => void): Promise<void> {
    const key = this.format.entityField ?? this.contract.entity;
    const { partitions, shard } = this.options;
    let lineBase = 0;
    for (const source of sources) {
      let last = 0;
      for await (const chunk of source.chunks()) {
        for (let i = 0; i < chunk.lines.length; i++) {
          const text = chunk.lines[i] as string;
          const lineNo = lineBase + chunk.firstLine + i;
          const hash = hashEntity(routingKey(text, key, this.format, lineNo));
          if (shard !== undefined && hash % shard.count !== shard.index) {
            this.skipped++;
            continue;
          }
          const entry = `${lineNo}\t${chunk.byteOffsets[i]}\t${text}\n`;
          (this.buffers[hash % partitions] as string[]).push(entry);
          this.bufferedBytes += entry.length;
        }
        last = chunk.firstLine + chunk.lines.length - 1;
        onLines(chunk.lines.length);
        if (this.bufferedBytes > this.options.memoryBudgetBytes) await this.flush();
      }
      lineBase += last;
    }
    if (this.spilled) await this.flush();
  }

  private async flush(): Promise<void> {
    this.store ??= await this.spill();
    this.spilled = true;
    for (let p = 0; p < this.buffers.length; p++) {
      const buffer = this.buffers[p] as string[];
      if (buffer.length === 0) continue;
      await this.store.append(p, buffer.join(''));
      this.buffers[p] = [];
    }
    this.bufferedBytes = 0;
  }

  /** Yields the raw lines of each partition in turn (from memory or from disk). */
  async *partitions(): AsyncGenerator<RawLine[]> {
    for (let p = 0; p < this.buffers.length; p++) {
      const lines: RawLine[] = [];
      if (this.store !== undefined) {
        for await (const chunk of this.store.read(p)) for (const entry of chunk.lines) lines.push(parseEntry(entry));
      }
      for (const entry of this.buffers[p] as string[]) lines.push(parseEntry(entry.slice(0, -1)));
      this.buffers[p] = [];
      if (lines.length > 0) yield lines;
    }
  }

  async dispose(): Promise<void> {
    await this.store?.dispose();
  }
}

function parseEntry(entry: string): RawLine {
  const a = entry.indexOf('\t');
  const b = entry.indexOf('\t', a + 1);
  return { line: Number(entry.slice(0, a)), byteOffset: Number(entry.slice(a + 1, b)), text: entry.slice(b + 1) };
}
