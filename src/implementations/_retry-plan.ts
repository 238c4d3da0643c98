import { type BatchState, retryUnits, type Ticket } from './_batch.ts';

/** What to do with the records a failed child held. @internal */
export interface RetryPlan {
  /** Blamed a second time: they get an error outcome. */
  readonly exhausted: readonly Ticket[];
  /** Blamed for the first time: each unit (a record, or an entity's history) is retried alone on a fresh child. */
  readonly isolated: readonly Ticket[][];
  /** Held but not blamed (queued behind the record the child was on): re-sent as they were, one group per batch. */
  readonly innocent: readonly Ticket[][];
}

/**
 * Sorts the records a failed child held. A blamed record gets one strike: the first time it is retried alone (so a
 * fault that follows it shows), the second time it fails. Innocent records are re-sent without a strike. Records
 * already settled are skipped, but an entity's history is re-sent whole (the side needs it).
 * @internal
 */
export function planRetries(held: readonly Ticket[], blamed: readonly Ticket[], entityWise: boolean): RetryPlan {
  const open = (t: Ticket) => !t.batch.isSettled(t.index);
  const exhausted: Ticket[] = [];
  const isolated: Ticket[][] = [];
  const covered = new Set<Ticket>();
  for (const unit of retryUnits(blamed, entityWise)) {
    for (const t of unit) covered.add(t);
    if (!unit.some(open)) continue;
    if (unit.some((t) => t.strikes > 0)) exhausted.push(...unit.filter(open));
    else {
      for (const t of unit) t.strikes++;
      isolated.push(unit);
    }
  }
  const byBatch = new Map<BatchState, Ticket[]>();
  const rest = held.filter((t) => !covered.has(t) && open(t));
  for (const unit of retryUnits(rest, entityWise)) {
    const group = byBatch.get(unit[0]?.batch as BatchState) ?? [];
    if (group.length === 0) byBatch.set(unit[0]?.batch as BatchState, group);
    group.push(...unit);
  }
  return { exhausted, isolated, innocent: [...byBatch.values()] };
}
