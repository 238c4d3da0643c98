import { SLOT_KEYS, SLOT_OF } from './shape-keys.ts';
import {
  allFields,
  childField,
  type FieldCounts,
  newSliceCounts,
  type SliceCounts,
  type SliceValue,
} from './slice-counts.ts';

/**
 * One field path's slicing counts as JSON: `[value, records]`, `[shape key, records]` and `[offset, records]` pairs
 * (shapes with no record left out), `null` when the field had more distinct values (offsets) than the cap and they were
 * dropped.
 * @remarks Since 0.1
 * @public
 */
export interface FieldCountsJson {
  /** The path's keys, outermost first (`["card", "tz"]` is `card.tz`). */
  readonly keys: readonly string[];
  readonly present: number;
  readonly values: readonly (readonly [SliceValue, number])[] | null;
  readonly shapes: readonly (readonly [string, number])[];
  readonly offsets: readonly (readonly [string, number])[] | null;
}

/**
 * Slicing counts over a set of records (the log's or one class's) as JSON, for merging shard reports.
 * @remarks Since 0.1
 * @public
 */
export interface SliceCountsJson {
  readonly records: number;
  readonly fields: readonly FieldCountsJson[];
}

function pathOrder(a: FieldCounts, b: FieldCounts): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Most records first, then by type and text: the same order however the records were split. */
function byCount(a: readonly [SliceValue, number], b: readonly [SliceValue, number]): number {
  const ka = `${typeof a[0]}:${String(a[0])}`;
  const kb = `${typeof b[0]}:${String(b[0])}`;
  return b[1] - a[1] || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

/** Counts as JSON, fields in path order, values and shapes most records first. */
export function sliceCountsJson(counts: SliceCounts): SliceCountsJson {
  return {
    records: counts.records,
    fields: allFields(counts)
      .sort(pathOrder)
      .map((f) => ({
        keys: f.keys,
        present: f.present,
        values: f.values === null ? null : [...f.values].sort(byCount),
        shapes: [...f.slots].flatMap((n, i) => (n === 0 ? [] : [[SLOT_KEYS[i] as string, n] as const])),
        offsets: f.offsets === null ? null : [...f.offsets].sort(byCount),
      })),
  };
}

/** Counts from their JSON (a parent path sorts before its fields, so each finds its parent). */
export function sliceCountsFromJson(json: SliceCountsJson): SliceCounts {
  const counts = newSliceCounts();
  counts.records = json.records;
  const byPath = new Map<string, FieldCounts>();
  for (const f of json.fields) {
    const parent = f.keys.length === 1 ? undefined : byPath.get(f.keys.slice(0, -1).join('.'));
    if (f.keys.length > 1 && parent === undefined) continue;
    const node = childField(counts, parent, f.keys[f.keys.length - 1] as string);
    if (node === undefined) continue;
    node.present = f.present;
    node.values = f.values === null ? null : new Map(f.values);
    for (const [key, n] of f.shapes) {
      const slot = SLOT_OF.get(key);
      if (slot !== undefined) node.slots[slot] = n;
    }
    node.offsets = f.offsets === null ? null : new Map(f.offsets);
    byPath.set(node.path, node);
  }
  return counts;
}
