import type { SideRecord } from '../../implementations/side.ts';
import { compareBatch, drainDiagnostics, inFlightOf, type PartitionContext } from '../compare-batch.ts';
import { decodeLine, wantsInputText } from '../decode/decode-line.ts';
import { isInvalid } from '../decode/decode-record.ts';
import { type Entry, forEachEntry } from './partition-entry.ts';

/**
 * Groups a partition's entries by entity without decoding them, in order of first appearance; so that only one
 * batch of records is ever decoded at a time and memory stays flat whatever the partition holds.
 */
function groupEntries(blocks: readonly Buffer[]): Map<string, Entry[]> {
  const byEntity = new Map<string, Entry[]>();
  for (const block of blocks) {
    forEachEntry(block, (entry) => {
      const key = block.toString('latin1', entry.keyFrom, entry.from);
      const list = byEntity.get(key);
      if (list === undefined) byEntity.set(key, [entry]);
      else list.push(entry);
    });
  }
  return byEntity;
}

/** Cuts batches of about `size` entries that never split an entity. */
function* entryBatches(byEntity: Map<string, Entry[]>, size: number): Generator<Entry[][]> {
  let batch: Entry[][] = [];
  let count = 0;
  for (const entries of byEntity.values()) {
    batch.push(entries);
    count += entries.length;
    if (count >= size) {
      yield batch;
      batch = [];
      count = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** Decodes one batch: valid records with each entity's history in timestamp order; invalid lines reported. */
function decodeBatch(batch: readonly Entry[][], ctx: PartitionContext): SideRecord[] {
  // Out-of-process sides get each input's logged text verbatim; in-process ones read the decoded value only.
  const keepInputText = wantsInputText(ctx.sides);
  const records: SideRecord[] = [];
  let invalid = 0;
  for (const entries of batch) {
    const first = records.length;
    const ids = new Map<string, number>();
    for (const e of entries) {
      const decoded = decodeLine(e.block, e.from, e.to, e, ctx.contract, ctx.format, keepInputText);
      if (decoded === 'blank') {
        ctx.builder.addBlank(e.line);
        invalid++; // processed, for progress
        continue;
      }
      if (isInvalid(decoded)) {
        ctx.builder.addInvalid(decoded);
        invalid++;
        continue;
      }
      if (decoded.recordId !== undefined) {
        const seen = ids.get(decoded.recordId);
        if (seen === undefined) ids.set(decoded.recordId, decoded.line);
        else ctx.builder.addDuplicateId(decoded.recordId, seen, decoded.line);
      }
      records.push(decoded);
    }
    if (records.length - first > 1) sortHistory(records, first);
  }
  if (invalid > 0) ctx.onProcessed?.(invalid);
  return records;
}

function sortHistory(records: SideRecord[], from: number): void {
  const history = records.slice(from).sort((a, b) => a.timestamp - b.timestamp || a.line - b.line);
  for (let i = 0; i < history.length; i++) records[from + i] = history[i] as SideRecord;
}

/** The records of the same entity before record `i` of a batch (an entity's records are contiguous, in time order). */
function earlierOfEntity(batch: readonly SideRecord[], i: number): SideRecord[] {
  const entity = (batch[i] as SideRecord).entity;
  let start = i;
  while (start > 0 && (batch[start - 1] as SideRecord).entity === entity) start--;
  return batch.slice(start, i);
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
 * Stage two of a replay, for one partition: group lines by entity, then batch by batch decode and validate them,
 * order each entity's history by time, run both sides (several batches in flight for pipelining sides), compare
 * and accumulate. Only the batches in flight are ever decoded.
 */
export async function processPartition(blocks: readonly Buffer[], ctx: PartitionContext): Promise<void> {
  const byEntity = groupEntries(blocks);
  let batches = 0;
  await mapWindow(entryBatches(byEntity, ctx.batchSize), inFlightOf(ctx.sides), async (entries) => {
    const batch = decodeBatch(entries, ctx);
    if (batch.length === 0) return;
    await compareBatch(batch, ctx, (i) => earlierOfEntity(batch, i));
    // In-process sides resolve at once: give the event loop a turn now and then (progress bar, I/O, timers).
    if (++batches % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  });
  drainDiagnostics(ctx);
}
