import type { SideRecord } from './side.ts';

/**
 * Cuts a batch into `[start, end)` ranges of at most `size` records. Entity-wise, a cut never splits an entity: it
 * moves back to the entity's first record, or, for an entity longer than `size`, forward past its last record.
 * @internal
 */
export function subBatches(records: readonly SideRecord[], size: number, entityWise: boolean): Array<[number, number]> {
  const entityAt = (i: number): string | undefined => records[i]?.entity;
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < records.length; ) {
    let end = Math.min(start + size, records.length);
    if (entityWise && end < records.length) {
      let cut = end;
      while (cut > start && entityAt(cut - 1) === entityAt(cut)) cut--;
      if (cut === start) {
        cut = end;
        while (cut < records.length && entityAt(cut) === entityAt(cut - 1)) cut++;
      }
      end = cut;
    }
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
