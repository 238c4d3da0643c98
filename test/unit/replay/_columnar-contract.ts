import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';

/** The contract that test/fixtures/columnar/sides.py serves: its input columns and the five features it computes. */
export const columnarContract = defineContract({
  name: 'columnar',
  version: '1',
  entity: 'user',
  timestamp: 'ts',
  input: z.object({
    id: z.number().int(),
    user: z.number().int(),
    ts: z.iso.datetime(),
    amount: z.number(),
    qty: z.number().int().min(0).max(100),
    kind: z.enum(['a', 'b', 'c']),
    note: z.string().nullable(),
    flag: z.boolean(),
  }),
  features: {
    n: { type: 'int' },
    total: { type: 'float', tolerance: { abs: 0.01 } },
    kind_out: { type: 'category', values: ['a', 'b', 'c'] },
    flag_out: { type: 'bool' },
    ratio: { type: 'float', nullable: true },
  },
});
