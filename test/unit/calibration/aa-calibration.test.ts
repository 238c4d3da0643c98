import { describe, expect, it } from 'vitest';
import type { AaCalibration } from '../../../src/calibration/aa-result.ts';
import { calibrateAa } from '../../../src/calibration/calibrate-aa.ts';
import { markNondeterministic } from '../../../src/calibration/mark-nondeterministic.ts';
import { mergeAaCalibrations } from '../../../src/calibration/merge-aa.ts';
import { replayVerdict } from '../../../src/gate/replay-verdict.ts';
import type { DivergenceClass, DivergenceExample } from '../../../src/replay/replay-report.ts';
import { divergenceClass, replayReport } from '../gate/_report.ts';

const example = (line: number, side?: DivergenceExample['side']): DivergenceExample => ({
  line,
  entity: 'u1',
  timestamp: 0,
  feature: 'score',
  kind: 'value',
  ...(side === undefined ? {} : { side }),
  training: 1,
  serving: 2,
  detail: '',
  input: {},
});

/** A class of a self-comparison, its examples at these lines. */
function selfClass(
  feature: string,
  kind: DivergenceClass['kind'],
  lines: number[],
  side?: DivergenceExample['side'],
): DivergenceClass {
  return { ...divergenceClass(feature, kind, 'c', lines.length), examples: lines.map((l) => example(l, side)) };
}

describe('calibrateAa', () => {
  it('lists a feature that differed from itself, with its records and first lines; agreeing features are not listed', () => {
    // Arrange: training's self-run disagrees on score at 7 lines; serving's agrees everywhere
    const lines = [9, 3, 4, 5, 6, 7, 8];
    const training = replayReport({ read: 10 }, { classes: [selfClass('score', 'value', lines)] });

    // Act
    const aa = calibrateAa([
      { side: 'training', report: training },
      { side: 'serving', report: replayReport({ read: 10 }) },
    ]);

    // Assert
    expect(aa).toEqual({
      compared: 10,
      features: [{ feature: 'score', side: 'training', compared: 10, diverged: 7, lines: [3, 4, 5, 6, 7] }],
      sides: [
        { side: 'training', compared: 10 },
        { side: 'serving', compared: 10 },
      ],
    });
  });

  it('does not count what both runs did alike (a contract break on both, a side error) as disagreement', () => {
    // Arrange
    const report = replayReport(
      { read: 10 },
      { classes: [selfClass('score', 'contract', [1, 2], 'both'), selfClass('name_length', 'error', [3])] },
    );

    // Act
    const aa = calibrateAa([{ side: 'serving', report }]);

    // Assert
    expect(aa.features).toEqual([]);
  });

  it('lists a side that was not run with why', () => {
    expect(calibrateAa([{ side: 'serving', skipped: 'logged' }])).toEqual({
      compared: 0,
      features: [],
      sides: [{ side: 'serving', compared: 0, skipped: 'logged' }],
    });
  });
});

describe('markNondeterministic', () => {
  it('marks the feature and its classes with the sides, and leaves the rest unmarked', () => {
    // Arrange
    const report = replayReport(
      { read: 10 },
      { classes: [divergenceClass('score', 'value', 'x', 2), divergenceClass('name_length', 'value', 'y', 1)] },
    );
    const aa: AaCalibration = {
      compared: 10,
      features: [
        { feature: 'score', side: 'serving', compared: 10, diverged: 1, lines: [4] },
        { feature: 'score', side: 'training', compared: 10, diverged: 2, lines: [2] },
      ],
    };

    // Act
    const marked = markNondeterministic(report, aa);

    // Assert
    expect(marked.features.map((f) => f.nondeterministic)).toEqual([['training', 'serving'], undefined]);
    expect(marked.classes.map((c) => c.nondeterministic)).toEqual([['training', 'serving'], undefined]);
    expect(marked.aa?.features.map((f) => f.side)).toEqual(['training', 'serving']);
  });

  it('gives the gate a nondeterministic reason, first, and marks the class reason', () => {
    // Arrange
    const report = replayReport({ read: 10 }, { classes: [divergenceClass('score', 'value', 'x', 2)] });
    const aa: AaCalibration = {
      compared: 10,
      features: [{ feature: 'score', side: 'training', compared: 10, diverged: 2, lines: [2, 5] }],
    };

    // Act
    const verdict = replayVerdict([markNondeterministic(report, aa)]);

    // Assert
    expect(verdict.status).toBe('fail');
    expect(verdict.reasons.map((r) => r.code)).toEqual(['nondeterministic', 'divergence']);
    expect(verdict.headline).toBe(
      'users: score on training: 2 of 10 records differ when run twice (first at lines 2, 5): its findings are not trusted as skew; make it deterministic (seed its randomness, pass the time in the input) or give it a tolerance that covers the noise',
    );
    expect(verdict.reasons[1]?.message).toContain(
      '[nondeterministic feature: not trusted as skew (A/A: training differs from itself run to run)]',
    );
  });

  it('an A/A calibration that found nothing passes a run without classes', () => {
    const report = markNondeterministic(replayReport({ read: 10 }), { compared: 10, features: [] });
    expect(replayVerdict([report]).status).toBe('pass');
  });
});

describe('mergeAaCalibrations', () => {
  it('adds records over shards, counting a shard that does not list the feature as agreeing on all it compared', () => {
    // Arrange: shard 1 found score nondeterministic on training, shard 2 did not
    const one: AaCalibration = {
      compared: 6,
      features: [{ feature: 'score', side: 'training', compared: 6, diverged: 3, lines: [1, 4, 7] }],
      sides: [
        { side: 'training', compared: 6 },
        { side: 'serving', compared: 0, skipped: 'logged' },
      ],
    };
    const two: AaCalibration = {
      compared: 4,
      features: [{ feature: 'score', side: 'serving', compared: 4, diverged: 1, lines: [2] }],
      sides: [
        { side: 'training', compared: 5 },
        { side: 'serving', compared: 4 },
      ],
    };
    const three: AaCalibration = {
      compared: 9,
      features: [{ feature: 'score', side: 'training', compared: 9, diverged: 4, lines: [0, 3, 5, 6] }],
    };

    // Act
    const merged = mergeAaCalibrations([one, undefined, two, three]);

    // Assert
    expect(merged).toEqual({
      compared: 19,
      features: [
        { feature: 'score', side: 'training', compared: 20, diverged: 7, lines: [0, 1, 3, 4, 5] },
        { feature: 'score', side: 'serving', compared: 4 + 0 + 9, diverged: 1, lines: [2] },
      ],
      sides: [
        { side: 'training', compared: 11 },
        { side: 'serving', compared: 4, skipped: 'logged' },
      ],
    });
  });

  it('is undefined when no shard was calibrated', () => {
    expect(mergeAaCalibrations([undefined, undefined])).toBeUndefined();
  });
});
