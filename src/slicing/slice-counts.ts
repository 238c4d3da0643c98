/**
 * The counts root-cause slicing ranks from: per input field path, how many records had the field, how many had each of
 * its values (equality predicates) and each of its shapes (integer, ends in .5, length 4–7, …). One `SliceCounts` is
 * kept for the whole log and one per divergence class; both are bounded and merge exactly (threads, shards).
 *
 * Caps, chosen so that counts merge to exactly what one run counts, however the records were split:
 * - {@link VALUE_CAP} distinct values per field: a field that shows more is not low-cardinality, and its equality
 *   predicates are dropped altogether (its shape predicates stay). The union of two parts has more than the cap exactly
 *   when one run over both has.
 * - {@link OFFSET_CAP} distinct time-zone offsets per field: dropped the same way (the other shapes are a fixed set).
 * - {@link FIELD_CAP} field paths: the paths kept are the first in code-unit order; a path beyond is not counted. A
 *   path kept at the end was kept from its first record on (the cut only moves down), so its counts are exact.
 * - Objects are walked {@link DEPTH_CAP} levels deep; arrays and deeper objects are leaves.
 */

import { booleanShape, numberShapes, SLOTS, stringShapes } from './shape-keys.ts';

/** A value an equality predicate is about. */
export type SliceValue = string | number | boolean | bigint;

/** Distinct values a field may show and keep its equality predicates. */
export const VALUE_CAP = 100;
/** Distinct time-zone offsets a field may show and keep its offset predicates. */
export const OFFSET_CAP = 64;
/** Field paths counted per log or class. */
export const FIELD_CAP = 256;
/** Object levels walked. */
export const DEPTH_CAP = 4;
/** Strings longer than this get no equality predicate (they are never low-cardinality labels). */
export const VALUE_MAX_LENGTH = 64;

/** One field path's counts. */
export interface FieldCounts {
  readonly path: string;
  readonly keys: readonly string[];
  /** Records that had the field (any value, null included). */
  present: number;
  /** Records by value; `null` once the field showed more than {@link VALUE_CAP} distinct values. */
  values: Map<SliceValue, number> | null;
  /**
   * Records by shape, one counter per slot of shape-keys.ts: of the records whose value `values` does not hold (while it
   * holds a value, its shapes are derived from it at the end: counting a low-cardinality field costs one map update).
   */
  readonly slots: Float64Array;
  /** Records by time-zone offset of a timestamp string, as `slots`; `null` once more than {@link OFFSET_CAP}. */
  offsets: Map<string, number> | null;
  /** Nested fields, by key. */
  children: Map<string, FieldCounts> | undefined;
}

/** Counts over a set of records: the log's, or one class's. Plain data (threads send it back structured-cloned). */
export interface SliceCounts {
  records: number;
  readonly fields: Map<string, FieldCounts>;
  /** Field paths kept (at most {@link FIELD_CAP}). */
  fieldCount: number;
}

/** Empty counts. */
export function newSliceCounts(): SliceCounts {
  return { records: 0, fields: new Map(), fieldCount: 0 };
}

function* walk(fields: Map<string, FieldCounts>): Generator<FieldCounts> {
  for (const f of fields.values()) {
    yield f;
    if (f.children !== undefined) yield* walk(f.children);
  }
}

/** Every field path counted, parents before their fields. */
export function allFields(counts: SliceCounts): FieldCounts[] {
  return [...walk(counts.fields)];
}

function lookup(counts: SliceCounts, keys: readonly string[]): FieldCounts | undefined {
  let level: Map<string, FieldCounts> | undefined = counts.fields;
  let node: FieldCounts | undefined;
  for (const key of keys) {
    node = level?.get(key);
    if (node === undefined) return undefined;
    level = node.children;
  }
  return node;
}

/** The counts of one field path (dotted), if it is counted. */
export function fieldAt(counts: SliceCounts, path: string): FieldCounts | undefined {
  return allFields(counts).find((f) => f.path === path);
}

/**
 * The node of `key` under `parent` (the top level when undefined), created when the field cap allows: a new path
 * beyond the cap replaces the last kept path in code-unit order when it sorts before it, else it is not counted.
 */
export function childField(counts: SliceCounts, parent: FieldCounts | undefined, key: string): FieldCounts | undefined {
  if (parent !== undefined && parent.children === undefined) parent.children = new Map();
  const level = parent === undefined ? counts.fields : (parent.children as Map<string, FieldCounts>);
  const known = level.get(key);
  if (known !== undefined) return known;
  const path = parent === undefined ? key : `${parent.path}.${key}`;
  if (counts.fieldCount >= FIELD_CAP && !evictAfter(counts, path)) return undefined;
  const node: FieldCounts = {
    path,
    keys: parent === undefined ? [key] : [...parent.keys, key],
    present: 0,
    values: new Map(),
    slots: new Float64Array(SLOTS),
    offsets: new Map(),
    children: undefined,
  };
  level.set(key, node);
  counts.fieldCount++;
  return node;
}

/** Drops the last kept path when `path` sorts before it; false when `path` is the one left out. */
function evictAfter(counts: SliceCounts, path: string): boolean {
  let last: FieldCounts | undefined;
  for (const f of walk(counts.fields)) if (last === undefined || f.path > last.path) last = f;
  if (last === undefined || path > last.path) return false;
  // The last path has no counted children: they would sort after it.
  const parentKeys = last.keys.slice(0, -1);
  const level = parentKeys.length === 0 ? counts.fields : lookup(counts, parentKeys)?.children;
  level?.delete(last.keys[last.keys.length - 1] as string);
  counts.fieldCount--;
  return true;
}

/** Adds `n` to `key`'s count in a capped map; `null` (dropped) once the map holds more than `cap` keys. */
export function bump<K>(map: Map<K, number> | null, key: K, n: number, cap: number): Map<K, number> | null {
  if (map === null) return null;
  const had = map.get(key);
  if (had !== undefined) {
    map.set(key, had + n);
    return map;
  }
  if (map.size >= cap) return null;
  map.set(key, n);
  return map;
}

/** Adds `other` into `into`, under the same caps: the result is what counting both parts' records at once gives. */
export function mergeSliceCounts(into: SliceCounts, other: SliceCounts): void {
  into.records += other.records;
  // Parents first, so each field finds its parent (a parent sorts before its fields and is kept when they are).
  for (const o of allFields(other)) {
    const parent = o.keys.length === 1 ? undefined : lookup(into, o.keys.slice(0, -1));
    if (o.keys.length > 1 && parent === undefined) continue;
    const mine = childField(into, parent, o.keys[o.keys.length - 1] as string);
    if (mine === undefined) continue;
    mine.present += o.present;
    mergeValues(mine, o.values);
    for (let i = 0; i < SLOTS; i++) mine.slots[i] = (mine.slots[i] as number) + (o.slots[i] as number);
    mine.offsets = mergeMap(mine.offsets, o.offsets, OFFSET_CAP);
  }
}

/** Counts `n` records of `value`'s shapes into the field's slots and offsets. */
export function countShapes(f: Pick<FieldCounts, 'slots' | 'offsets'>, value: SliceValue, n: number): void {
  if (typeof value === 'string') {
    const offset = stringShapes(value, f.slots, n);
    if (offset !== undefined) f.offsets = bump(f.offsets, offset, n, OFFSET_CAP);
  } else if (typeof value === 'boolean') booleanShape(f.slots, n);
  else numberShapes(Number(value), f.slots, n);
}

/** Drops a field's equality predicates (too many values): its values' shapes move into its slots. */
export function dropValues(f: FieldCounts): void {
  if (f.values === null) return;
  for (const [value, n] of f.values) countShapes(f, value, n);
  f.values = null;
}

/** Adds another part's values of the field: the union, or none (their shapes into the slots) beyond the cap. */
function mergeValues(f: FieldCounts, other: Map<SliceValue, number> | null): void {
  const mine = f.values;
  let union = mine?.size ?? 0;
  if (mine !== null && other !== null) for (const value of other.keys()) if (!mine.has(value)) union++;
  if (mine === null || other === null || union > VALUE_CAP) {
    dropValues(f);
    if (other !== null) for (const [value, n] of other) countShapes(f, value, n);
    return;
  }
  for (const [value, n] of other) mine.set(value, (mine.get(value) ?? 0) + n);
}

/** A field's shape counts over all its records: its slots and offsets with its values' shapes added. */
export function shapeTotals(f: FieldCounts): Pick<FieldCounts, 'slots' | 'offsets'> {
  const total = { slots: Float64Array.from(f.slots), offsets: f.offsets === null ? null : new Map(f.offsets) };
  if (f.values !== null) for (const [value, n] of f.values) countShapes(total, value, n);
  return total;
}

function mergeMap<K>(into: Map<K, number> | null, other: Map<K, number> | null, cap: number): Map<K, number> | null {
  if (other === null) return null;
  let out = into;
  for (const [key, n] of other) out = bump(out, key, n, cap);
  return out;
}
