import fc, { type Arbitrary } from 'fast-check';
import type { z } from 'zod';
import type * as core from 'zod/v4/core';
import type { Contract } from '../contract/contract.ts';
import { validateInput } from '../contract/validate-input.ts';

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: core.$ZodType): core.$ZodType {
  let s = schema;
  while (WRAPPERS.has(s._zod.def.type)) s = (s._zod.def as unknown as { innerType: core.$ZodType }).innerType;
  return s;
}

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
}

function checksOf(schema: core.$ZodType): CheckDef[] {
  return ((schema._zod.def.checks ?? []) as { _zod: { def: CheckDef } }[]).map((c) => c._zod.def);
}

/** The next double above (or below, `dir` -1) a finite number. */
function nextDouble(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === dir > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** A number field's bounds and their neighbours inside the range: min, the value just above it, and so for max. */
function numberBoundaries(schema: core.$ZodType): number[] {
  const checks = checksOf(schema);
  const integer = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  const step = (x: number, dir: 1 | -1) => (integer ? x + dir : nextDouble(x, dir));
  const out: number[] = [];
  for (const c of checks) {
    if (c.value === undefined || !Number.isFinite(c.value)) continue;
    if (c.check === 'greater_than') {
      const first = c.inclusive ? c.value : step(integer ? Math.floor(c.value) : c.value, 1);
      out.push(first, step(first, 1));
    }
    if (c.check === 'less_than') {
      const last = c.inclusive ? c.value : step(integer ? Math.ceil(c.value) : c.value, -1);
      out.push(last, step(last, -1));
    }
  }
  return out;
}

/** A string field's length limits: strings of exactly the shortest and longest length allowed. */
function stringBoundaries(schema: core.$ZodType): string[] {
  const lengths = new Set<number>();
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length' && c.minimum !== undefined) lengths.add(c.minimum);
    if (c.check === 'max_length' && c.maximum !== undefined) lengths.add(c.maximum);
    if (c.check === 'length_equals' && c.length !== undefined) lengths.add(c.length);
  }
  return [...lengths].filter((n) => n <= 10_000).map((n) => 'a'.repeat(n));
}

/** The boundary values of one field, by its schema (numbers and string lengths; others have none here). */
function boundaries(field: core.$ZodType): unknown[] {
  const inner = unwrap(field);
  const type = inner._zod.def.type;
  if (type === 'number') return numberBoundaries(inner);
  if (type === 'string') return stringBoundaries(inner);
  return [];
}

/**
 * Cases that put every bound of the input schema in front of the sides before any random case: for each top-level
 * field, its minimum and maximum, the values next to them inside the range (exclusive limits included), and strings of
 * the shortest and longest length allowed — each set into one base case (for a history, into its last event) that
 * fast-check generated with a fixed seed. Variants the whole schema refuses (a pattern, a refinement) are dropped, and
 * fields with a generator override are left as generated.
 * Deterministic: the same contract gives the same cases, so a seed and path still replay a finding among them.
 * @param contract - the contract
 * @param shape - `record` cases or `history` cases
 * @param arbitrary - the case generator (the base case is its first value at seed 0)
 * @param overridden - field paths the user's generator overrides cover
 * @internal
 */
export function boundaryCases(
  contract: Contract,
  shape: 'record' | 'history',
  arbitrary: Arbitrary<unknown>,
  overridden: readonly string[] = [],
): unknown[] {
  const [base] = fc.sample(arbitrary, { numRuns: 1, seed: 0 });
  if (base === undefined) return [];
  const schema = contract.input as z.ZodType;
  const events = shape === 'history' ? (base as Record<string, unknown>[]) : [base as Record<string, unknown>];
  const last = events.at(-1);
  if (last === undefined) return [];
  const pinned = new Set(shape === 'history' ? [contract.entity, contract.timestamp] : []);
  const out: unknown[] = [];
  for (const [key, field] of Object.entries(contract.input.shape as Record<string, core.$ZodType>)) {
    // A field the user generates by hand (an override: IANA zones for a non-empty string) keeps its own values.
    if (pinned.has(key) || overridden.some((path) => path === key || path.startsWith(`${key}.`))) continue;
    for (const value of boundaries(field)) {
      const event = { ...last, [key]: value };
      if (!validateInput(schema, event).success) continue;
      out.push(shape === 'history' ? [...events.slice(0, -1), event] : event);
    }
  }
  return out;
}
