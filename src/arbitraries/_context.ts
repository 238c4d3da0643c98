import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { SkewError } from '../errors.ts';

/**
 * Everything a builder needs while walking a schema: where it is, the user's options, and how to recurse.
 * @internal
 */
export interface BuildContext {
  /** Name of the public function, used as the prefix of error messages. */
  readonly api: string;
  /** Dotted path of the node being built; '' for the root. Array, set, map and record items keep the parent path. */
  readonly path: string;
  readonly edgeBias: number;
  readonly timeZones: readonly string[];
  readonly overrides: ReadonlyMap<string, Arbitrary<unknown>>;
  /** Override paths that matched a node, so unknown paths can be reported. */
  readonly usedOverrides: Set<string>;
  /** How many `z.lazy` schemas enclose this node. */
  readonly lazyDepth: number;
  /** True once recursion is deep enough that builders should take their shortest branch. */
  readonly exhausted: boolean;
  readonly build: (schema: core.$ZodType, ctx: BuildContext) => Arbitrary<unknown>;
}

/**
 * The context of a child node: `segment` is appended to the dotted path.
 * @internal
 */
export function atPath(ctx: BuildContext, segment: string | number): BuildContext {
  return { ...ctx, path: ctx.path === '' ? String(segment) : `${ctx.path}.${segment}` };
}

/**
 * Mixes edge cases into plain values: edges get `ctx.edgeBias` of the weight.
 * @internal
 */
export function withEdges<T>(plain: Arbitrary<T>, edges: ReadonlyArray<Arbitrary<T>>, ctx: BuildContext): Arbitrary<T> {
  const [first, ...rest] = edges;
  if (first === undefined || ctx.edgeBias <= 0) return plain;
  const edge = rest.length === 0 ? first : fc.oneof(first, ...rest);
  if (ctx.edgeBias >= 1) return edge;
  const weight = Math.max(1, Math.round(ctx.edgeBias * 100));
  return fc.oneof({ arbitrary: plain, weight: Math.max(1, 100 - weight) }, { arbitrary: edge, weight });
}

/**
 * A predicate that is true when `schema` accepts the value: the last line of defence for every edge case.
 * @internal
 */
export function accepts(schema: core.$ZodType): (value: unknown) => boolean {
  return (value) => z.safeParse(schema, value).success;
}

/**
 * Like {@link validConstants} for several groups of candidates: one arbitrary per group that keeps a valid
 * candidate, so that a small group (say `0` and `-0`) weighs as much as a large one.
 * @internal
 */
export function validGroups<T>(schema: core.$ZodType, groups: ReadonlyArray<readonly T[]>): Array<Arbitrary<T>> {
  return groups.flatMap((group) => validConstants(schema, group));
}

/**
 * Keeps the candidates the schema accepts (deduplicated with `Object.is`, so `0` and `-0` both survive)
 * and turns them into one arbitrary, or none when no candidate is valid.
 * @internal
 */
export function validConstants<T>(schema: core.$ZodType, candidates: readonly T[]): Array<Arbitrary<T>> {
  const ok = accepts(schema);
  const kept: T[] = [];
  for (const c of candidates) if (ok(c) && !kept.some((k) => Object.is(k, c))) kept.push(c);
  return kept.length === 0 ? [] : [fc.constantFrom(...kept)];
}

const PROBE = { numRuns: 64, seed: 0x10c5 };

/**
 * `[arb.filter(ok)]`, or `[]` when a fixed-seed probe of 64 values finds none that pass (so an edge generator
 * that cannot satisfy the schema is dropped instead of looping forever).
 * @internal
 */
export function filterOrDrop<T>(arb: Arbitrary<T>, ok: (value: unknown) => boolean): Array<Arbitrary<T>> {
  return fc.sample(arb, PROBE).some(ok) ? [arb.filter(ok)] : [];
}

/**
 * Filters `arb` by `ok`, throwing a clear error when a fixed-seed probe finds no passing value.
 * @internal
 */
export function filterOrThrow<T>(arb: Arbitrary<T>, ok: (value: unknown) => boolean, ctx: BuildContext): Arbitrary<T> {
  const [kept] = filterOrDrop(arb, ok);
  if (kept === undefined) {
    throw arbitraryError(ctx, 'cannot generate values that satisfy all checks of the schema; pass an override');
  }
  return kept;
}

/**
 * The error thrown for schemas the generators cannot handle; the message names the path.
 * @internal
 */
export function arbitraryError(ctx: BuildContext, what: string): SkewError {
  const where = ctx.path === '' ? 'input' : `input.${ctx.path}`;
  return new SkewError('SKEW_CONTRACT_INVALID', `${ctx.api}: ${what} at ${where}`);
}

/**
 * The error for a zod type that has no generator, e.g. `unsupported zod type "function" at input.cb`.
 * @internal
 */
export function unsupported(ctx: BuildContext, type: string, hint = ''): SkewError {
  const suffix = hint === '' ? '' : ` (${hint})`;
  return arbitraryError(ctx, `unsupported zod type "${type}"${suffix}`);
}
