import type * as core from 'zod/v4/core';

/**
 * The definition of one check, including format schemas such as `z.email()` whose definition is itself a check.
 * @internal
 */
export type CheckDef = core.$ZodChecks['_zod']['def'] | core.$ZodCustomDef;

/**
 * Every check of a schema, in declaration order.
 * @internal
 */
export function readChecks(schema: core.$ZodType): CheckDef[] {
  const def = schema._zod.def as core.$ZodTypeDef & { check?: unknown };
  const own = typeof def.check === 'string' ? [def as unknown as CheckDef] : [];
  return [...own, ...(def.checks ?? []).map((c) => c._zod.def as CheckDef)];
}

/**
 * True when the schema carries a `refine`/`superRefine` predicate that generators cannot see into.
 * @internal
 */
export function hasCustomCheck(schema: core.$ZodType): boolean {
  return readChecks(schema).some((c) => c.check === 'custom');
}

/**
 * Length bounds of a string, array or set, from `min_length`/`max_length`/`length_equals` (or `*_size`).
 * @internal
 */
export interface LengthBounds {
  min: number;
  max: number | undefined;
}

/**
 * Length bounds from the checks (`max` is undefined when unbounded).
 * @internal
 */
export function readLengthBounds(checks: readonly CheckDef[]): LengthBounds {
  let min = 0;
  let max: number | undefined;
  for (const c of checks) {
    if (c.check === 'min_length' || c.check === 'min_size') min = Math.max(min, c.minimum);
    if (c.check === 'max_length' || c.check === 'max_size') max = Math.min(max ?? c.maximum, c.maximum);
    if (c.check === 'length_equals' || c.check === 'size_equals') {
      const n = c.check === 'length_equals' ? c.length : c.size;
      min = Math.max(min, n);
      max = Math.min(max ?? n, n);
    }
  }
  return { min, max };
}
