import { describe, expect, it } from 'vitest';
import type { FeatureDistribution } from '../../../src/distribution/feature-distribution.ts';
import { classSignature } from '../../../src/gate/class-signature.ts';
import { historyEntry } from '../../../src/history/entry-from-report.ts';
import { historyWithRun, lastEntryOf, selectHistory } from '../../../src/history/history-by-contract.ts';
import type { HistoryEntry } from '../../../src/history/history-entry.ts';
import { markNewClasses } from '../../../src/history/mark-new-classes.ts';
import { parseHistoryLine } from '../../../src/history/parse-history-line.ts';
import type { ReplayReport } from '../../../src/replay/replay-report.ts';
import { divergenceClass, replayReport } from '../gate/_report.ts';

const RUN = { startedAt: '2026-12-01T05:00:00.000Z', gitCommit: 'a'.repeat(40) };
const ROUNDING = divergenceClass('score', 'value', 'serving higher', 3);
const ASTRAL = divergenceClass('name_length', 'value', 'serving higher', 2);

const distribution = (psi: number): FeatureDistribution => ({
  kind: 'numeric',
  bins: [],
  training: { values: 10, nulls: 0, nan: 0 },
  serving: { values: 10, nulls: 0, nan: 0 },
  psi,
  jsDistance: 0.1,
  lInf: 0.2,
  ks: 0.3,
});

/** A report whose first feature carries a distribution. */
function withDistribution(report: ReplayReport, d: FeatureDistribution): ReplayReport {
  const [first, ...rest] = report.features;
  return { ...report, features: [{ ...(first as ReplayReport['features'][number]), distribution: d }, ...rest] };
}

describe('historyEntry', () => {
  it('records counts, each feature’s rate and distances, and each class by its signature', () => {
    // Arrange
    const report = withDistribution(
      replayReport({ read: 100, diverged: 5 }, { classes: [ROUNDING, ASTRAL] }),
      distribution(0.5),
    );
    // Act
    const entry = historyEntry(report, RUN);
    // Assert
    expect(entry).toMatchObject({
      historyVersion: 1,
      runAt: RUN.startedAt,
      gitCommit: RUN.gitCommit,
      contract: { name: 'users', version: '1' },
      status: 'diverged',
      counts: { read: 100, compared: 100, diverged: 5 },
    });
    expect(entry.features[0]).toEqual({
      feature: 'score',
      compared: 100,
      diverged: 3,
      mismatchRate: 0.03,
      psi: 0.5,
      jsDistance: 0.1,
      lInf: 0.2,
      ks: 0.3,
    });
    // No distribution: the rate alone
    expect(entry.features[1]).toEqual({ feature: 'name_length', compared: 100, diverged: 2, mismatchRate: 0.02 });
    expect(entry.classes[0]).toEqual({
      signature: classSignature({ contract: 'users', feature: 'score', kind: 'value', cause: 'serving higher' }),
      feature: 'score',
      kind: 'value',
      cause: 'serving higher',
      count: 3,
    });
  });

  it('leaves out a distance that is not finite (JSON has no Infinity) and a commit it does not know', () => {
    const report = withDistribution(replayReport({ read: 10 }), distribution(Number.POSITIVE_INFINITY));
    const entry = historyEntry(report, { startedAt: RUN.startedAt });
    expect(entry.features[0]).not.toHaveProperty('psi');
    expect(entry.features[0]?.ks).toBe(0.3);
    expect(entry).not.toHaveProperty('gitCommit');
    // A line of the file reads back as the same entry
    expect(parseHistoryLine(JSON.stringify(entry))).toEqual({ entry });
  });

  it('records a sampled run’s rate (below 1), and no sample for a full run', () => {
    const sampled = historyEntry({ ...replayReport({ read: 10 }), sample: 0.1 }, RUN);
    expect(sampled.sample).toBe(0.1);
    expect(parseHistoryLine(JSON.stringify(sampled))).toEqual({ entry: sampled });
    expect(historyEntry(replayReport({ read: 10 }), RUN)).not.toHaveProperty('sample');
    expect(historyEntry({ ...replayReport({ read: 10 }), sample: 1 }, RUN)).not.toHaveProperty('sample');
    // A sample that is not a share in (0, 1) is not an entry
    expect(parseHistoryLine(JSON.stringify({ ...sampled, sample: 2 }))).toMatchObject({
      problem: expect.stringContaining('sample'),
    });
  });
});

describe('markNewClasses', () => {
  const previous = historyEntry(replayReport({ read: 10 }, { classes: [ROUNDING] }), RUN);

  it('marks only the classes whose signature the previous run did not have', () => {
    const report = replayReport({ read: 10 }, { classes: [{ ...ROUNDING, count: 7 }, ASTRAL] });
    const marked = markNewClasses(report, previous);
    expect(marked.classes.map((c) => c.isNew)).toEqual([undefined, true]);
    // The report given is left as it was
    expect(report.classes.some((c) => c.isNew !== undefined)).toBe(false);
  });

  it('with no previous run, marks nothing', () => {
    const report = replayReport({ read: 10 }, { classes: [ROUNDING, ASTRAL] });
    expect(markNewClasses(report, undefined)).toBe(report);
  });
});

describe('parseHistoryLine', () => {
  const good = historyEntry(replayReport({ read: 10 }, { classes: [ROUNDING] }), RUN);

  it('says why a line is not an entry: not JSON, another version, a field missing or mistyped', () => {
    expect(parseHistoryLine('{"historyVersion":1,')).toMatchObject({ problem: expect.stringMatching(/^not JSON/) });
    expect(parseHistoryLine(JSON.stringify({ ...good, historyVersion: 2 }))).toEqual({
      problem: 'historyVersion 2, which this Lockstep does not read (it reads 1)',
    });
    const { counts: _counts, ...noCounts } = good;
    expect(parseHistoryLine(JSON.stringify(noCounts))).toMatchObject({
      problem: expect.stringMatching(/^not a history entry \(counts: /),
    });
    expect(parseHistoryLine(JSON.stringify({ ...good, status: 'fail' }))).toMatchObject({
      problem: expect.stringMatching(/^not a history entry \(status: /),
    });
    expect(parseHistoryLine('42')).toMatchObject({ problem: expect.stringMatching(/^not a history entry/) });
  });

  it('keeps fields a later Lockstep adds', () => {
    const parsed = parseHistoryLine(JSON.stringify({ ...good, sample: 0.5 }));
    expect(parsed).toMatchObject({ entry: { sample: 0.5 } });
  });
});

describe('history by contract', () => {
  const at = (name: string, runAt: string, features = ['score']): HistoryEntry => ({
    historyVersion: 1,
    runAt,
    contract: { name, version: '1' },
    status: 'pass',
    counts: { read: 1, compared: 1, diverged: 0 },
    features: features.map((feature) => ({ feature, compared: 1, diverged: 0, mismatchRate: 0 })),
    classes: [],
  });
  const file = [at('a', 't1'), at('b', 't2'), at('a', 't3', ['score', 'len']), at('a', 't4')];

  it('finds a contract’s last entry, and the summary’s history: earlier runs, this run last, this run’s contracts only', () => {
    expect(lastEntryOf(file, 'a')?.runAt).toBe('t4');
    expect(lastEntryOf(file, 'c')).toBeUndefined();
    const history = historyWithRun(file, [at('a', 't5')]);
    expect(Object.keys(history)).toEqual(['a']);
    expect(history.a?.map((e) => e.runAt)).toEqual(['t1', 't3', 't4', 't5']);
  });

  it('selects a contract, a feature and the last runs, oldest first', () => {
    const selected = selectHistory(file, { contract: 'a', feature: 'len', last: 2 });
    expect(Object.keys(selected)).toEqual(['a']);
    expect(selected.a?.map((e) => [e.runAt, e.features.map((f) => f.feature)])).toEqual([
      ['t3', ['len']],
      ['t4', []],
    ]);
    expect(Object.keys(selectHistory(file, {}))).toEqual(['a', 'b']);
  });
});
