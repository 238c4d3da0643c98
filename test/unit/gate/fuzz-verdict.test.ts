import { describe, expect, it } from 'vitest';
import { fuzzVerdict } from '../../../src/gate/fuzz-verdict.ts';

const finding = { feature: 'amount_rounded', kind: 'value', cause: 'serving higher' };

describe('fuzzVerdict: fuzz goes through the same gate', () => {
  it('no finding in cases that ran: PASS', () => {
    const verdict = fuzzVerdict([{ contract: { name: 'users' }, runs: 100, findings: [] }]);
    expect(verdict).toMatchObject({ status: 'pass', exitCode: 0, stages: { fuzz: 'passed' } });
  });

  it('each finding is a class not accepted: FAIL, exit 1', () => {
    const verdict = fuzzVerdict([{ contract: { name: 'users' }, runs: 100, findings: [finding] }]);
    expect(verdict).toMatchObject({ status: 'fail', exitCode: 1, stages: { fuzz: 'failed' } });
    expect(verdict.headline).toBe('users: amount_rounded · value · serving higher, found by fuzz, not accepted');
    expect(verdict.classes).toEqual([
      expect.objectContaining({ contract: 'users', feature: 'amount_rounded', decision: 'new', records: 1 }),
    ]);
  });

  it('no case run at all checked nothing: FAIL; a replayed corpus counts as cases', () => {
    const none = fuzzVerdict([{ contract: { name: 'users' }, runs: 0, findings: [] }]);
    expect(none).toMatchObject({ status: 'fail', exitCode: 1 });
    expect(none.reasons[0]?.code).toBe('nothing_compared');
    const corpusOnly = fuzzVerdict([{ contract: { name: 'users' }, runs: 0, findings: [], corpus: { replayed: 3 } }]);
    expect(corpusOnly.status).toBe('pass');
  });
});

describe('fuzzVerdict with accepted files', () => {
  it('a finding of a listed class is reported as accepted and passes; others still fail', async () => {
    const { classSignature } = await import('../../../src/gate/class-signature.ts');
    const signature = classSignature({ contract: 'users', ...finding });
    const accepted = new Map([
      [
        'users',
        {
          signatureVersion: 1,
          contract: 'users',
          accepted: [{ signature, ...finding, maxRecords: 1, reason: 'known' }],
        },
      ],
    ]);
    const other = { feature: 'name_length', kind: 'value', cause: 'serving higher' };
    const pass = fuzzVerdict([{ contract: { name: 'users' }, runs: 10, findings: [finding] }], { accepted });
    expect(pass).toMatchObject({ status: 'pass', exitCode: 0 });
    expect(pass.classes[0]).toMatchObject({ decision: 'accepted', reason: 'known' });
    const fail = fuzzVerdict([{ contract: { name: 'users' }, runs: 10, findings: [finding, other] }], { accepted });
    expect(fail.reasons.map((r) => r.feature)).toEqual(['name_length']);
  });
});
