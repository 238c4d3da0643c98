import { describe, expect, it } from 'vitest';
import { classSignature } from '../../../src/gate/class-signature.ts';
import { mismatchRateReasons } from '../../../src/gate/mismatch-rate.ts';
import { replayVerdict } from '../../../src/gate/replay-verdict.ts';
import { divergenceClass, replayReport } from './_report.ts';

// `score` diverged on 10 of 100 compared records.
const report = replayReport({ read: 100 }, { classes: [divergenceClass('score', 'value', 'serving higher', 10)] });
const accepted = new Map([
  [
    'users',
    {
      signatureVersion: 1,
      contract: 'users',
      accepted: [
        {
          signature: classSignature({ contract: 'users', feature: 'score', kind: 'value', cause: 'serving higher' }),
          feature: 'score',
          kind: 'value',
          cause: 'serving higher',
          maxRecords: 1000,
          reason: 'known',
        },
      ],
    },
  ],
]);
const contract = (maxMismatchRate?: number) => ({
  name: 'users',
  features: { score: maxMismatchRate === undefined ? {} : { maxMismatchRate }, name_length: {} },
});

describe('maxMismatchRate', () => {
  it('caps a feature’s total rate, accepted classes included', () => {
    const [reason, ...rest] = mismatchRateReasons(report, contract(0.05).features);
    expect(rest).toEqual([]);
    expect(reason).toMatchObject({ code: 'mismatch_rate', feature: 'score', contract: 'users' });
    expect(reason?.message).toBe(
      'users: score diverged on 10.00% of compared records (10 of 100), over its maxMismatchRate 5.00% in the contract',
    );
    const verdict = replayVerdict([report], { accepted, contracts: [contract(0.05)] });
    expect(verdict).toMatchObject({ status: 'fail', exitCode: 1 });
    expect(verdict.classes[0]?.decision).toBe('accepted');
  });

  it('a rate at the cap, or no cap, passes', () => {
    expect(mismatchRateReasons(report, contract(0.1).features)).toEqual([]);
    expect(mismatchRateReasons(report, contract().features)).toEqual([]);
    expect(replayVerdict([report], { accepted, contracts: [contract(0.1)] }).status).toBe('pass');
  });

  it('never lets a class pass that is not accepted, however high the cap', () => {
    const verdict = replayVerdict([report], { contracts: [contract(1)] });
    expect(verdict).toMatchObject({ status: 'fail', exitCode: 1 });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['divergence']);
  });
});
