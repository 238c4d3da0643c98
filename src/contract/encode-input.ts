import type * as core from 'zod/v4/core';
import { asFloatText, stringifyLosslessJson } from '../codec/lossless-stringify.ts';

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: core.$ZodType): core.$ZodType {
  let s = schema;
  while (WRAPPERS.has(s._zod.def.type)) s = (s._zod.def as unknown as { innerType: core.$ZodType }).innerType;
  return s;
}

/** Whether a number schema takes fractions (no integer format). */
function isFloat(schema: core.$ZodType): boolean {
  const checks = (schema._zod.def.checks ?? []) as { _zod: { def: { check: string; format?: string } } }[];
  return !checks.some((c) => c._zod.def.check === 'number_format' && /int/.test(c._zod.def.format ?? ''));
}

/** The value with each whole number in a float field marked to be written as `N.0`. */
function marked(schema: core.$ZodType, value: unknown): unknown {
  const s = unwrap(schema);
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  if (typeof value === 'number') {
    const float = def.type === 'number' && isFloat(s);
    // An integer field has no -0 in JSON (a writer of an int column writes 0; `-0.0` would reach Python as a float).
    if (def.type === 'number' && !float && Object.is(value, -0)) return 0;
    return float && Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 1e21
      ? asFloatText(value)
      : value;
  }
  if (Array.isArray(value) && def.type === 'array') return value.map((v) => marked(def.element as core.$ZodType, v));
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && def.type === 'object') {
    const shape = def.shape as Record<string, core.$ZodType>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = Object.hasOwn(shape, k) ? marked(shape[k] as core.$ZodType, v) : v;
    return out;
  }
  return value;
}

/**
 * An input's JSON text as a JSON writer of its schema writes it: like {@link stringifyLosslessJson}, except that a whole
 * number in a float field is written `20.0`, so an out-of-process side sees a float where production's JSON had one
 * (Python's `json.loads` reads `20` as an int: `str()` then gives `"20"`, not `"20.0"`), and a -0 in an integer field
 * is written `0`.
 * @param schema - the contract's input schema
 * @param input - an input record (generated, or reduced from a logged one)
 * @internal
 */
export function encodeInput(schema: core.$ZodType, input: unknown): string {
  return stringifyLosslessJson(marked(schema, input));
}
