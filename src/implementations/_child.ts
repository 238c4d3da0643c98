import { performance } from 'node:perf_hooks';
import { AnsweredIds } from './_answered-ids.ts';
import type { Ticket } from './_batch.ts';
import { hungOn, type Pending, skipFailure, skippedRecords } from './_blame.ts';
import type { ChildEvents, ChildFailure } from './_child-failure.ts';
import { LineSplitter } from './_line-splitter.ts';
import { PendingReset } from './_reset.ts';
import {
  type ChildProcess,
  type ChildSpec,
  describeExit,
  type ExitInfo,
  spawnChild,
  stillRunningAfter,
} from './_spawn.ts';
import { StderrTail } from './_stderr-tail.ts';
import { StdinWriter } from './_stdin-writer.ts';
import { decodeResponseLine, encodeEnd, encodeRequest, excerpt } from './_wire.ts';
import { errorMessage, type SideShape } from './side.ts';

export type { ChildEvents, ChildFailure } from './_child-failure.ts';

/** Characters of request text per write: a usual batch is one write; a big one goes as the child reads it. */
const PIECE_CHARS = 1 << 20;

/** The request lines of `tickets` sent as `ids`, then the `end` line, in pieces of about `PIECE_CHARS`. */
function* requestText(
  tickets: readonly Ticket[],
  ids: readonly string[],
  shape: SideShape,
  endId: string | undefined,
): Generator<string> {
  let text = '';
  for (let i = 0; i < tickets.length; i++) {
    text += `${encodeRequest(ids[i] as string, (tickets[i] as Ticket).record, shape)}\n`;
    if (text.length >= PIECE_CHARS) {
      yield text;
      text = '';
    }
  }
  if (endId !== undefined) text += `${encodeEnd(endId)}\n`;
  if (text !== '') yield text;
}

export type { ChildSpec } from './_spawn.ts';
export { loadExeca } from './_spawn.ts';

/**
 * One child process speaking the line protocol: requests are written in one `write` per batch, responses matched by
 * id in any order. Two silences kill it: a record *skipped* (requests sent after it were answered, it was not, for
 * `timeoutMs`) and a *hang* (nothing answered for `timeoutMs` while work is pending). Either way the failure names
 * the records it was working on (`blamed`); a child that answered in order was working on its first unanswered
 * record (entity-wise: that record's batch), not on the records queued behind it.
 * @internal
 */
export class ProtocolChild {
  /** Set while an isolated retry is in flight: nothing else is sent until it is answered. */
  exclusive = false;
  /** Answers (and reset acknowledgements) received. */
  answeredCount = 0;
  private readonly process: ChildProcess;
  private readonly stdin: StdinWriter;
  private readonly pending = new Map<string, Pending>();
  private readonly answeredIds = new AnsweredIds();
  private readonly stderr = new StderrTail();
  private readonly lines = new LineSplitter((line) => this.onLine(line));
  private readonly exit: Promise<ExitInfo>;
  private stdoutLine = 0;
  private seq = 0;
  private groups = 0;
  private lastSentSeq = 0;
  private maxAnsweredSeq = 0;
  private lastProgressAt = 0;
  /** Every answer so far came for a request sent after the previously answered one. */
  private inOrder = true;
  private readonly resetting = new PendingReset();
  /** Since when stdin is closed to see whether a silent child answers only at end of input. */
  private probingSince: number | undefined;
  private probeBudget = 0;
  private detached = false;

  constructor(
    private readonly spec: ChildSpec,
    private readonly events: ChildEvents,
  ) {
    this.process = spawnChild(spec);
    this.process.stdin.on('error', () => {}); // EPIPE when the child died: its exit is reported instead
    this.stdin = new StdinWriter(this.process.stdin, (error) =>
      this.kill({
        kind: 'restart',
        summary: `could not be sent its requests (${errorMessage(error)}) and was stopped`,
        stderr: this.stderr.text(),
        blamed: this.heldTickets(),
      }),
    );
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => {
      if (this.detached) return;
      this.lines.push(chunk);
      if (!this.detached) this.events.progressed(this);
    });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.exit = this.process.then((result: ExitInfo) => {
      const summary = describeExit(result);
      if (this.probingSince !== undefined) this.eofOnly(summary);
      else this.fail({ kind: 'restart', summary, stderr: this.stderr.text(), blamed: this.heldTickets() });
      return result;
    });
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** A reset was written and not acknowledged yet: nothing else is sent meanwhile. */
  get busyResetting(): boolean {
    return this.resetting.busy;
  }

  stderrText(): string {
    return this.stderr.text();
  }

  /** Resolves `undefined` if the child is still running after `graceMs`, else why it stopped. */
  startedWithin(graceMs: number): Promise<string | undefined> {
    return stillRunningAfter(this.exit, graceMs);
  }

  /**
   * Writes the records (and the batch's `end` line for entity-wise sides): a usual batch in one write; a big one (an
   * entity of 100,000 events) encoded piece by piece as the child reads it, so its request text is never whole.
   */
  send(tickets: readonly Ticket[], endId?: string): void {
    const now = performance.now();
    if (this.lastSentSeq === this.maxAnsweredSeq) this.lastProgressAt = now; // was idle: the clock starts now
    const group = ++this.groups;
    const ids: string[] = new Array(tickets.length);
    for (let i = 0; i < tickets.length; i++) {
      const ticket = tickets[i] as Ticket;
      const seq = ++this.seq;
      const id = this.pending.has(ticket.record.id) ? `${ticket.record.id}~${seq}` : ticket.record.id;
      this.pending.set(id, { ticket, seq, group, sentAt: now });
      ids[i] = id;
    }
    this.lastSentSeq = this.seq;
    this.stdin.write(requestText(tickets, ids, this.spec.shape, endId));
  }

  /** Asks the child to clear its state (nothing is in flight); `done` runs on its acknowledgement. */
  sendReset(token: string, done: () => void): void {
    this.stdin.write([`${this.resetting.start(token, done, performance.now())}\n`][Symbol.iterator]());
  }

  /** The callback of a reset not yet acknowledged, handed over (a fresh child is a reset too). */
  takeReset(): (() => void) | undefined {
    return this.resetting.take();
  }

  /** Kills the child for a skipped record, a hang or an unacknowledged reset. Called periodically. */
  check(now: number): void {
    if (this.detached) return;
    const budget = this.spec.timeoutMs + (this.answeredCount === 0 ? this.spec.startupTimeoutMs : 0);
    if (this.probingSince !== undefined) {
      if (now - this.probingSince >= this.probeBudget) this.kill(this.hang(this.probeBudget));
    } else if (this.resetting.busy) {
      if (!this.resetting.overdue(now, budget)) return;
      const summary = `did not acknowledge a reset within ${budget} ms and was killed`;
      this.kill({ kind: 'timeout', summary, stderr: this.stderr.text(), blamed: [], reset: true });
    } else if (this.pending.size > 0) {
      const skipped = skippedRecords(this.pending.values(), this.maxAnsweredSeq, now, this.spec.timeoutMs);
      if (skipped.length > 0) this.kill(skipFailure(skipped, this.spec.timeoutMs, this.stderr.text()));
      else if (this.lastSentSeq > this.maxAnsweredSeq && now - this.lastProgressAt >= budget) {
        if (this.answeredCount === 0 && this.events.mayProbeEof()) this.probe(now, budget);
        else this.kill(this.hang(budget));
      }
    }
  }

  /**
   * Stops the child and returns the records it still held: stdin is closed (SIGTERM too if it held records, which
   * are abandoned anyway), then SIGKILL after `graceMs`.
   */
  async close(graceMs: number): Promise<Ticket[]> {
    const held = this.detach();
    this.process.stdin.end();
    if (held.length > 0) this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
    return held;
  }

  /** Kills the child at once and returns the records it held. */
  abandon(): Ticket[] {
    const held = this.detach();
    this.process.kill('SIGKILL');
    return held;
  }

  /** A hang: blamed are the records the child was on (see `hungOn`). */
  private hang(budget: number): ChildFailure {
    const sequential = this.inOrder && this.answeredCount > 0;
    const entityWise = this.spec.shape === 'entity';
    const { blamed, stuck } = hungOn([...this.pending.values()], {
      maxAnsweredSeq: this.maxAnsweredSeq,
      sequential,
      entityWise,
    });
    return {
      kind: 'timeout',
      summary: `gave no response within the timeout (${this.spec.timeoutMs} ms) and was killed`,
      ...(budget > this.spec.timeoutMs ? { detail: `it had ${budget} ms: it had not answered anything yet` } : {}),
      stderr: this.stderr.text(),
      blamed,
      ...(stuck ? { line: stuck.ticket.record.line } : {}),
    };
  }

  /** Closes stdin of a child that never answered: one that answers (or exits) now waits for end of input. */
  private probe(now: number, budget: number): void {
    this.probingSince = now;
    this.probeBudget = budget;
    this.process.stdin.end();
  }

  private eofOnly(what: string): void {
    this.kill({ kind: 'timeout', summary: what, stderr: this.stderr.text(), blamed: [], eofOnly: what });
  }

  private kill(failure: ChildFailure): void {
    this.fail(failure);
    this.process.kill('SIGKILL');
  }

  private heldTickets(): Ticket[] {
    return [...this.pending.values()].map((p) => p.ticket);
  }

  private detach(): Ticket[] {
    this.detached = true;
    this.stdin.stop();
    const held = this.heldTickets();
    this.pending.clear();
    return held;
  }

  private fail(failure: ChildFailure): void {
    if (this.detached) return;
    this.events.failed(this, this.detach(), failure);
  }

  private onLine(line: string): void {
    if (this.detached) return;
    this.stdoutLine++;
    if (line.trim() === '') return;
    if (this.resetting.acknowledges(line)) {
      this.answeredCount++;
      return;
    }
    const decoded = decodeResponseLine(line);
    if (!decoded.ok) {
      this.diagnose(`is not a protocol response: ${decoded.message}: ${excerpt(line)}`);
      return;
    }
    const p = this.pending.get(decoded.id);
    if (p === undefined) {
      const { reason, line: recordLine } = this.answeredIds.explain(decoded.id);
      this.diagnose(reason, recordLine);
      return;
    }
    if (this.probingSince !== undefined) {
      this.eofOnly(`answered id "${decoded.id}"`);
      return;
    }
    this.pending.delete(decoded.id);
    this.answeredIds.remember(decoded.id, p.ticket.record.line);
    const now = performance.now();
    // Service time, not queueing time: a pipelined record waits behind the ones sent before it.
    const latencyMs = now - Math.max(p.sentAt, this.lastProgressAt);
    this.lastProgressAt = now;
    this.answeredCount++;
    if (p.seq > this.maxAnsweredSeq) this.maxAnsweredSeq = p.seq;
    else this.inOrder = false;
    this.events.answered(p.ticket, { ...decoded.outcome, latencyMs });
  }

  private diagnose(what: string, line?: number): void {
    const message = `${this.spec.display}: stdout line ${this.stdoutLine} ${what}`;
    this.events.diagnostic({ kind: 'protocol', message, ...(line === undefined ? {} : { line }) });
  }
}
