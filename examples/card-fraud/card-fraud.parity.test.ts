import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../contracts/card-fraud.ts';
import { checkParity, memoryCorpusStore, parity } from '../../src/vitest/index.ts';
import { cardFraudArbitraries, servingFactory, trainingSide } from './fuzz-settings.ts';

// What a team writes in its own test suite: the serving path must compute what training computes. Findings go to
// the regression corpus snapshots/card_fraud/fuzz-corpus/ (the one `lockstep fuzz` keeps), replayed first on every
// run; `vitest -u` removes the cases that agree now, and CI writes nothing.
describe('card-fraud parity', () => {
  it('finds all five planted divergences of serving.ts (the corpus replays first, then the default budget)', async () => {
    const result = await checkParity(cardFraud, {
      training: trainingSide,
      serving: servingFactory,
      seed: 2024,
      arbitraries: cardFraudArbitraries,
    });

    const classes = new Set(result.findings.map((f) => `${f.feature} ${f.kind}`));
    expect([...classes]).toEqual(
      expect.arrayContaining([
        'amount_rounded value', // Math.round vs round half to even
        'merchant_name_length value', // UTF-16 units vs code points
        'is_weekend value', // UTC day vs the cardholder's day
        'txn_count_7d value', // 7-day window closed on the left
        'amount_sum_7d value',
        'avg_amount_prev_7d value',
        'avg_amount_prev_7d null_mismatch', // null vs fillna(0)
      ]),
    );
    expect(result.runs).toBeLessThanOrEqual(1000);
  });

  it('training.ts agrees with itself', async () => {
    await parity(cardFraud, {
      training: trainingSide,
      serving: trainingSide,
      seed: 2024,
      arbitraries: cardFraudArbitraries,
      // Not the training/serving corpus: every case there agrees here, and `vitest -u` would remove them all.
      corpus: memoryCorpusStore(),
    });
  });
});
