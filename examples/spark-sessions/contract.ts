import { z } from 'zod';
import { defineContract } from '../../src/contract/define-contract.ts';

/**
 * Per-event spending features over a user's history: what the online store serves with each request, and what the
 * Spark training job computes with window functions over the same events. Windows end at the event (included) and
 * start just after `t − 7 days` / `t − 1 hour` (excluded): `(t − 7 d, t]`.
 */
export const sessionSpend = defineContract({
  name: 'session_spend',
  version: '1.0.0',
  entity: 'user_id',
  timestamp: 'ts',
  description: 'Rolling spend features of a user, over (t − 7 d, t] and (t − 1 h, t].',
  input: z.object({
    user_id: z.string().min(1),
    ts: z.iso.datetime({ offset: true }),
    amount: z.number().min(0),
  }),
  features: {
    spend_7d: {
      type: 'float',
      range: { min: 0 },
      tolerance: { abs: 1e-6, rel: 1e-9 },
      description: 'sum of the user’s amounts in (t − 7 d, t], this event included',
    },
    events_7d: { type: 'int', range: { min: 1 }, description: 'events of the user in (t − 7 d, t]' },
    events_1h: { type: 'int', range: { min: 1 }, description: 'events of the user in (t − 1 h, t]' },
    avg_amount_7d: {
      type: 'float',
      range: { min: 0 },
      tolerance: { abs: 1e-6, rel: 1e-9 },
      description: 'mean amount over (t − 7 d, t]',
    },
    secs_since_prev: {
      type: 'float',
      nullable: true,
      range: { min: 0 },
      tolerance: { abs: 1e-6 },
      description: 'seconds since the user’s previous event; null for the first',
    },
    prev_event_at: { type: 'timestamp', nullable: true, description: 'time of the user’s previous event' },
  },
});

/** One logged request of the session-spend model. */
export type SpendEvent = z.infer<typeof sessionSpend.input>;
