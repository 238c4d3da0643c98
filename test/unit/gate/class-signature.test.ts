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

describe('signatures of the causes the comparator writes today', () => {
  // The comparator's cause wording is part of every signature. If this test fails, a change in src/compare reworded
  // a cause: every accepted.json naming such a class stops matching. Keep the wording, or bump SIGNATURE_VERSION and
  // migrate accepted files (docs/accepted.md).
  it('are pinned', async () => {
    const { z } = await import('zod');
    const { defineContract } = await import('../../../src/contract/define-contract.ts');
    const { compileComparator } = await import('../../../src/compare/compare-features.ts');
    const contract = defineContract({
      name: 'pinned',
      version: '1',
      entity: 'id',
      input: z.object({ id: z.string() }),
      features: {
        n: { type: 'int' },
        x: { type: 'float' },
        s: { type: 'string' },
        c: { type: 'category', values: ['a', 'b'] },
        t: { type: 'timestamp' },
        m: { type: 'float', nullable: true },
        r: { type: 'int', range: { max: 10 } },
      },
    });
    const training = { n: 1, x: 1.5, s: 'İ', c: 'a', t: 0, m: 1, r: 11 };
    const serving = { n: 2, x: 1.25, s: 'i̇', c: 'b', t: 3_600_000, m: null, r: 11, extra: 1 };
    const classes = compileComparator(contract)(training, serving).map((d) => ({
      feature: d.feature,
      kind: d.kind,
      cause: d.cause,
      signature: classSignature({ contract: 'pinned', feature: d.feature, kind: d.kind, cause: d.cause }),
    }));
    expect(classes).toMatchInlineSnapshot(`
      [
        {
          "cause": "serving higher",
          "feature": "n",
          "kind": "value",
          "signature": "66487126fccd97eb",
        },
        {
          "cause": "serving lower",
          "feature": "x",
          "kind": "value",
          "signature": "660eddf2c00ed416",
        },
        {
          "cause": "letter case",
          "feature": "s",
          "kind": "value",
          "signature": "a3905eac8e3cb15d",
        },
        {
          "cause": "training=a serving=b",
          "feature": "c",
          "kind": "value",
          "signature": "6666bce789897ae9",
        },
        {
          "cause": "Δ=+1h (time zone?)",
          "feature": "t",
          "kind": "value",
          "signature": "9bc8885d062370bd",
        },
        {
          "cause": "serving null",
          "feature": "m",
          "kind": "null_mismatch",
          "signature": "65fff0bde1c9e604",
        },
        {
          "cause": "both above max #",
          "feature": "r",
          "kind": "contract",
          "signature": "728010f216c1eb75",
        },
        {
          "cause": "extra key on serving",
          "feature": "extra",
          "kind": "unexpected",
          "signature": "d19b741b4e0d95f2",
        },
      ]
    `);
  });
});
