import { HotCounts } from './_hot-counts.ts';
import { countField, countInput } from './count-input.ts';
import { stringShapes } from './shape-keys.ts';
import { bump, childField, FIELD_CAP, type FieldCounts, OFFSET_CAP, type SliceCounts } from './slice-counts.ts';

/**
 * One top-level input field of a set of records, read by record: what `countColumns` counts instead of each record's
 * input object.
 * @internal
 */
export interface SliceColumn {
  readonly name: string;
  /** Record `i`'s value of the field, as its input holds it (`undefined`: the record has no such field). */
  value(i: number): unknown;
  /**
   * A string with the same shapes as record `i`'s value (a string then), when one is known without making the value
   * (a timestamp's rendering, whose shapes depend only on its form); undefined when the value must be made.
   */
  readonly shapeOf?: (i: number) => string | undefined;
}

/**
 * Counts `records` records' inputs into `counts` field by field: the same counts as `countInput` on each record's input
 * object (an object of these fields, in this order), without making the objects. A value whose shapes a column knows
 * (see `SliceColumn.shapeOf`) is counted by its representative once equality predicates are dropped for the field.
 * @internal
 */
export function countColumns(counts: SliceCounts, columns: readonly SliceColumn[], records: number): void {
  if (records === 0) return;
  if (counts.fieldCount + columns.length > FIELD_CAP) {
    // Near the field cap, which paths are kept depends on each record's keys: counted record by record.
    for (let i = 0; i < records; i++) {
      const input: Record<string, unknown> = {};
      for (const column of columns) input[column.name] = column.value(i);
      countInput(counts, input);
    }
    return;
  }
  counts.records += records;
  for (const column of columns) {
    const f = childField(counts, undefined, column.name);
    if (f === undefined) continue;
    const field = f;
    const { shapeOf } = column;
    // Values (and timestamp shapes) counted together, then handed on n at a time: counts add up the same.
    const values = new HotCounts();
    const shapes = new HotCounts();
    for (let i = 0; i < records; i++) {
      if (shapeOf !== undefined && field.values === null) {
        const shape = shapeOf(i);
        if (shape !== undefined) {
          if (!shapes.tally(shape)) countShape(field, shape, 1);
          continue;
        }
      }
      const value = column.value(i);
      if (value === undefined) continue;
      if (!values.on || !values.tally(value)) countField(counts, field, value, 1);
    }
    values.drain((value, n) => countField(counts, field, value, 1, n));
    shapes.drain((shape, n) => countShape(field, shape as string, n));
  }
}

/** Counts `n` records of a string whose shapes are those of `shape`, equality predicates dropped. */
function countShape(f: FieldCounts, shape: string, n: number): void {
  f.present += n;
  const offset = stringShapes(shape, f.slots, n);
  if (offset !== undefined) f.offsets = bump(f.offsets, offset, n, OFFSET_CAP);
}
