import type { SideOutcome, SideRecord } from './side.ts';

/** One record of a batch on its way through a side: where its outcome goes and how often it was sent. @internal */
export interface Ticket {
  readonly record: SideRecord;
  readonly batch: BatchState;
  readonly index: number;
  /** How many times a failed child was blamed for the record: after one it is retried alone, after two it fails. */
  strikes: number;
}

/**
 * The outcomes of one `compute` call. Each record is settled exactly once: later answers for the same record (a
 * late reply, an entity's history re-sent with a retry) are ignored, so nothing is reported twice.
 * @internal
 */
export class BatchState {
  readonly tickets: Ticket[];
  readonly promise: Promise<readonly SideOutcome[]>;
  private readonly outcomes: (SideOutcome | undefined)[];
  private remaining: number;
  // Definitely assigned: the Promise executor runs synchronously inside the constructor.
  private resolve!: (outcomes: readonly SideOutcome[]) => void;
  private reject!: (error: unknown) => void;

  constructor(records: readonly SideRecord[]) {
    this.tickets = records.map((record, index) => ({ record, batch: this, index, strikes: 0 }));
    this.outcomes = new Array(records.length);
    this.remaining = records.length;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  isSettled(index: number): boolean {
    return this.outcomes[index] !== undefined;
  }

  /** Records an outcome; returns false (and changes nothing) when the record already has one. */
  settle(index: number, outcome: SideOutcome): boolean {
    if (this.outcomes[index] !== undefined || this.remaining === 0) return false;
    this.outcomes[index] = outcome;
    if (--this.remaining === 0) this.resolve(this.outcomes as SideOutcome[]);
    return true;
  }

  /** Ends the batch with an error (the side cannot run at all); `compute` rejects with it. */
  fail(error: unknown): void {
    if (this.remaining === 0) return;
    this.remaining = 0;
    this.reject(error);
  }
}

/**
 * The tickets that must be re-sent together to retry `tickets`: each record alone for record-wise sides; for
 * entity-wise sides the whole history of each entity in its batch (the side needs it to recompute the window).
 * Units keep batch order.
 * @internal
 */
export function retryUnits(tickets: readonly Ticket[], entityWise: boolean): Ticket[][] {
  if (!entityWise) return tickets.map((t) => [t]);
  const units: Ticket[][] = [];
  const seen = new Set<Ticket>();
  for (const ticket of tickets) {
    if (seen.has(ticket)) continue;
    const all = ticket.batch.tickets;
    const entity = ticket.record.entity;
    let start = ticket.index;
    while (start > 0 && all[start - 1]?.record.entity === entity) start--;
    let end = ticket.index + 1;
    while (end < all.length && all[end]?.record.entity === entity) end++;
    const unit = all.slice(start, end);
    for (const t of unit) seen.add(t);
    units.push(unit);
  }
  return units;
}

/**
 * An entity-wise side may answer a whole batch at `end`, so the first answer carries the batch's time and the rest
 * almost none. Spread the batch's service time evenly, as the in-process entity side does.
 * @internal
 */
export function spreadLatency(outcomes: readonly SideOutcome[]): SideOutcome[] {
  const total = outcomes.reduce((sum, o) => sum + (o.latencyMs ?? 0), 0);
  const latencyMs = outcomes.length === 0 ? 0 : total / outcomes.length;
  return outcomes.map((o) => ({ ...o, latencyMs }));
}
