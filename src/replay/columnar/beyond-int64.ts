import type { LogColumns } from './columnar-log.ts';
import type { FieldPlan } from './plan.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Whether any of `rows` holds, in an int64 input field, an integer beyond the int64 range: an Arrow frame cannot carry
 * it (a column of them would wrap it), so each frame side refuses that record by name (`int64_overflow`), as on the
 * row path. A column of numbers only (a Float64Array) holds none.
 * @internal
 */
export function anyBeyondInt64(data: LogColumns, fields: readonly FieldPlan[], rows: readonly number[]): boolean {
  for (const { frame, column } of fields) {
    if (frame.kind !== 'int64' || column === undefined) continue;
    const values = data.values[column.name];
    if (values === undefined || values instanceof Float64Array) continue;
    for (const r of rows) {
      const v = values[r];
      if (typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) return true;
    }
  }
  return false;
}
