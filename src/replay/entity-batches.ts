import type { SideRecord } from '../implementations/side.ts';

/**
 * Groups one partition's records by entity, orders each entity's history by timestamp (then line), and cuts
 * batches of about `batchSize` records that never split an entity. Entities keep their order of first appearance.
 */
export function* entityBatches(records: readonly SideRecord[], batchSize: number): Generator<SideRecord[]> {
  const byEntity = new Map<string, SideRecord[]>();
  for (const record of records) {
    const history = byEntity.get(record.entity);
    if (history === undefined) byEntity.set(record.entity, [record]);
    else history.push(record);
  }
  let batch: SideRecord[] = [];
  for (const history of byEntity.values()) {
    history.sort((a, b) => a.timestamp - b.timestamp || a.line - b.line);
    for (const record of history) batch.push(record);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
