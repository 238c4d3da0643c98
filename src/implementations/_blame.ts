import type { Ticket } from './_batch.ts';
import type { ChildFailure } from './_child-failure.ts';

/** A record written to a child and not answered yet. @internal */
export interface Pending {
  readonly ticket: Ticket;
  readonly seq: number;
  /** The `send` call that wrote it: an entity-wise side may work on a whole batch at once. */
  readonly group: number;
  readonly sentAt: number;
  overtakenAt?: number;
}

/** What a child's answers so far say about which records it could be working on. @internal */
export interface AnswerOrder {
  /** Highest sequence number answered. */
  readonly maxAnsweredSeq: number;
  /** The child answered at least once, each answer for a request sent after the previously answered one. */
  readonly sequential: boolean;
  readonly entityWise: boolean;
}

/**
 * Records overtaken (requests sent after them were answered) for `timeoutMs`: the child skipped them. Starts the
 * overtaken clock of the records overtaken since the last call. `held` is in send order.
 * @internal
 */
export function skippedRecords(
  held: Iterable<Pending>,
  maxAnsweredSeq: number,
  now: number,
  timeoutMs: number,
): Pending[] {
  const out: Pending[] = [];
  for (const p of held) {
    if (p.seq > maxAnsweredSeq) break; // sent in order: the rest were not overtaken
    if (p.overtakenAt === undefined) p.overtakenAt = now;
    else if (now - p.overtakenAt >= timeoutMs) out.push(p);
  }
  return out;
}

/** The failure of a child that skipped records: they are blamed. `skipped` is not empty. @internal */
export function skipFailure(skipped: readonly Pending[], timeoutMs: number, stderr: string): ChildFailure {
  const first = skipped[0] as Pending; // non-empty: checked by the caller
  const ids = skipped.length === 1 ? `id "${first.ticket.record.id}"` : `${skipped.length} ids`;
  return {
    kind: 'timeout',
    summary: `never answered ${ids} within ${timeoutMs} ms although it answered requests sent after it, and was killed`,
    stderr,
    blamed: skipped.map((p) => p.ticket),
    line: first.ticket.record.line,
  };
}

/**
 * The held records a hung child was working on. A sequential child was on its first unanswered record (entity-wise:
 * that record's batch, which a side may buffer whole until `end`) and had skipped the overtaken ones; the records
 * queued behind were never read. Of a child that answers out of order, or never answered, any could be the one.
 * @internal
 */
export function hungOn(held: readonly Pending[], order: AnswerOrder): { blamed: Ticket[]; stuck?: Pending } {
  const stuck = held.find((p) => p.seq > order.maxAnsweredSeq);
  if (!order.sequential || stuck === undefined)
    return { blamed: held.map((p) => p.ticket), ...(stuck ? { stuck } : {}) };
  const working = (p: Pending) => p.seq < stuck.seq || (order.entityWise ? p.group === stuck.group : p === stuck);
  return { blamed: held.filter(working).map((p) => p.ticket), stuck };
}
