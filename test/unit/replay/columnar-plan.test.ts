import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import type { LogColumn } from '../../../src/replay/columnar/columnar-log.ts';
import { columnarPlan } from '../../../src/replay/columnar/plan.ts';
import { DEFAULT_LOG_FORMAT } from '../../../src/replay/log-format.ts';

const contract = defineContract({
  name: 'plan',
  version: '1',
  entity: 'user',
  timestamp: 'ts',
  input: z.object({
    user: z.number().int(),
    ts: z.iso.datetime(),
    amount: z.number(),
    qty: z.number().int().min(0).max(100),
    ratio: z.number().gt(0).lt(1).nullable(),
  }),
  features: { n: { type: 'int' } },
});

const columns: LogColumn[] = [
  { name: 'user', kind: 'int' },
  { name: 'ts', kind: 'timestamp', unit: 'ms' },
  { name: 'amount', kind: 'float' },
  { name: 'qty', kind: 'int' },
  { name: 'ratio', kind: 'float' },
];

const VALUES = [0, -0, 0.5, 1, 3, 99.5, 100, 101, -1, 2 ** 53, 2 ** 53 - 1, Number.NaN, Infinity, -Infinity, 1e-300];

describe('columnarPlan', () => {
  it("checks a column of numbers in one loop with the same rows doubted as the cell check's", () => {
    // Arrange
    const plan = columnarPlan(contract, DEFAULT_LOG_FORMAT, columns);
    if ('why' in plan) throw new Error(plan.why);

    // Act
    const checked = plan.fields.filter((f) => f.checkNumbers !== undefined).map((f) => f.frame.name);

    // Assert
    expect(checked).toEqual(expect.arrayContaining(['user', 'amount', 'qty', 'ratio']));
    for (const field of plan.fields) {
      if (field.checkNumbers === undefined) continue;
      const doubted = new Uint8Array(VALUES.length);
      field.checkNumbers(Float64Array.from(VALUES), doubted);
      expect(Array.from(doubted), field.frame.name).toEqual(VALUES.map((v) => (field.check(v) ? 0 : 1)));
    }
  });
});
