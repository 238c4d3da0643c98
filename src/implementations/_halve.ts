import type { SideRecord } from './side.ts';

/**
 * Where to cut records in two to isolate the one a request fails on: the middle, or entity-wise the entity boundary
 * nearest to it. `undefined` when they cannot be cut (one record, or one entity's history).
 * @internal
 */
export function halve(records: readonly SideRecord[], entityWise: boolean): number | undefined {
  const n = records.length;
  if (n < 2) return undefined;
  const mid = Math.floor(n / 2);
  if (!entityWise) return mid;
  const boundary = (c: number) => c > 0 && c < n && records[c - 1]?.entity !== records[c]?.entity;
  for (let d = 0; d < n; d++) {
    if (boundary(mid - d)) return mid - d;
    if (boundary(mid + d)) return mid + d;
  }
  return undefined;
}
