import { performance } from 'node:perf_hooks';
import { type FrameMessage, FrameReader, frameHeader } from './_frame-wire.ts';
import {
  type ChildProcess,
  type ChildSpec,
  describeExit,
  type ExitInfo,
  spawnChild,
  stillRunningAfter,
} from './_spawn.ts';
import { StderrTail } from './_stderr-tail.ts';

/** Why a frame child stopped serving; `reached` is false for messages queued behind the one it was on. @internal */
export interface FrameFailure {
  readonly kind: 'restart' | 'timeout' | 'protocol';
  /** What happened, worded the same every time the same fault happens. */
  readonly summary: string;
  readonly stderr: string;
  readonly reached: boolean;
}

/** A failed request's rejection. @internal */
export class FrameChildError extends Error {
  constructor(readonly failure: FrameFailure) {
    super(failure.summary);
  }
}

interface Pending {
  readonly kind: string;
  readonly resolve: (message: FrameMessage) => void;
  readonly reject: (error: FrameChildError) => void;
}

const ANSWERS: Readonly<Record<string, readonly string[]>> = { B: ['A', 'E'], R: ['R'] };

/**
 * One child process of a frame side: messages are written as they come and answered in order (the child works on
 * one batch while the next waits in its stdin). A crash, a hang (`timeoutMs` without an answer while work is
 * pending; `startupTimeoutMs` more before the first) or bytes that are not a frame message end it: the message it
 * was on is rejected with `reached: true`, the ones queued behind it with `reached: false`.
 * @internal
 */
export class FrameChild {
  answered = 0;
  /** Why it stopped, once it has. */
  failure: FrameFailure | undefined;
  private readonly process: ChildProcess;
  private readonly exit: Promise<ExitInfo>;
  private readonly stderr = new StderrTail();
  private readonly reader = new FrameReader('AER', (m) => this.onMessage(m));
  private readonly pending: Pending[] = [];
  private headSince = 0;
  private stopped = false;

  /** @param process - the child, when it was forked rather than spawned (see `ForkedChildren`) */
  constructor(
    private readonly spec: ChildSpec,
    private readonly onStop: (child: FrameChild) => void,
    process?: ChildProcess,
  ) {
    this.process = process ?? spawnChild(spec);
    this.process.stdin.on('error', () => {}); // EPIPE when the child died: its exit is reported instead
    this.process.stdout.on('data', (chunk: Buffer) => {
      if (!this.stopped) this.reader.push(chunk);
    });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.exit = this.process.then((result) => {
      this.fail('restart', describeExit(result));
      return result;
    });
  }

  get load(): number {
    return this.pending.length;
  }

  get alive(): boolean {
    return !this.stopped;
  }

  stderrText(): string {
    return this.stderr.text();
  }

  /** Resolves `undefined` if the child is still running after `graceMs`, else why it stopped. */
  startedWithin(graceMs: number): Promise<string | undefined> {
    return stillRunningAfter(this.exit, graceMs);
  }

  /** Writes one message; resolves with its answer, rejects with a {@link FrameChildError}. */
  send(kind: 'B' | 'R', payload: Uint8Array): Promise<FrameMessage> {
    if (this.stopped) {
      const failure = { kind: 'restart', summary: 'had stopped', stderr: this.stderr.text(), reached: false } as const;
      return Promise.reject(new FrameChildError(failure));
    }
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) this.headSince = performance.now();
      this.pending.push({ kind, resolve, reject });
      // Header, then the payload itself (the caller never changes a payload it sent: no copy is needed).
      this.process.stdin.write(frameHeader(kind, payload.length));
      this.process.stdin.write(payload);
    });
  }

  /** Kills the child when the message it is on has waited too long. Called periodically. */
  check(now: number): void {
    if (this.stopped || this.pending.length === 0) return;
    const budget = this.spec.timeoutMs + (this.answered === 0 ? this.spec.startupTimeoutMs : 0);
    if (now - this.headSince < budget) return;
    const first = this.answered === 0 ? ` (it had ${budget} ms: it had not answered anything yet)` : '';
    this.kill('timeout', `gave no answer within the timeout (${this.spec.timeoutMs} ms)${first} and was killed`);
  }

  /** Closes stdin and waits for the child to end (SIGKILL after `graceMs`); pending messages are rejected. */
  async close(graceMs: number): Promise<void> {
    this.process.stdin.end();
    if (this.pending.length > 0) this.fail('restart', 'was closed');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }

  private onMessage(message: FrameMessage): void {
    const head = this.pending[0];
    if (head === undefined || !(ANSWERS[head.kind] ?? []).includes(message.kind)) {
      const what = head === undefined ? 'while nothing was asked' : `to a "${head.kind}" message`;
      const bytes = JSON.stringify(Buffer.from(message.payload.subarray(0, 48)).toString('latin1'));
      this.kill(
        'protocol',
        `wrote a "${message.kind}" message ${what}, which is not the frame protocol (stdout must carry frame messages only; log to stderr) (it began ${bytes})`,
      );
      return;
    }
    this.pending.shift();
    this.answered++;
    this.headSince = performance.now();
    head.resolve(message);
  }

  private kill(kind: FrameFailure['kind'], summary: string): void {
    this.fail(kind, summary);
    this.process.kill('SIGKILL');
  }

  private fail(kind: FrameFailure['kind'], summary: string): void {
    if (this.stopped) return;
    this.stopped = true;
    const stderr = this.stderr.text();
    this.failure = { kind, summary, stderr, reached: true };
    const held = this.pending.splice(0);
    held.forEach((p, i) => {
      p.reject(new FrameChildError({ kind, summary, stderr, reached: i === 0 }));
    });
    this.onStop(this);
  }
}
