import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { cardFraudArbitraries, servingFactory, trainingSide } from '../../../examples/card-fraud/fuzz-settings.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';

describe('minimal histories', () => {
  it('drop the events a divergence does not need and simplify the fields of the rest', async () => {
    const result = await fuzzContract({
      contract: cardFraud,
      sides: { training: trainingSide, serving: servingFactory },
      seed: 1,
      arbitraries: cardFraudArbitraries,
    });
    const byClass = (feature: string, kind = 'value') =>
      result.findings.find((f) => f.feature === feature && f.kind === kind);

    const rounding = byClass('amount_rounded');
    expect(rounding?.minimalInput).toHaveLength(1);
    const [event] = (rounding?.minimalInput ?? []) as { amount: number }[];
    expect((event?.amount ?? 0) % 1).toBe(0.5);
    expect(rounding?.reducedFrom).toBeGreaterThan(1);

    const length = byClass('merchant_name_length');
    expect(length?.minimalInput).toEqual([
      expect.objectContaining({
        merchant_name: expect.stringMatching(/^\p{Extended_Pictographic}$|^[\u{10000}-\u{10FFFF}]$/u),
      }),
    ]);

    // A window divergence needs the earlier event exactly 7 days before: two events, nothing else.
    const window = byClass('txn_count_7d');
    const events = window?.minimalInput as { ts: string }[];
    expect(events).toHaveLength(2);
    expect(Date.parse(events[1]?.ts ?? '') - Date.parse(events[0]?.ts ?? '')).toBe(7 * 86_400_000);
  });
});
