import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import type { Side } from '../../../src/implementations/side.ts';

/** A tiny record-wise contract: two features of two fields. */
export const tiny = defineContract({
  name: 'tiny',
  version: '1.0.0',
  entity: 'id',
  input: z.object({ id: z.string(), x: z.number().int().min(-1000).max(1000), s: z.string().max(20) }),
  features: {
    double: { type: 'int' },
    length: { type: 'int', nullable: true },
  },
});

type TinyInput = z.infer<typeof tiny.input>;

/** The reference implementation. */
export const reference = (input: TinyInput) => ({ double: input.x * 2, length: [...input.s].length });

/** Two planted bugs: `double` is off by one above 10, `length` is null for the empty string. */
export const buggy = (input: TinyInput) => ({
  double: input.x > 10 ? input.x * 2 + 1 : input.x * 2,
  length: input.s === '' ? null : [...input.s].length,
});

export const referenceSide: Side = recordSide(tiny, reference, { description: 'reference' });
export const buggySide: Side = recordSide(tiny, buggy, { description: 'buggy' });

/** A tiny entity-wise contract (with a timestamp field) and a running count per entity. */
export const counted = defineContract({
  name: 'counted',
  version: '1.0.0',
  entity: 'user',
  timestamp: 'at',
  input: z.object({
    user: z.string().min(1),
    at: z.number().int().min(0),
  }),
  features: { seen: { type: 'int' } },
});

export const countSide: Side = entitySide(counted, (history) => history.map((_, i) => ({ seen: i + 1 })), {
  description: 'count',
});
