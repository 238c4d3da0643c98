import { performance } from 'node:perf_hooks';
import type { execa as Execa } from 'execa';
import { SkewError } from '../errors.ts';
import { AnsweredIds } from './_answered-ids.ts';
import type { Ticket } from './_batch.ts';
import { StderrTail } from './_stderr-tail.ts';
import { decodeResponseLine, encodeEnd, encodeRequest, excerpt } from './_wire.ts';
import type { SideDiagnostic, SideOutcome, SideShape } from './side.ts';

/** How to start one child and how long it may take. @internal */
export interface ChildSpec {
  readonly command: readonly string[];
  readonly display: string;
  readonly shape: SideShape;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly startupTimeoutMs: number;
}

/** Why a child stopped serving: it exited (`restart`) or was killed for not answering (`timeout`). @internal */
export interface ChildFailure {
  readonly kind: 'restart' | 'timeout';
  readonly summary: string;
  readonly stderr: string;
  /** Log line of the record the child was most likely stuck on. */
  readonly line?: number;
}

/** What a child reports to the slot that owns it. @internal */
export interface ChildEvents {
  answered(ticket: Ticket, outcome: SideOutcome): void;
  missing(ticket: Ticket, message: string): void;
  diagnostic(diagnostic: SideDiagnostic): void;
  /** Some requests were answered or given up: the slot may send more. */
  progressed(child: ProtocolChild): void;
  /** The child stopped; `pending` are the records it held, in the order they were sent. */
  failed(child: ProtocolChild, pending: Ticket[], failure: ChildFailure): void;
}

interface Pending {
  readonly ticket: Ticket;
  readonly seq: number;
  readonly sentAt: number;
  overtakenAt?: number;
}

/**
 * One child process speaking the line protocol: requests are written in one `write` per batch, responses matched by
 * id in any order. It detects two silences: a record *missing* (requests sent after it were answered, it was not,
 * for `timeoutMs`) and a *hang* (nothing answered for `timeoutMs` while work is pending; the child is killed).
 * @internal
 */
export class ProtocolChild {
  /** Set while an isolated retry is in flight: nothing else is sent until it is answered. */
  exclusive = false;
  answeredCount = 0;
  private readonly process: ReturnType<typeof spawnChild>;
  private readonly pending = new Map<string, Pending>();
  private readonly answeredIds = new AnsweredIds();
  private readonly stderr = new StderrTail();
  private readonly exit: Promise<ExitInfo>;
  /** The pieces of a line not yet ended: joined once its newline comes, so a long line costs linear time. */
  private carry: string[] = [];
  private stdoutLine = 0;
  private seq = 0;
  private lastSentSeq = 0;
  private maxAnsweredSeq = 0;
  private lastProgressAt = 0;
  private detached = false;

  constructor(
    private readonly spec: ChildSpec,
    private readonly events: ChildEvents,
  ) {
    this.process = spawnChild(spec);
    this.process.stdin.on('error', () => {}); // EPIPE when the child died: its exit is reported instead
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.exit = this.process.then((result: ExitInfo) => {
      this.fail({ kind: 'restart', summary: describeExit(result), stderr: this.stderr.text() });
      return result;
    });
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  stderrText(): string {
    return this.stderr.text();
  }

  /** Resolves `undefined` if the child is still running after `graceMs`, else why it stopped. */
  async startedWithin(graceMs: number): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const alive = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), graceMs);
    });
    const outcome = await Promise.race([alive, this.exit.then(describeExit)]);
    clearTimeout(timer);
    return outcome;
  }

  /** Writes the records (and the batch's `end` line for entity-wise sides) in one write. */
  send(tickets: readonly Ticket[], endId?: string): void {
    const now = performance.now();
    if (this.lastSentSeq === this.maxAnsweredSeq) this.lastProgressAt = now; // was idle: the clock starts now
    let text = '';
    for (const ticket of tickets) {
      const seq = ++this.seq;
      const id = this.pending.has(ticket.record.id) ? `${ticket.record.id}~${seq}` : ticket.record.id;
      this.pending.set(id, { ticket, seq, sentAt: now });
      ticket.attempts++;
      text += `${encodeRequest(id, ticket.record, this.spec.shape)}\n`;
    }
    if (endId !== undefined) text += `${encodeEnd(endId)}\n`;
    this.lastSentSeq = this.seq;
    this.process.stdin.write(text);
  }

  /** Gives up on missing records and kills the child if it hung. Called periodically. */
  check(now: number): void {
    if (this.detached || this.pending.size === 0) return;
    const { timeoutMs, startupTimeoutMs } = this.spec;
    let gaveUp = false;
    for (const [id, p] of this.pending) {
      if (p.seq > this.maxAnsweredSeq) break; // sent in order: the rest were not overtaken
      if (p.overtakenAt === undefined) p.overtakenAt = now;
      else if (now - p.overtakenAt >= timeoutMs) {
        this.pending.delete(id);
        this.answeredIds.remember(id, p.ticket.record.line, true);
        gaveUp = true;
        const message = `${this.spec.display} never answered id "${id}" (no response within ${timeoutMs} ms, although it answered requests sent after it)`;
        this.events.missing(p.ticket, message);
      }
    }
    const budget = timeoutMs + (this.answeredCount === 0 ? startupTimeoutMs : 0);
    if (this.lastSentSeq > this.maxAnsweredSeq && now - this.lastProgressAt >= budget) {
      const stuck = [...this.pending.values()].find((p) => p.seq > this.maxAnsweredSeq);
      const summary = `gave no response for ${Math.round(now - this.lastProgressAt)} ms (timeout ${budget} ms) and was killed`;
      this.fail({
        kind: 'timeout',
        summary,
        stderr: this.stderr.text(),
        ...(stuck ? { line: stuck.ticket.record.line } : {}),
      });
      this.process.kill('SIGKILL');
    } else if (gaveUp) this.events.progressed(this);
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

  private detach(): Ticket[] {
    this.detached = true;
    const held = [...this.pending.values()].map((p) => p.ticket);
    this.pending.clear();
    return held;
  }

  private fail(failure: ChildFailure): void {
    if (this.detached) return;
    this.events.failed(this, this.detach(), failure);
  }

  private onData(chunk: string): void {
    if (this.detached) return;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      let line = chunk.slice(start, nl);
      if (this.carry.length > 0) {
        this.carry.push(line);
        line = this.carry.join('');
        this.carry = [];
      }
      this.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry.push(chunk.slice(start));
    this.events.progressed(this);
  }

  private onLine(line: string): void {
    this.stdoutLine++;
    if (line.trim() === '') return;
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
    this.pending.delete(decoded.id);
    this.answeredIds.remember(decoded.id, p.ticket.record.line);
    const now = performance.now();
    // Service time, not queueing time: a pipelined record waits behind the ones sent before it.
    const latencyMs = now - Math.max(p.sentAt, this.lastProgressAt);
    this.lastProgressAt = now;
    this.answeredCount++;
    if (p.seq > this.maxAnsweredSeq) this.maxAnsweredSeq = p.seq;
    this.events.answered(p.ticket, { ...decoded.outcome, latencyMs });
  }

  private diagnose(what: string, line?: number): void {
    const message = `${this.spec.display}: stdout line ${this.stdoutLine} ${what}`;
    this.events.diagnostic({ kind: 'protocol', message, ...(line === undefined ? {} : { line }) });
  }
}

/** The parts of execa's result that say how a child ended. */
interface ExitInfo {
  readonly signal?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly originalMessage?: string | undefined;
  readonly shortMessage?: string | undefined;
}

let execa: typeof Execa | undefined;

/**
 * Loads execa on first use: it is an ES module only, and a static import would keep Lockstep's CommonJS build from
 * being required. Called before the first child is spawned.
 * @internal
 */
export async function loadExeca(): Promise<void> {
  execa ??= (await import('execa')).execa;
}

function spawnChild(spec: ChildSpec) {
  if (execa === undefined) throw new SkewError('SKEW_INTERNAL', 'spawnChild: execa is not loaded (loadExeca first)');
  const [file, ...args] = spec.command;
  return execa(file ?? '', args, {
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    ...(spec.env === undefined ? {} : { env: spec.env }),
    buffer: false,
    reject: false,
    stdin: 'pipe',
  });
}

function describeExit(result: ExitInfo): string {
  if (result.signal !== undefined) return `was killed by ${result.signal}`;
  if (result.exitCode !== undefined) return `exited with code ${result.exitCode}`;
  return `could not be started (${result.originalMessage || result.shortMessage || 'unknown error'})`;
}
