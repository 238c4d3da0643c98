import { retryUnits, type Ticket } from './_batch.ts';
import type { ChildEvents, ChildFailure, ProtocolChild } from './_child.ts';
import type { SideDiagnostic, SideOutcome } from './side.ts';

/** Records to write together: a whole engine batch, or one isolated retry (a record, or an entity's history). @internal */
export interface WorkItem {
  readonly tickets: readonly Ticket[];
  readonly endId?: string;
  /** Sent alone, on a child with nothing else in flight, so a crash or hang points at exactly these records. */
  readonly exclusive: boolean;
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
}

/** Children that die before answering anything this many times in a row make their slot give up. */
const MAX_START_FAILURES = 3;

/**
 * One of the N parallel places work runs: the current child plus a queue. When the child dies or hangs, the records
 * it held are retried once, each alone on the fresh child (so an innocent record pipelined behind a crashing one is
 * not blamed), and a record that fails its retry too gets an error outcome naming the exit and the stderr.
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

  answered(ticket: Ticket, outcome: SideOutcome): void {
    this.everAnswered = true;
    ticket.batch.settle(ticket.index, outcome);
  }

  missing(ticket: Ticket, message: string): void {
    ticket.batch.settle(ticket.index, { error: message });
  }

  diagnostic(diagnostic: SideDiagnostic): void {
    this.host.diagnostic(diagnostic);
  }

  progressed(child: ProtocolChild): void {
    if (child.pendingCount === 0) child.exclusive = false;
    if (this.queue.length > 0) this.pump();
  }

  failed(child: ProtocolChild, pending: Ticket[], failure: ChildFailure): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (!this.host.running) return;
    const stderr = failure.stderr === '' ? '' : `; last stderr: ${failure.stderr}`;
    const { display } = this.host;
    const lineOf = failure.line === undefined ? {} : { line: failure.line };
    const message = `${display} ${failure.summary} with ${pending.length} records in flight${stderr}; restarting it`;
    this.host.diagnostic({ kind: failure.kind, message, ...lineOf });
    const retries: WorkItem[] = [];
    for (const unit of retryUnits(pending, this.host.entityWise)) {
      const open = unit.filter((t) => !t.batch.isSettled(t.index));
      if (open.length === 0) continue;
      if (child.exclusive || unit.some((t) => t.attempts >= 2)) {
        const error = `${display} ${failure.summary} while this record was in flight, also on its retry${stderr}`;
        for (const t of open) t.batch.settle(t.index, { error });
      } else {
        retries.push({
          tickets: unit,
          exclusive: true,
          ...(this.host.entityWise ? { endId: this.host.nextBatchId() } : {}),
        });
      }
    }
    if (retries.length > 0) {
      const lines = retries.flatMap((u) => u.tickets.map((t) => t.record.line));
      const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? ', …' : '');
      const what = this.host.entityWise ? 'entity history' : 'record';
      this.host.diagnostic({
        kind: 'retry',
        message: `${display}: retrying ${lines.length} records (lines ${shown}), one ${what} at a time`,
      });
      this.queue.unshift(...retries);
      this.queued += lines.length;
    }
    // A fresh child dying on an isolated retry is the record's fault, unless the command never answered at all.
    if (child.answeredCount > 0) this.startFailures = 0;
    else if (!child.exclusive || !this.host.hasAnswered()) this.startFailures++;
    if (this.startFailures < MAX_START_FAILURES) {
      this.child = this.host.spawn(this);
      this.pump();
      return;
    }
    this.dead = true;
    const orphans = this.queue;
    this.queue = [];
    this.queued = 0;
    this.host.slotDied(
      this,
      orphans,
      `${failure.summary} before answering anything, ${MAX_START_FAILURES} times in a row${stderr}`,
    );
  }

  /** Stops the child; returns every record still queued or in flight here. */
  async close(graceMs: number): Promise<Ticket[]> {
    this.dead = true;
    const held = this.queue.flatMap((item) => item.tickets);
    this.queue = [];
    this.queued = 0;
    const child = this.child;
    this.child = undefined;
    return child === undefined ? held : [...(await child.close(graceMs)), ...held];
  }

  private pump(): void {
    const child = this.child;
    if (child === undefined || this.dead) return;
    while (this.queue.length > 0 && !child.exclusive) {
      const item = this.queue[0] as WorkItem; // length checked by the loop condition
      const busy = child.pendingCount;
      if (item.exclusive ? busy > 0 : busy > 0 && busy + item.tickets.length > this.host.maxInFlightPerChild) return;
      this.queue.shift();
      this.queued -= item.tickets.length;
      child.exclusive = item.exclusive;
      child.send(item.tickets, item.endId);
    }
  }
}
