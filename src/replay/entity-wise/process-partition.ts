import type { SideRecord } from '../../implementations/side.ts';
import { compareBatch, drainDiagnostics, inFlightOf, type PartitionContext } from '../compare-batch.ts';
import { decodeLine, wantsInputText } from '../decode/decode-line.ts';
import { isInvalid } from '../decode/decode-record.ts';
import { mapWindow } from '../map-window.ts';
import { DEFAULT_MAX_ENTITY_EVENTS, refusedEntityMessage } from './entity-limit.ts';
import { keptCopy, type LazyDecoding, LazyRecord } from './lazy-record.ts';
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

/** Decodes one entity's lines: invalid ones reported; `lazy` (a big entity) keeps only each valid line's facts. */
function decodeEntity(
  entries: readonly Entry[],
  ctx: PartitionContext,
  keepInputText: boolean,
  lazy: LazyDecoding | undefined,
  records: SideRecord[],
): number {
  const ids = new Map<string, number>();
  let invalid = 0;
  let entity: string | undefined;
  for (const e of entries) {
    // A big entity's lines are only validated here: the sides get their text from the bytes when they read it.
    const decoded = decodeLine(e.block, e.from, e.to, e, ctx.contract, ctx.format, keepInputText && lazy === undefined);
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
    if (lazy === undefined) {
      records.push(decoded);
      continue;
    }
    // One string for the entity's key, however many records share it.
    entity = entity === decoded.entity ? entity : decoded.entity;
    const { line, timestamp, recordId } = decoded;
    records.push(new LazyRecord(lazy, e.block, e.from, e.to, line, entity, timestamp, recordId));
  }
  return invalid;
}

/**
 * An entity above the limit is not sent to the sides: each of its valid records is errored on both sides with why
 * (its invalid lines stay invalid), one line decoded at a time.
 */
function refuseEntity(entries: readonly Entry[], ctx: PartitionContext, limit: number, keepInputText: boolean): void {
  let message: string | undefined;
  for (const e of entries) {
    const decoded = decodeLine(e.block, e.from, e.to, e, ctx.contract, ctx.format, keepInputText);
    if (decoded === 'blank') ctx.builder.addBlank(e.line);
    else if (isInvalid(decoded)) ctx.builder.addInvalid(decoded);
    else {
      message ??= refusedEntityMessage(decoded.entity ?? `id ${decoded.recordId}`, entries.length, limit);
      ctx.builder.addRecord(decoded, { error: message }, { error: message }, []);
    }
  }
  ctx.onProcessed?.(entries.length);
}

/**
 * Decodes one batch: valid records with each entity's history in timestamp order; invalid lines reported. An entity of
 * more than `batchSize` events gets lazy records (decoded on access); one of more than `maxEntityEvents`, none.
 */
function decodeBatch(batch: readonly Entry[][], ctx: PartitionContext): SideRecord[] {
  // Out-of-process sides get each input's logged text verbatim; in-process ones read the decoded value only.
  const keepInputText = wantsInputText(ctx.sides);
  const limit = ctx.maxEntityEvents ?? DEFAULT_MAX_ENTITY_EVENTS;
  const lazy: LazyDecoding = { contract: ctx.contract, format: ctx.format, keepInputText };
  const records: SideRecord[] = [];
  let invalid = 0;
  for (const entries of batch) {
    if (entries.length > limit) {
      refuseEntity(entries, ctx, limit, keepInputText);
      continue;
    }
    const first = records.length;
    invalid += decodeEntity(entries, ctx, keepInputText, entries.length > ctx.batchSize ? lazy : undefined, records);
    if (records.length - first > 1) sortHistory(records, first);
  }
  if (invalid > 0) ctx.onProcessed?.(invalid);
  return records;
}

function sortHistory(records: SideRecord[], from: number): void {
  const history = records.slice(from).sort((a, b) => a.timestamp - b.timestamp || a.line - b.line);
  for (let i = 0; i < history.length; i++) records[from + i] = history[i] as SideRecord;
}

/**
 * Earlier events of an entity kept with a class's reproduction (the first record of a class, run again to explain
 * it): the latest ones, at most this many, as plain data. A bound, so that a class found late in an entity of 100,000
 * events does not pin its decoded history; a window longer than this may then not reproduce when explained.
 * @internal
 */
export const REPRODUCTION_HISTORY = 10_000;

/**
 * The records of the same entity before record `i` of a batch (an entity's records are contiguous, in time order),
 * the latest `REPRODUCTION_HISTORY` of them, safe to keep after the batch.
 */
function earlierOfEntity(batch: readonly SideRecord[], i: number): SideRecord[] {
  const entity = (batch[i] as SideRecord).entity;
  if (entity === undefined) return []; // no entity (a record-wise contract): no history
  let start = i;
  while (start > 0 && (batch[start - 1] as SideRecord).entity === entity) start--;
  return batch.slice(Math.max(start, i - REPRODUCTION_HISTORY), i).map(keptCopy);
}

/**
 * Stage two of a replay, for one partition: group lines by entity, then batch by batch decode and validate them,
 * order each entity's history by time, run both sides (several batches in flight for pipelining sides), compare
 * and accumulate. Only the batches in flight are ever decoded; an entity longer than a batch is not even that (its
 * records are decoded on access, see `LazyRecord`), and one above `maxEntityEvents` is refused (errored, unsent).
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
