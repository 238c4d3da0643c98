import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SkewError } from '../errors.ts';
import type { Ticket } from './_batch.ts';
import { BatchState, spreadLatency } from './_batch.ts';
import { type ChildEvents, loadExeca, ProtocolChild } from './_child.ts';
import { DiagnosticLog } from './_diagnostic-log.ts';
import { Slot, type SlotHost, type WorkItem } from './_slot.ts';
import type { Side, SideDiagnostic, SideOutcome, SideRecord, SideShape } from './side.ts';

/**
 * Options of {@link commandSide}.
 * @public
 */
export interface CommandSideOptions {
  /** Program and arguments, e.g. `['python3', 'training.py']`. Started directly, never through a shell. */
  readonly command: readonly string[];
  /** `record` (default): one input per request. `entity`: each entity's history in order, batches ended by `end`. */
  readonly shape?: SideShape;
  readonly cwd?: string;
  /** Variables set on top of the parent's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Children run in parallel. Default `os.availableParallelism()`. */
  readonly concurrency?: number;
  /** Time a child may take to start: the grace it must stay alive in `start()` is `min(500, this)`, and a child that has not answered yet gets this on top of `timeoutMs`. Default 10 000. */
  readonly startupTimeoutMs?: number;
  /** Longest a child may work without answering (per record for a sequential child). Default 30 000. */
  readonly timeoutMs?: number;
  /** Records written to one child before waiting for answers. Default 4096. */
  readonly maxInFlightPerChild?: number;
  readonly description?: string;
  /**
   * The program implements the protocol's reset (docs/protocol.md): it answers `{"reset": "<token>"}` once it has
   * cleared its state. The side then has `reset()`, which golden checks and fuzz call before every case. Default false.
   */
  readonly reset?: boolean;
}

const START_GRACE_MS = 500;
const CLOSE_GRACE_MS = 2000;

/** `python3 "my script.py"`: the command as a reader would type it. */
function displayCommand(command: readonly string[]): string {
  return command.map((arg) => (/^[\w./:=@%+-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0))
    throw new SkewError('SKEW_CONFIG_INVALID', `commandSide: ${name} must be a positive number, got ${value}`);
  return value;
}

class CommandSide implements Side, SlotHost {
  readonly shape: SideShape;
  readonly description: string;
  readonly inFlight: number;
  readonly display: string;
  readonly entityWise: boolean;
  readonly maxInFlightPerChild: number;
  running = false;
  private readonly diagnostics = new DiagnosticLog();
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly startupTimeoutMs: number;
  private slots: Slot[] = [];
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private fatal: SkewError | undefined;
  private closed = false;
  private batchCounter = 0;
  private resetCounter = 0;
  /** Present when the options say the program implements reset. */
  readonly reset?: () => Promise<void>;

  constructor(private readonly options: CommandSideOptions) {
    if (options.command.length === 0 || options.command[0] === '') {
      throw new SkewError(
        'SKEW_CONFIG_INVALID',
        'commandSide: command is empty; pass the program and its arguments, e.g. ["python3", "training.py"]',
      );
    }
    this.shape = options.shape ?? 'record';
    this.entityWise = this.shape === 'entity';
    this.display = displayCommand(options.command);
    this.description = options.description ?? `${this.display} (command, ${this.shape}-wise)`;
    this.concurrency = Math.floor(positive('concurrency', options.concurrency, availableParallelism()));
    this.timeoutMs = positive('timeoutMs', options.timeoutMs, 30_000);
    this.startupTimeoutMs = positive('startupTimeoutMs', options.startupTimeoutMs, 10_000);
    this.maxInFlightPerChild = positive('maxInFlightPerChild', options.maxInFlightPerChild, 4096);
    this.inFlight = 4 * this.concurrency;
    if (options.reset === true) this.reset = () => this.resetAll();
  }

  start(): Promise<void> {
    this.starting ??= this.spawnAll();
    return this.starting;
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    await this.start();
    if (this.fatal !== undefined) throw this.fatal;
    if (this.closed)
      throw new SkewError('SKEW_IMPL_CRASHED', `commandSide: ${this.display} was closed; compute() after close()`);
    if (batch.length === 0) return [];
    const state = new BatchState(batch);
    this.dispatch({
      tickets: state.tickets,
      exclusive: false,
      ...(this.entityWise ? { endId: this.nextBatchId() } : {}),
    });
    return this.entityWise ? spreadLatency(await state.promise) : state.promise;
  }

  drainDiagnostics(): readonly SideDiagnostic[] {
    return this.diagnostics.drain(this.display);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.running = false;
    clearInterval(this.timer);
    const held = (await Promise.all(this.slots.map((s) => s.close(CLOSE_GRACE_MS)))).flat();
    for (const t of held)
      t.batch.settle(t.index, { error: `${this.display}: the side was closed before this record was answered` });
  }

  spawn(events: ChildEvents): ProtocolChild {
    const { command, cwd, env } = this.options;
    const spec = {
      command,
      display: this.display,
      shape: this.shape,
      timeoutMs: this.timeoutMs,
      startupTimeoutMs: this.startupTimeoutMs,
    };
    return new ProtocolChild(
      { ...spec, ...(cwd === undefined ? {} : { cwd }), ...(env === undefined ? {} : { env }) },
      events,
    );
  }

  hasAnswered(): boolean {
    return this.slots.some((s) => s.everAnswered);
  }

  nextBatchId(): string {
    return `b${++this.batchCounter}`;
  }

  diagnostic(diagnostic: SideDiagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  slotDied(_slot: Slot, orphans: readonly WorkItem[], reason: string): void {
    if (this.slots.some((s) => !s.dead)) {
      this.diagnostic({ kind: 'restart', message: `${this.display} ${reason}; running on fewer children` });
      for (const item of orphans) this.dispatch(item);
      return;
    }
    this.fatal = this.startError(reason);
    for (const item of orphans) for (const t of item.tickets) t.batch.fail(this.fatal);
  }

  brokenProtocol(held: readonly Ticket[], what: string, stderr: string): void {
    const said = stderr === '' ? '' : ` Its last stderr: ${stderr}`;
    const budget = this.timeoutMs + this.startupTimeoutMs;
    this.fatal ??= new SkewError(
      'SKEW_IMPL_START',
      `commandSide: ${this.display} answers only at end of input: it answered nothing for ${budget} ms while its stdin was open, then ${what} as soon as Lockstep closed its stdin. Answers must come while stdin stays open: Lockstep does not close stdin between batches; read requests line by line (not to the end of input) and flush each answer line as soon as it is computed (print(..., flush=True) in Python). See docs/protocol.md, "Answers must come while stdin stays open". (A program that needs more than ${budget} ms for its first answer looks the same: raise startupTimeoutMs.)${said}`,
    );
    const fatal = this.fatal;
    for (const t of held) t.batch.fail(fatal);
    for (const slot of this.slots) for (const t of slot.abandon()) t.batch.fail(fatal);
  }

  /** Sends a reset to every child and waits for each to acknowledge it (or be replaced by a fresh child). */
  private async resetAll(): Promise<void> {
    await this.start();
    if (this.fatal !== undefined) throw this.fatal;
    const token = `r${++this.resetCounter}`;
    await Promise.all(this.slots.map((slot) => slot.reset(token)));
    if (this.fatal !== undefined) throw this.fatal;
  }

  private dispatch(item: WorkItem): void {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!slot.dead && (best === undefined || slot.load < best.load)) best = slot;
    if (best === undefined) {
      for (const t of item.tickets) t.batch.fail(this.fatal ?? this.startError('has no running child'));
      return;
    }
    best.enqueue(item);
  }

  private startError(reason: string): SkewError {
    const where = this.options.cwd === undefined ? '' : ` (cwd ${this.options.cwd})`;
    return new SkewError(
      'SKEW_IMPL_START',
      `commandSide: cannot start ${this.display}${where}: it ${reason}. Run the command by hand to check it starts, keeps running and reads one JSON request per line from stdin (docs/protocol.md).`,
    );
  }

  private async spawnAll(): Promise<void> {
    await loadExeca();
    this.slots = Array.from({ length: this.concurrency }, () => new Slot(this));
    const grace = Math.min(START_GRACE_MS, this.startupTimeoutMs);
    const children = this.slots.flatMap((slot) => (slot.child === undefined ? [] : [slot.child]));
    const results = await Promise.all(
      children.map(async (child) => ({ child, failure: await child.startedWithin(grace) })),
    );
    const broken = results.find((r) => r.failure !== undefined);
    if (broken !== undefined) {
      const stderr = broken.child.stderrText();
      await Promise.all(this.slots.map((s) => s.close(CLOSE_GRACE_MS)));
      throw this.startError(`${broken.failure}${stderr === '' ? ' (no stderr)' : `; stderr: ${stderr}`}`);
    }
    this.running = true;
    const tick = Math.max(5, Math.min(1000, this.timeoutMs / 4));
    this.timer = setInterval(() => {
      const now = performance.now();
      for (const slot of this.slots) slot.child?.check(now);
    }, tick);
    this.timer.unref();
  }
}

/**
 * A side run by child processes speaking the line protocol (docs/protocol.md): each of `concurrency` children gets
 * whole batches written in one go and answers by id in any order. Crashes and hangs are retried once on a fresh
 * child, then reported as error outcomes; garbage, unknown and duplicate ids are reported by `drainDiagnostics()`.
 * @param options - the command and how to run it
 * @throws SkewError `SKEW_CONFIG_INVALID` for an empty command or a non-positive limit
 * @remarks Since 0.1
 * @public
 */
export function commandSide(options: CommandSideOptions): Side {
  return new CommandSide(options);
}
