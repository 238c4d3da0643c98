import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import type { Side, SideRecord } from '../../../src/implementations/side.ts';

const EXAMPLE = new URL('../../../examples/card-fraud/', import.meta.url).pathname;
const record: SideRecord = {
  id: '1',
  line: 1,
  entity: 'card_1',
  timestamp: Date.UTC(2026, 2, 1),
  input: {
    card_id: 'card_1',
    txn_id: 't1',
    ts: '2026-03-01T00:00:00.000Z',
    amount: 10,
    merchant_name: 'Shop',
    merchant_category: 'grocery',
    cardholder_tz: 'UTC',
  },
};

async function servingCount(): Promise<unknown> {
  const loaded = await loadConfig('lockstep.in-process.config.ts', EXAMPLE);
  const serving = loaded.config.contracts[0]?.serving as Side;
  const [outcome] = await serving.compute([record]);
  return (outcome as { features: Record<string, unknown> }).features.txn_count_7d;
}

describe('loadConfig', () => {
  it('evaluates the config afresh on every load: a stateful side does not carry one run into the next', async () => {
    expect(await servingCount()).toBe(1);
    expect(await servingCount()).toBe(1);
  });
});
