import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../contracts/card-fraud.ts';
import { entitySide, recordSide } from '../../src/implementations/in-process.ts';
import { checkParity, parity } from '../../src/vitest/index.ts';
import { createServingFeatures } from './serving.ts';
import { trainingFeatures } from './training.ts';

/** The contract says only "a non-empty string": tell the generator the cardholder's zone is an IANA zone. */
const ZONES = ['UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney'];
const cardholderZones = { cardholder_tz: fc.constantFrom(...ZONES) };

const training = entitySide(cardFraud, trainingFeatures, { description: 'training.ts' });
/** The serving path keeps an online store: a fresh one per generated history. */
const serving = () => recordSide(cardFraud, createServingFeatures(), { description: 'serving.ts' });

describe('card-fraud parity', () => {
  it('finds all five planted divergences of serving.ts within the default budget', async () => {
    const result = await checkParity(cardFraud, {
      training,
      serving,
      seed: 2024,
      arbitraries: { overrides: cardholderZones, timeZones: ZONES },
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
    // Whole cents: on sub-cent amounts such as 5e-324 the incremental window sum of training.ts drifts just below 0
    // and breaks the contract's min 0 on both sides alike (a finding of kind contract, not a skew between sides).
    const cents = fc.integer({ min: 0, max: 100_000_000 }).map((c) => c / 100);
    await parity(cardFraud, {
      training,
      serving: training,
      seed: 2024,
      arbitraries: { overrides: { ...cardholderZones, amount: cents }, timeZones: ZONES },
    });
  });
});
