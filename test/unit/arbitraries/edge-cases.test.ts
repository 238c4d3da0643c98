import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';

const RUNS = { numRuns: 300 };
const sample = (schema: z.ZodType, options = {}) => fc.sample(arbitraryFromSchema(schema, options), RUNS);

/** New York's DST transitions in 2024 and 2025, written down independently of the code under test. */
const NEW_YORK_DST = [
  Date.UTC(2024, 2, 10, 7),
  Date.UTC(2024, 10, 3, 6),
  Date.UTC(2025, 2, 9, 7),
  Date.UTC(2025, 10, 2, 6),
];

describe('edge cases appear within 300 samples', () => {
  it('a half (x.5) for a plain number', () => {
    const values = sample(z.number());
    expect(values.some((v) => typeof v === 'number' && Math.abs(v % 1) === 0.5)).toBe(true);
  });

  it('-0 for a number and for an int with min 0', () => {
    expect(sample(z.number()).some((v) => Object.is(v, -0))).toBe(true);
    expect(sample(z.number().int().min(0).max(100)).some((v) => Object.is(v, -0))).toBe(true);
  });

  it('the bounds and their neighbours for an int range', () => {
    const values = new Set(sample(z.number().int().min(10).max(20)));
    for (const v of [10, 11, 19, 20]) expect(values).toContain(v);
  });

  it('integers beyond 2^53 where the schema allows them, and never where it does not', () => {
    expect(sample(z.number()).some((v) => typeof v === 'number' && Math.abs(v) >= 2 ** 53)).toBe(true);
    expect(sample(z.bigint()).some((v) => typeof v === 'bigint' && v > 2n ** 53n)).toBe(true);
    expect(sample(z.number().int()).every((v) => Number.isSafeInteger(v))).toBe(true);
  });

  it('NaN and Infinity only where the schema allows them', () => {
    expect(sample(z.number()).some((v) => !Number.isFinite(v))).toBe(false);
    const values = sample(z.union([z.number(), z.nan()]));
    expect(values.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('an astral string, a Unicode whitespace and an empty string', () => {
    const values = sample(z.string()) as string[];
    expect(values.some((s) => /[\u{10000}-\u{10FFFF}]/u.test(s))).toBe(true);
    expect(values.some((s) => /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(s))).toBe(true);
    expect(values).toContain('');
  });

  it('edge strings are fitted to length bounds without splitting surrogate pairs', () => {
    const values = sample(z.string().min(2).max(3)) as string[];
    expect(values.every((s) => s.length >= 2 && s.length <= 3 && !/[\ud800-\udbff](?![\udc00-\udfff])/.test(s))).toBe(
      true,
    );
    expect(values.some((s) => /[\u{10000}-\u{10FFFF}]/u.test(s))).toBe(true);
  });

  it('a DST-transition timestamp in America/New_York', () => {
    const values = sample(z.iso.datetime(), { timeZones: ['America/New_York'] }) as string[];
    const instants = values.map((s) => Date.parse(s));
    expect(instants.some((t) => NEW_YORK_DST.some((dst) => Math.abs(t - dst) <= 1))).toBe(true);
  });

  it('a leap day and a Sunday→Monday boundary for dates', () => {
    const values = fc.sample(arbitraryFromSchema(z.iso.date()), { numRuns: 500 }) as string[];
    expect(values).toContain('2024-02-29');
    const instants = fc.sample(arbitraryFromSchema(z.date()), { numRuns: 500 }).map((d) => (d as Date).getTime());
    const DAY = 86_400_000;
    const mondayMidnight = (t: number) => t % DAY === 0 && new Date(t).getUTCDay() === 1;
    expect(instants.some(mondayMidnight)).toBe(true);
    expect(instants.some((t) => mondayMidnight(t + 1))).toBe(true);
  });

  it('null for a nullable field and an absent key for an optional one', () => {
    const values = sample(z.object({ n: z.string().nullable(), o: z.number().optional() })) as Array<
      Record<string, unknown>
    >;
    expect(values.some((v) => v.n === null)).toBe(true);
    expect(values.some((v) => !('o' in v))).toBe(true);
    expect(values.some((v) => typeof v.o === 'number')).toBe(true);
  });

  it('empty and one-element arrays', () => {
    const values = sample(z.array(z.number())) as unknown[][];
    expect(values.some((a) => a.length === 0)).toBe(true);
    expect(values.some((a) => a.length === 1)).toBe(true);
  });

  it('no edge cases at all with edgeBias 0, only edge cases with edgeBias 1', () => {
    expect(sample(z.string().nullable(), { edgeBias: 0 }).some((v) => v === null)).toBe(false);
    expect(sample(z.string().nullable(), { edgeBias: 1 }).every((v) => v === null)).toBe(true);
  });
});
