import { listShapes, nullShape, numberShapes, objectShape, stringShapes } from './shape-keys.ts';
import {
  bump,
  childField,
  countShapes,
  DEPTH_CAP,
  dropValues,
  FIELD_CAP,
  type FieldCounts,
  OFFSET_CAP,
  type SliceCounts,
  type SliceValue,
  VALUE_CAP,
  VALUE_MAX_LENGTH,
} from './slice-counts.ts';

/** Counts a value `n` times into the field's values while they are kept; once there are too many, into its shapes. */
function countValue(f: FieldCounts, value: SliceValue, n: number): void {
  const values = f.values as Map<SliceValue, number>;
  const had = values.get(value);
  if (had !== undefined) values.set(value, had + n);
  else if (values.size < VALUE_CAP) values.set(value, n);
  else {
    dropValues(f);
    countShapes(f, value, n);
  }
}

/** Counts one value of the field `f` (at `depth`) into `counts`, as `n` records that all hold it. */
export function countField(counts: SliceCounts, f: FieldCounts, value: unknown, depth: number, n = 1): void {
  f.present += n;
  switch (typeof value) {
    case 'string':
      if (f.values !== null && value.length <= VALUE_MAX_LENGTH) countValue(f, value, n);
      else {
        const offset = stringShapes(value, f.slots, n);
        if (offset !== undefined) f.offsets = bump(f.offsets, offset, n, OFFSET_CAP);
      }
      break;
    case 'number':
      if (f.values !== null && Number.isFinite(value)) countValue(f, value, n);
      else numberShapes(value, f.slots, n);
      break;
    case 'bigint':
    case 'boolean':
      if (f.values !== null) countValue(f, value, n);
      else countShapes(f, value, n);
      break;
    case 'object':
      if (value === null) nullShape(f.slots, n);
      else if (Array.isArray(value)) listShapes(value.length, f.slots, n);
      else {
        objectShape(f.slots, n);
        if (depth < DEPTH_CAP)
          for (let k = 0; k < n; k++) countObject(counts, f, value as Record<string, unknown>, depth + 1);
      }
      break;
    default:
      break;
  }
}

function countObject(
  counts: SliceCounts,
  parent: FieldCounts | undefined,
  object: Record<string, unknown>,
  depth: number,
): void {
  // The own enumerable keys, as Object.keys lists them; a for-in loop reads each value much faster than a loop over
  // Object.keys (V8 loads by the key it enumerates without a generic lookup).
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key];
    if (value === undefined) continue;
    const f = childField(counts, parent, key);
    if (f !== undefined) countField(counts, f, value, depth);
  }
}

/**
 * The top-level fields of the inputs counted last into a `SliceCounts`, by position: each key and its node. The inputs
 * of a log mostly have the same keys in the same order, so a field is found by comparing its key with the one last seen
 * at its position, without a map lookup.
 */
interface TopFields {
  readonly keys: string[];
  readonly nodes: FieldCounts[];
}

const topFieldsOf = new WeakMap<SliceCounts, TopFields>();

/** Counts a top-level input object as `countObject` does, its fields' nodes found through `topFieldsOf`. */
function countTopObject(counts: SliceCounts, input: Record<string, unknown>): void {
  // At the field cap a path may have been dropped (and its node with it): only below it is every node ever made kept.
  if (counts.fieldCount >= FIELD_CAP) {
    countObject(counts, undefined, input, 1);
    return;
  }
  let top = topFieldsOf.get(counts);
  if (top === undefined) {
    top = { keys: [], nodes: [] };
    topFieldsOf.set(counts, top);
  }
  const { keys, nodes } = top;
  let i = 0;
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    const value = input[key];
    if (value === undefined) continue;
    let f: FieldCounts | undefined;
    // Checked at each field: counting a nested object may reach the cap (and drop a node) midway.
    if (keys[i] === key && counts.fieldCount < FIELD_CAP) f = nodes[i];
    else {
      f = childField(counts, undefined, key);
      if (f !== undefined && counts.fieldCount < FIELD_CAP) {
        keys[i] = key;
        nodes[i] = f;
      }
    }
    i++;
    if (f !== undefined) countField(counts, f, value, 1);
  }
}

/**
 * Counts one record's input into `counts`: every field path's presence, value (equality predicates) and shapes
 * (see shape-keys.ts). A top-level input that is not an object is counted as the field `(input)`.
 * @remarks Since 0.1
 */
export function countInput(counts: SliceCounts, input: unknown): void {
  counts.records++;
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    countTopObject(counts, input as Record<string, unknown>);
    return;
  }
  const f = childField(counts, undefined, '(input)');
  if (f !== undefined) countField(counts, f, input, DEPTH_CAP);
}
