import { describe, expect, it } from 'vitest';
import { unavailableMessage } from '../../../src/compare/side-unavailable.ts';
import { goldenVerdict } from '../../../src/gate/golden-verdict.ts';

const down = unavailableMessage({
  address: 'http://10.0.0.12:8080/features',
  status: 'connection refused',
  attempts: 3,
});
const base = {
  contract: { name: 'users' },
  file: 'golden.jsonl',
  mode: 'new',
  existed: true,
  written: false,
  missing: [],
  changes: [],
} as const;
const counts = (matched: number) => ({ added: 0, matched, unmatched: 0, updated: 0 });

describe('goldenVerdict with a side unavailable', () => {
  it('on every case: ERROR, exit 2, with the address and status', () => {
    const errors = ['a', 'b'].map((c) => ({ case: c, side: 'serving', message: down }));
    const verdict = goldenVerdict([{ ...base, counts: counts(0), errors }]);
    expect(verdict).toMatchObject({ status: 'error', exitCode: 2 });
    expect(verdict.headline).toBe(
      'users: the serving side was unavailable at http://10.0.0.12:8080/features (connection refused) for all 2 golden cases, so nothing was checked. Check that it runs and can be reached',
    );
  });

  it('on some cases only: each is a failed case (exit 1), not an unreachable side', () => {
    const errors = [{ case: 'a', side: 'serving', message: down }];
    expect(goldenVerdict([{ ...base, counts: counts(1), errors }])).toMatchObject({ status: 'fail', exitCode: 1 });
    // A case only the other side failed on was computed by this one.
    const other = [...errors, { case: 'b', side: 'training', message: 'KeyError' }];
    expect(goldenVerdict([{ ...base, counts: counts(0), errors: other }])).toMatchObject({ exitCode: 1 });
  });

  it('a side failing on every case for another reason is not unreachable', () => {
    const errors = [{ case: 'a', side: 'serving', message: 'KeyError: amount' }];
    expect(goldenVerdict([{ ...base, counts: counts(0), errors }])).toMatchObject({ status: 'fail', exitCode: 1 });
  });
});
