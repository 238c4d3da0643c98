import { describe, expect, it } from 'vitest';
import { renderDatetime } from '../../../src/arbitraries/iso-render.ts';
import { dstTransitions, offsetMinutes, timestampEdges } from '../../../src/arbitraries/timestamp-edges.ts';

describe('dstTransitions', () => {
  it('finds the first millisecond of each new offset', () => {
    expect(dstTransitions('America/New_York', 2024)).toEqual([Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6)]);
    expect(dstTransitions('Europe/Berlin', 2025)).toEqual([Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1)]);
    expect(dstTransitions('Australia/Sydney', 2024)).toEqual([Date.UTC(2024, 3, 6, 16), Date.UTC(2024, 9, 5, 16)]);
  });

  it('finds none for a zone without DST', () => {
    expect(dstTransitions('Asia/Kolkata', 2024)).toEqual([]);
    expect(offsetMinutes('Asia/Kolkata', 0)).toBe(330);
  });
});

describe('timestampEdges', () => {
  const edges = timestampEdges(['America/New_York']);

  it('holds DST transitions with their 1 ms neighbours', () => {
    const t = Date.UTC(2024, 2, 10, 7);
    expect(edges).toEqual(expect.arrayContaining([t - 1, t, t + 1]));
  });

  it('holds leap days, month and year ends, and ISO-week boundaries', () => {
    const expected = [
      Date.UTC(2024, 1, 29),
      Date.UTC(2024, 2, 1) - 1,
      Date.UTC(2024, 0, 1) - 1,
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 8) - 1,
      Date.UTC(2024, 0, 8),
      Date.UTC(2021, 0, 4),
    ];
    expect(edges).toEqual(expect.arrayContaining(expected));
  });

  it('holds local midnights of the time zone', () => {
    expect(edges).toContain(Date.UTC(2024, 0, 1, 5));
  });
});

describe('renderDatetime', () => {
  const t = Date.UTC(2024, 2, 10, 7);

  it('writes UTC with Z, or a zone wall time with its offset when offsets are allowed', () => {
    expect(renderDatetime(t, { offset: false }, { fraction: 'ms', zone: 'America/New_York' })).toBe(
      '2024-03-10T07:00:00.000Z',
    );
    expect(renderDatetime(t, { offset: true }, { fraction: 'ms', zone: 'America/New_York' })).toBe(
      '2024-03-10T03:00:00.000-04:00',
    );
    expect(renderDatetime(t - 1, { offset: true }, { fraction: 'ms', zone: 'America/New_York' })).toBe(
      '2024-03-10T01:59:59.999-05:00',
    );
    expect(renderDatetime(t, { offset: true }, { fraction: 'ms', zone: 'Asia/Kolkata' })).toBe(
      '2024-03-10T12:30:00.000+05:30',
    );
  });

  it('follows the precision of the schema', () => {
    expect(renderDatetime(t + 123, { precision: -1 }, { fraction: 'ms' })).toBe('2024-03-10T07:00Z');
    expect(renderDatetime(t + 123, { precision: 0 }, { fraction: 'ms' })).toBe('2024-03-10T07:00:00Z');
    expect(renderDatetime(t + 123, { precision: 6 }, { fraction: 'ms' })).toBe('2024-03-10T07:00:00.123000Z');
    expect(renderDatetime(t + 123, { precision: null }, { fraction: 'micro' })).toBe('2024-03-10T07:00:00.123000Z');
  });
});
