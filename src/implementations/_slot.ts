import type { Ticket } from './_batch.ts';
import type { ChildEvents, ChildFailure, ProtocolChild } from './_child.ts';
import { planRetries } from './_retry-plan.ts';
import type { SideDiagnostic, SideOutcome } from './side.ts';

/**
 * What to write together: a whole engine batch, one isolated retry (a record, or an entity's history), or a reset
 * (no records; sent when nothing is in flight, `done` runs once the child acknowledged it or was replaced).
 * @internal
 */
export interface WorkItem {
  readonly tickets: readonly Ticket[];
  readonly endId?: string;
  /** Sent alone, on a child with nothing else in flight, so a crash or hang points at exactly these records. */
  readonly exclusive: boolean;
  readonly reset?: { readonly token: string; readonly done: () => void };
}

/** What a slot needs from the pool that owns it. @internal */
export interface SlotHost {
  readonly display: string;
  readonly entityWise: boolean;
  readonly maxInFlightPerChild: number;
  /** True once `start()` succeeded; before that a child's exit is reported by `start()` itself. */
  readonly running: boolean;
  spawn(events: ChildEvents): ProtocolChild;
  /** Whether any child of the side ever answered a request. */
  hasAnswered(): boolean;
  nextBatchId(): string;
  diagnostic(diagnostic: SideDiagnostic): void;
  /** The slot gave up (its child keeps failing before answering anything); `orphans` must go elsewhere. */
  slotDied(slot: Slot, orphans: readonly WorkItem[], reason: string): void;
  /** The command breaks the protocol in a way no restart mends (it answers only at end of input). */
  brokenProtocol(held: readonly Ticket[], what: string, stderr: string): void;
}

/** Children that die before answering anything this many times in a row make their slot give up. */
const MAX_START_FAILURES = 3;

/** The first lines of some tickets' records, for a diagnostic. */
function linesOf(tickets: readonly Ticket[]): string {
  const lines = tickets.map((t) => t.record.line);
  return lines.slice(0, 8).join(', ') + (lines.length > 8 ? ', …' : '');
}

/**
 * One of the N parallel places work runs: the current child plus a queue. When the child dies or hangs, the records
 * it was working on are retried once, each alone on the fresh child, and error if they fail alone too; the records it
 * held but had not reached are re-sent as they were (see `planRetries`).
 * @internal
 */
export class Slot implements ChildEvents {
  child: ProtocolChild | undefined;
  dead = false;
  /** Some child of this slot answered at least once: the command works. */
  everAnswered = false;
  private queue: WorkItem[] = [];
  private queued = 0;
  private startFailures = 0;

  constructor(private readonly host: SlotHost) {
    this.child = host.spawn(this);
  }

  /** Records queued or in flight here; the pool sends each batch to the least-loaded slot. */
  get load(): number {
    return this.queued + (this.child?.pendingCount ?? 0);
  }

  enqueue(item: WorkItem): void {
    this.queue.push(item);
    this.queued += item.tickets.length;
    this.pump();
  }

  /** Resolves once the child acknowledged a reset sent after the work queued now, or was replaced by a fresh one. */
  reset(token: string): Promise<void> {
    if (this.dead) return Promise.resolve();
    return new Promise((done) => this.enqueue({ tickets: [], exclusive: true, reset: { token, done } }));
  }

  answered(ticket: Ticket, outcome: SideOutcome): void {
    this.everAnswered = true;
    ticket.batch.settle(ticket.index, outcome);
  }

  diagnostic(diagnostic: SideDiagnostic): void {
    this.host.diagnostic(diagnostic);
  }

  mayProbeEof(): boolean {
    return !this.host.hasAnswered();
  }

  progressed(child: ProtocolChild): void {
    if (child.answeredCount > 0) this.everAnswered = true;
    if (child.pendingCount === 0) child.exclusive = false;
    if (this.queue.length > 0) this.pump();
  }

  failed(child: ProtocolChild, pending: Ticket[], failure: ChildFailure): void {
    if (this.child !== child) return;
    this.child = undefined;
    const resetDone = child.takeReset();
    if (failure.eofOnly !== undefined) {
      resetDone?.();
      this.host.brokenProtocol(pending, failure.eofOnly, failure.stderr);
      return;
    }
    if (!this.host.running) {
      resetDone?.();
      return;
    }
    const stderr = failure.stderr === '' ? '' : `; last stderr: ${failure.stderr}`;
    const { display } = this.host;
    const lineOf = failure.line === undefined ? {} : { line: failure.line };
    const message = failure.reset
      ? `${display} ${failure.summary}; restarting it (a fresh child starts empty, as a reset would leave it)${stderr}`
      : `${display} ${failure.summary} with ${pending.length} records in flight${failure.detail === undefined ? '' : ` (${failure.detail})`}${stderr}; restarting it`;
    this.host.diagnostic({ kind: failure.kind, message, ...lineOf });
    this.requeue(pending, failure, stderr);
    // A fresh child dying on an isolated retry is the record's fault, unless the command never answered at all.
    if (child.answeredCount > 0) this.startFailures = 0;
    else if (!failure.reset && (!child.exclusive || !this.host.hasAnswered())) this.startFailures++;
    if (this.startFailures < MAX_START_FAILURES) {
      this.child = this.host.spawn(this);
      resetDone?.();
      this.pump();
      return;
    }
    resetDone?.();
    this.dead = true;
    const orphans = this.takeQueue();
    this.host.slotDied(
      this,
      orphans,
      `${failure.summary} before answering anything, ${MAX_START_FAILURES} times in a row${stderr}`,
    );
  }

  /** Stops the child; returns every record still queued or in flight here. */
  async close(graceMs: number): Promise<Ticket[]> {
    this.dead = true;
    const held = this.takeQueue().flatMap((item) => item.tickets);
    const child = this.child;
    this.child = undefined;
    child?.takeReset()?.();
    return child === undefined ? held : [...(await child.close(graceMs)), ...held];
  }

  /** Kills the child at once; returns every record still queued or in flight here. */
  abandon(): Ticket[] {
    this.dead = true;
    const held = this.takeQueue().flatMap((item) => item.tickets);
    const child = this.child;
    this.child = undefined;
    child?.takeReset()?.();
    return child === undefined ? held : [...child.abandon(), ...held];
  }

  /** Queues the retries a failure calls for (first, before other work) and fails the records blamed twice. */
  private requeue(pending: readonly Ticket[], failure: ChildFailure, stderr: string): void {
    const { display, entityWise } = this.host;
    const plan = planRetries(pending, failure.blamed, entityWise);
    const error = `${display} ${failure.summary} while this record was in flight, also when retried alone on a restarted child${stderr}`;
    for (const t of plan.exhausted) t.batch.settle(t.index, { error });
    const endId = () => (entityWise ? { endId: this.host.nextBatchId() } : {});
    const isolated = plan.isolated.map((tickets) => ({ tickets, exclusive: true, ...endId() }));
    const innocent = plan.innocent.map((tickets) => ({ tickets, exclusive: false, ...endId() }));
    const retried = isolated.flatMap((u) => u.tickets);
    const resent = innocent.flatMap((u) => u.tickets);
    if (retried.length > 0 || resent.length > 0) {
      const what = entityWise ? 'entity history' : 'record';
      const parts = [
        ...(retried.length > 0
          ? [`retrying ${retried.length} records (lines ${linesOf(retried)}), one ${what} at a time`]
          : []),
        ...(resent.length > 0
          ? [`re-sending ${resent.length} records it had not reached (lines ${linesOf(resent)})`]
          : []),
      ];
      this.host.diagnostic({ kind: 'retry', message: `${display}: ${parts.join('; ')}` });
    }
    this.queue.unshift(...isolated, ...innocent);
    this.queued += retried.length + resent.length;
  }

  /** Empties the queue; resets waiting in it are done (the slot is gone: nothing of it keeps state). */
  private takeQueue(): WorkItem[] {
    const items = this.queue;
    this.queue = [];
    this.queued = 0;
    for (const item of items) item.reset?.done();
    return items.filter((item) => item.reset === undefined);
  }

  private pump(): void {
    const child = this.child;
    if (child === undefined || this.dead) return;
    while (this.queue.length > 0 && !child.exclusive && !child.busyResetting) {
      const item = this.queue[0] as WorkItem; // length checked by the loop condition
      const busy = child.pendingCount;
      if (item.exclusive ? busy > 0 : busy > 0 && busy + item.tickets.length > this.host.maxInFlightPerChild) return;
      this.queue.shift();
      this.queued -= item.tickets.length;
      if (item.reset !== undefined) child.sendReset(item.reset.token, item.reset.done);
      else {
        child.exclusive = item.exclusive;
        child.send(item.tickets, item.endId);
      }
    }
  }
}
