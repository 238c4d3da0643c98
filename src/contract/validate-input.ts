import type { z } from 'zod';
import type * as core from 'zod/v4/core';
import { compiledValidator } from './compiled-validator.ts';

/** An input's validation: success, or the issues zod raised (with those a 64-bit integer raised only by size removed). */
export type InputValidation =
  | { readonly success: true }
  | { readonly success: false; readonly issues: z.core.$ZodIssue[] };

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema under wrappers, pipes (their input side) and lazies. */
function unwrap(schema: core.$ZodType): core.$ZodType {
  let s = schema;
  for (let i = 0; i < 32; i++) {
    const def = s._zod.def as {
      type: string;
      innerType?: core.$ZodType;
      in?: core.$ZodType;
      getter?: () => core.$ZodType;
    };
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) s = def.innerType;
    else if (def.type === 'pipe' && def.in !== undefined) s = def.in;
    else if (def.type === 'lazy' && def.getter !== undefined) s = def.getter();
    else return s;
  }
  return s;
}

/** The number schemas a value at `path` could be checked by (several under a union), or none. */
function numberSchemasAt(schema: core.$ZodType, path: readonly PropertyKey[]): core.$ZodType[] {
  const s = unwrap(schema);
  const def = s._zod.def as Record<string, unknown> & { type: string };
  if (path.length === 0) {
    if (def.type === 'number') return [s];
    if (def.type === 'union') return (def.options as core.$ZodType[]).flatMap((o) => numberSchemasAt(o, path));
    return [];
  }
  const [head, ...rest] = path;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, core.$ZodType>;
      const field = Object.hasOwn(shape, String(head))
        ? shape[String(head)]
        : (def.catchall as core.$ZodType | undefined);
      return field === undefined ? [] : numberSchemasAt(field, rest);
    }
    case 'array':
      return numberSchemasAt(def.element as core.$ZodType, rest);
    case 'tuple': {
      const items = def.items as core.$ZodType[];
      const item = items[Number(head)] ?? (def.rest as core.$ZodType | null | undefined) ?? undefined;
      return item === undefined ? [] : numberSchemasAt(item, rest);
    }
    case 'record':
      return numberSchemasAt(def.valueType as core.$ZodType, rest);
    case 'union':
      return (def.options as core.$ZodType[]).flatMap((o) => numberSchemasAt(o, path));
    default:
      return [];
  }
}

/** Compares a bigint with a number exactly: negative, zero or positive as `a - b` is. */
function compare(a: bigint, b: number): number {
  if (b === Number.POSITIVE_INFINITY) return -1;
  if (b === Number.NEGATIVE_INFINITY) return 1;
  if (Number.isInteger(b)) {
    const d = a - BigInt(b);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  const floor = BigInt(Math.floor(b));
  return a <= floor ? -1 : 1;
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
}

/** Whether a number schema's bounds and multiple allow the integer `value` (its size alone is no reason to refuse). */
function allows(schema: core.$ZodType, value: bigint): boolean {
  const checks = (schema._zod.def.checks ?? []) as { _zod: { def: CheckDef } }[];
  return checks.every(({ _zod: { def } }) => {
    if (def.value === undefined) return true; // formats (int, safeint, float64…): an integer of any size is an integer
    if (def.check === 'greater_than')
      return def.inclusive ? compare(value, def.value) >= 0 : compare(value, def.value) > 0;
    if (def.check === 'less_than')
      return def.inclusive ? compare(value, def.value) <= 0 : compare(value, def.value) < 0;
    if (def.check === 'multiple_of') return Number.isInteger(def.value) ? value % BigInt(def.value) === 0n : false;
    return true;
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

const VALID: InputValidation = Object.freeze({ success: true });

/**
 * Validates an input record against a contract's input schema, as `safeParse` does, except that an integer beyond 2^53
 * (decoded exactly, as a `bigint`) is accepted where the schema takes a number and its bounds allow the integer: zod's
 * `z.number().int()` takes safe integers only, yet ids and hashes logged as JSON integers are exact 64-bit values, and
 * refusing them would hide exactly the records where a skew lives. The value itself is never rounded: the sides get
 * the bigint.
 * @param schema - the contract's input schema
 * @param input - a decoded input record
 * @remarks Since 0.1
 * @public
 */
export function validateInput(schema: z.ZodType, input: unknown): InputValidation {
  // The common shapes are checked in plain JavaScript first; zod judges the rest, and writes every message.
  if (compiledValidator(schema as core.$ZodType)?.(input) === true) return VALID;
  const result = schema.safeParse(input);
  if (result.success) return { success: true };
  const left = result.error.issues.filter((issue) => {
    const aboutNumber =
      (issue.code === 'invalid_type' && issue.expected === 'number') || issue.code === 'invalid_union';
    if (!aboutNumber) return true;
    const value = valueAt(input, issue.path);
    if (typeof value !== 'bigint') return true;
    return !numberSchemasAt(schema as core.$ZodType, issue.path).some((s) => allows(s, value));
  });
  return left.length === 0 ? { success: true } : { success: false, issues: left };
}
