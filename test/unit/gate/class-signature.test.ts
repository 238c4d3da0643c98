import { describe, expect, it } from 'vitest';
import { errorCause } from '../../../src/fuzz/run-case.ts';
import { causeShape, classSignature } from '../../../src/gate/class-signature.ts';

const identity = { contract: 'card_fraud', feature: 'amount_rounded', kind: 'value', cause: 'serving higher' };

describe('classSignature: (contract, feature, kind, cause shape), nothing else', () => {
  it('is 16 hex digits and pinned: changing the algorithm needs a signatureVersion bump and a migration', () => {
    expect(classSignature(identity)).toMatch(/^[0-9a-f]{16}$/);
    // If this changes, every accepted.json in every repository stops matching: see docs/accepted.md.
    expect(classSignature(identity)).toBe('71423c495a72d904');
  });

  it('each part counts', () => {
    const base = classSignature(identity);
    expect(classSignature({ ...identity, contract: 'other' })).not.toBe(base);
    expect(classSignature({ ...identity, feature: 'log_amount' })).not.toBe(base);
    expect(classSignature({ ...identity, kind: 'type' })).not.toBe(base);
    expect(classSignature({ ...identity, cause: 'serving lower' })).not.toBe(base);
  });

  it('display remarks and spacing are not part of the shape', () => {
    expect(causeShape('timestamp', 'Δ=+1h (time zone?)')).toBe('Δ=+1h');
    expect(classSignature({ ...identity, kind: 'value', cause: 'Δ=+1h (time zone?)' })).toBe(
      classSignature({ ...identity, kind: 'value', cause: 'Δ=+1h  ' }),
    );
  });

  it('an error class has one signature whether replay or fuzz worded its cause', () => {
    const message = "KeyError: 'merchant_city' at line 12";
    const replayCause = `training: ${message.replace(/\d+/g, '#').slice(0, 160)}`; // as report-builder words it
    const fuzzCause = errorCause('training', message);
    expect(causeShape('error', replayCause)).toBe('training:KeyError');
    expect(causeShape('error', fuzzCause)).toBe('training:KeyError');
    const unnamed = 'could not parse "2026-01-01" after 3 tries';
    expect(causeShape('error', `serving: ${unnamed.replace(/\d+/g, '#')}`)).toBe(
      causeShape('error', errorCause('serving', unnamed)),
    );
    expect(causeShape('error', 'serving: x')).not.toBe(causeShape('error', 'training: x'));
  });
});
