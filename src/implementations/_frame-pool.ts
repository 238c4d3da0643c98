import { performance } from 'node:perf_hooks';
import { SkewError } from '../errors.ts';
import { FrameChild, FrameChildError } from './_frame-child.ts';
import { ForkedChildren } from './_frame-fork.ts';
import type { FrameMessage } from './_frame-wire.ts';
import type { ChildSpec } from './_spawn.ts';
import { loadExeca } from './_spawn.ts';
import type { SideDiagnostic } from './side.ts';

const START_GRACE_MS = 500;
const CLOSE_GRACE_MS = 2000;
/** Children that stop before answering anything this many times in a row end the side. */
const MAX_START_FAILURES = 3;

/**
 * The children of a frame side: each message goes to the least-loaded child; a child that stops is replaced at once
 * (a diagnostic says why, with its last stderr), unless children keep stopping before answering anything, which
 * ends the side with `SKEW_IMPL_START`. With `fork`, the first children are forked from one process after its imports
 * when the program does so (`ForkedChildren`); a replacement is always spawned.
 * @internal
 */
export class FramePool {
  private children: FrameChild[] = [];
  private startFailures = 0;
  private fatal: SkewError | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private forked: ForkedChildren | undefined;

  constructor(
    private readonly spec: ChildSpec,
    private readonly size: number,
    private readonly diagnostic: (d: SideDiagnostic) => void,
    private readonly fork = false,
  ) {}

  async start(): Promise<void> {
    await loadExeca();
    this.forked = this.fork && this.size > 1 ? await ForkedChildren.start(this.spec, this.size) : undefined;
    this.children =
      this.forked?.children.map((p) => new FrameChild(this.spec, (child) => this.stopped(child), p)) ??
      Array.from({ length: this.size }, () => this.spawn());
    // Forked children started after the imports, and their parent said so: no grace to wait out.
    const grace = this.forked === undefined ? Math.min(START_GRACE_MS, this.spec.startupTimeoutMs) : 0;
    const results = await Promise.all(this.children.map(async (c) => ({ c, failure: await c.startedWithin(grace) })));
    const broken = results.find((r) => r.failure !== undefined);
    if (broken !== undefined) {
      const stderr = broken.c.stderrText();
      this.fatal = this.startError(`${broken.failure}${stderr === '' ? ' (no stderr)' : `; stderr: ${stderr}`}`);
      await this.close();
      throw this.fatal;
    }
    const tick = Math.max(5, Math.min(1000, this.spec.timeoutMs / 4));
    this.timer = setInterval(() => {
      const now = performance.now();
      for (const child of this.children) child.check(now);
    }, tick);
    this.timer.unref();
  }

  /** Sends one message to the least-loaded child; a message the child never reached is sent again, once. */
  async send(kind: 'B' | 'R', payload: Uint8Array, child?: FrameChild): Promise<FrameMessage> {
    for (let attempt = 0; ; attempt++) {
      if (this.fatal !== undefined) throw this.fatal;
      const target = child ?? this.leastLoaded();
      try {
        return await target.send(kind, payload);
      } catch (error) {
        if (!(error instanceof FrameChildError) || error.failure.reached || attempt > 0 || child !== undefined)
          throw error;
      }
    }
  }

  /** Every child, for a reset sent to each. */
  get all(): readonly FrameChild[] {
    return this.children;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all(this.children.map((c) => c.close(CLOSE_GRACE_MS)));
    await this.forked?.close(CLOSE_GRACE_MS);
  }

  private leastLoaded(): FrameChild {
    let best: FrameChild | undefined;
    for (const child of this.children) if (child.alive && (best === undefined || child.load < best.load)) best = child;
    if (best === undefined) throw this.fatal ?? this.startError('has no running child');
    return best;
  }

  private spawn(): FrameChild {
    return new FrameChild(this.spec, (child) => this.stopped(child));
  }

  private stopped(child: FrameChild): void {
    if (this.closed || this.timer === undefined) return;
    const stderr = child.stderrText();
    if (child.answered > 0) this.startFailures = 0;
    else if (++this.startFailures >= MAX_START_FAILURES) {
      this.fatal = this.startError(
        `${child.failure?.summary ?? 'stopped'} before answering anything, ${MAX_START_FAILURES} times in a row${stderr === '' ? '' : `; last stderr: ${stderr}`}`,
      );
      return;
    }
    const index = this.children.indexOf(child);
    if (index >= 0) this.children[index] = this.spawn();
    const failure = child.failure;
    this.diagnostic({
      kind: failure?.kind === 'timeout' ? 'timeout' : failure?.kind === 'protocol' ? 'protocol' : 'restart',
      message: `${this.spec.display} ${failure?.summary ?? 'stopped'}; restarting it${stderr === '' ? '' : `; last stderr: ${stderr}`}`,
    });
  }

  private startError(reason: string): SkewError {
    const where = this.spec.cwd === undefined ? '' : ` (cwd ${this.spec.cwd})`;
    return new SkewError(
      'SKEW_IMPL_START',
      `frameSide: cannot start ${this.spec.display}${where}: it ${reason}. Run the command by hand to check it starts, keeps running and reads Arrow frames from stdin (docs/protocol.md, "Frame sides (Arrow)").`,
    );
  }
}
