import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Contract } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import type { SidePair } from '../../../src/implementations/side.ts';
import { PYTHON } from '../io/_pyarrow.ts';

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

const SIDES = fileURLToPath(new URL('../../fixtures/columnar/sides.py', import.meta.url));

/**
 * The fixture's two frame sides (test/fixtures/columnar/sides.py) for a contract of its columns: entity-wise, one batch
 * at a time; with `by-id`, their answers come in reverse order, matched by `_id`.
 */
export function fixtureSides(contract: Contract, answers: 'in-order' | 'by-id' = 'in-order'): SidePair {
  const side = (name: string) =>
    frameSide({
      command: [PYTHON, SIDES, name, answers],
      description: `${name} frame side`,
      contract,
      shape: 'entity',
      concurrency: 1,
    });
  return { training: side('training'), serving: side('serving') };
}
