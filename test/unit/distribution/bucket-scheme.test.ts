import { describe, expect, it } from 'vitest';
import { HOURLY, LOG_LINEAR } from '../../../src/distribution/bucket-scheme.ts';

describe('LOG_LINEAR buckets', () => {
  it('orders buckets like the values they hold', () => {
    const values = [-1e9, -3.5, -1, -1e-300, 0, 1e-300, 0.1, 1, 1.5, 2, 127, 128, 1e6, 1e300];
    const buckets = values.map((v) => LOG_LINEAR.bucketOf(v));
    expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
    expect(new Set(buckets).size).toBe(values.length);
  });

  it('holds each value between its bucket edges, a bucket under 0.8% wide', () => {
    for (const v of [-123.456, -1, 0.001, 0.1, 1, 3, 99.5, 12345.678, 1.7e12]) {
      const [lo, hi] = LOG_LINEAR.bounds(LOG_LINEAR.bucketOf(v));
      expect(lo <= v && v <= hi).toBe(true);
      expect((hi - lo) / Math.abs(v)).toBeLessThan(0.008);
    }
  });

  it('gives every integer up to 128 its own bucket; -0 is 0', () => {
    const buckets = Array.from({ length: 129 }, (_, i) => LOG_LINEAR.bucketOf(i));
    expect(new Set(buckets).size).toBe(129);
    expect(LOG_LINEAR.bucketOf(-0)).toBe(0);
  });

  it('puts neighbouring buckets edge to edge', () => {
    for (const b of [-5000, -2, -1, 0, 1, 9000]) expect(LOG_LINEAR.bounds(b)[1]).toBe(LOG_LINEAR.bounds(b + 1)[0]);
  });
});

describe('HOURLY buckets', () => {
  it('are the UTC hours of epoch milliseconds', () => {
    const t = Date.parse('2026-03-01T10:59:59.999Z');
    expect(HOURLY.bounds(HOURLY.bucketOf(t))).toEqual([
      Date.parse('2026-03-01T10:00:00Z'),
      Date.parse('2026-03-01T11:00:00Z'),
    ]);
  });
});
