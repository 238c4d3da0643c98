import { describe, expect, it } from 'vitest';
import { coverageReasons } from '../../../src/gate/coverage-reasons.ts';
import { NO_INVALID } from '../../../src/gate/invalid-budget.ts';
import { divergenceClass, replayReport, sideReport } from './_report.ts';

const codes = (...args: Parameters<typeof coverageReasons>) => coverageReasons(...args).map((r) => r.code);

describe('coverageReasons: a replay that checked less than it read', () => {
  it('a replay that compared every line it read has no reason', () => {
    expect(coverageReasons(replayReport({ read: 10 }), NO_INVALID)).toEqual([]);
  });

  it('an empty log: nothing read', () => {
    const [reason] = coverageReasons(replayReport({ read: 0 }, { sources: ['/logs/day-1.jsonl'] }), NO_INVALID);
    expect(reason).toMatchObject({ code: 'empty_log', stage: 'replay', contract: 'users' });
    expect(reason?.message).toBe(
      'users: no record was read from /logs/day-1.jsonl (empty), so nothing was checked; point the replay at a log with records',
    );
  });

  it('no record read: says why — blank lines only, a header only, or a shard that got no entity', () => {
    const message = (counts: Parameters<typeof replayReport>[0], extra: Parameters<typeof replayReport>[1] = {}) =>
      coverageReasons(replayReport(counts, extra), NO_INVALID)[0]?.message;
    expect(message({ read: 0, blank: 3 }, { sources: ['/logs/day-1.jsonl'] })).toBe(
      'users: no record was read from /logs/day-1.jsonl (it holds 3 blank lines and nothing else), so nothing was checked; point the replay at a log with records',
    );
    expect(message({ read: 0 }, { sources: ['/logs/day-1.csv'] })).toBe(
      'users: no record was read from /logs/day-1.csv (empty, or a header with no row), so nothing was checked; point the replay at a log with records',
    );
    const shard = { ...replayReport({ read: 0 }, { sources: ['/logs/day-1.jsonl'] }), shard: { index: 7, count: 8 } };
    expect(coverageReasons(shard, NO_INVALID)[0]?.message).toBe(
      'users: no record was read from /logs/day-1.jsonl (shard 7/8 got none of its lines: every entity hashed to another shard), so nothing was checked; run fewer shards',
    );
  });

  it('a sample that left out every line: says so, not that the log is empty', () => {
    const report = {
      ...replayReport({ read: 0, sampledOut: 5_000 }, { sources: ['/logs/day-1.jsonl'] }),
      sample: 1e-6,
    };
    const [reason] = coverageReasons(report, NO_INVALID);
    expect(reason).toMatchObject({ code: 'empty_log', stage: 'replay', contract: 'users' });
    expect(reason?.message).toBe(
      'users: the sample (--sample 0.000001) left out every line of /logs/day-1.jsonl (5,000 lines), so nothing was checked; raise the sample rate',
    );
  });

  it('every line invalid, whatever the budget', () => {
    const report = replayReport({ read: 4, invalid: 4 });
    expect(codes(report, NO_INVALID)).toEqual(['all_invalid']);
    expect(codes(report, { percent: 100 })).toEqual(['all_invalid']);
    expect(coverageReasons(report, NO_INVALID)[0]?.message).toMatch(
      /^users: every line is invalid \(4 lines: 4 bad JSON, 0 malformed records, 0 schema violations\)/,
    );
  });

  it('invalid lines fail by default and pass within a budget of lines or percent', () => {
    const report = replayReport({ read: 200, invalid: 3 });
    expect(codes(report, NO_INVALID)).toEqual(['invalid_over_budget']);
    expect(coverageReasons(report, NO_INVALID)[0]?.message).toMatch(
      /^users: 3 invalid lines of 200 lines read \(1\.50%\), over --max-invalid 0: /,
    );
    expect(codes(report, { count: 3 })).toEqual([]);
    expect(codes(report, { count: 2 })).toEqual(['invalid_over_budget']);
    expect(codes(report, { percent: 1.5 })).toEqual([]);
    expect(codes(report, { percent: 1 })).toEqual(['invalid_over_budget']);
  });

  it('nothing compared: records read, none compared, no side failing on all of them', () => {
    const sides = [sideReport('training', 4, 2), sideReport('serving', 4, 2)];
    const report = replayReport({ read: 4, compared: 0, errored: 4 }, { sides });
    expect(codes(report, NO_INVALID)).toEqual(['nothing_compared']);
  });

  /** A report whose serving side failed on all 3 records, its first error `detail`. */
  const servingFailedOnAll = (detail: string) => {
    const sides = [sideReport('training', 3, 0), sideReport('serving', 3, 3)];
    const error = { ...divergenceClass('(record)', 'error', 'serving: refused', 3) };
    const example = {
      line: 1,
      entity: 'u1',
      timestamp: 0,
      feature: '(record)',
      kind: 'error' as const,
      side: 'serving' as const,
      training: null,
      serving: undefined,
      detail,
      input: {},
    };
    return replayReport({ read: 3, compared: 0, errored: 3 }, { sides, classes: [{ ...error, examples: [example] }] });
  };

  it('a side that failed on every record it was given could not be reached (not nothing_compared)', () => {
    const [reason, ...rest] = coverageReasons(servingFailedOnAll('serving failed: ECONNREFUSED'), NO_INVALID);
    expect(rest).toEqual([]);
    expect(reason?.code).toBe('side_unreachable');
    expect(reason?.message).toBe(
      'users: the serving side (serving side) failed on all 3 records, so nothing was compared; first error: serving failed: ECONNREFUSED. Check that it runs and can be reached',
    );
  });

  it('a precomputed side that failed on every record: what to check is the log or the features file, not a connection', () => {
    const reasonFor = (detail: string) => coverageReasons(servingFailedOnAll(detail), NO_INVALID)[0]?.message;
    expect(reasonFor('serving failed: the log record has no served features')).toMatch(
      /first error: serving failed: the log record has no served features\. Check that each log record holds the features production served under the served field \(--served-field\)$/,
    );
    expect(
      reasonFor(
        "serving failed: missing from precomputed features in f.parquet: no row has id 't1' (the batch job skipped this record, or ran over other logs)",
      ),
    ).toMatch(
      /\. Check that the features file covers this log's records and that its id column \(--features-id-field\) holds the log's record ids$/,
    );
  });

  it('a side failing on every record is no reason once any record was compared', () => {
    const sides = [sideReport('training', 5, 0), sideReport('serving', 5, 5)];
    expect(codes(replayReport({ read: 5, compared: 1, errored: 4 }, { sides }), NO_INVALID)).toEqual([]);
  });

  it('a log not read to its end; one that broke before its first line is unread, not empty', () => {
    const sourceErrors = [{ source: 'day-1.jsonl.gz', afterLine: 1200, message: 'unexpected end of file' }];
    const partial = coverageReasons(replayReport({ read: 1200 }, { sourceErrors }), NO_INVALID);
    expect(partial.map((r) => r.code)).toEqual(['incomplete_log']);
    expect(partial[0]?.message).toBe(
      'users: log day-1.jsonl.gz could not be read past line 1,200 (unexpected end of file); the run covers only the lines before',
    );
    const none = [{ ...sourceErrors[0], afterLine: 0 } as (typeof sourceErrors)[0]];
    expect(codes(replayReport({ read: 0 }, { sourceErrors: none }), NO_INVALID)).toEqual(['incomplete_log']);
  });
});
