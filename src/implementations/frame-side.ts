import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { DiagnosticLog } from './_diagnostic-log.ts';
import { FrameChildError } from './_frame-child.ts';
import { contractColumns, guessedColumns } from './_frame-columns.ts';
import { FramePool } from './_frame-pool.ts';
import type { CommandSideOptions } from './command-side.ts';
import {
  errorMessage,
  type Side,
  type SideDiagnostic,
  type SideOutcome,
  type SideRecord,
  type SideShape,
} from './side.ts';

/**
 * Options of {@link frameSide}: the program (it calls `lockstep_side.serve_arrow`), `cwd`, `env` and `description` as
 * for a command side, and the limits below.
 * @public
 */
export interface FrameSideOptions extends Pick<CommandSideOptions, 'command' | 'cwd' | 'env' | 'description'> {
  /** The contract whose input schema types the columns. Without it, column types are guessed from each batch. */
  readonly contract?: Contract;
  /** `record` (default) or `entity`: both get whole entities per batch; the shape says what the code relies on. */
  readonly shape?: SideShape;
  /** Children run in parallel. Default `min(4, os.availableParallelism())`. */
  readonly concurrency?: number;
  /** Time a child may take to start (pandas and pyarrow imports), added to the first batch's timeout. Default 30 000. */
  readonly startupTimeoutMs?: number;
  /** Longest a child may work on one batch. Default 120 000. */
  readonly timeoutMs?: number;
  /** Records per batch a replay uses by default with this side (entities are never split). Default 8192. */
  readonly batchSize?: number;
  /** The program has a reset hook (`serve_arrow(..., reset=...)`): the side then has `reset()`. Default false. */
  readonly reset?: boolean;
  /**
   * With more than one child: start the program once and let `serve_arrow` fork the children after its imports, so
   * that pandas and pyarrow are imported once, not once per child (docs/protocol.md, "Forked children"). A program
   * that does not fork (a polars side, one running threads of its own, or not `serve_arrow`) gets its children spawned
   * one by one. Default false: a library that started native threads at import may hang in a forked copy.
   */
  readonly fork?: boolean;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0))
    throw new SkewError('SKEW_CONFIG_INVALID', `frameSide: ${name} must be a positive number, got ${value}`);
  return value;
}

/** `lines 3–4097` of the records a batch sent. */
function linesOf(records: readonly SideRecord[]): string {
  const lines = records.map((r) => r.line);
  const first = Math.min(...lines);
  const last = Math.max(...lines);
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** The Arrow encoder and decoder, loaded when a frame side starts: apache-arrow is not loaded for other runs. */
type Codec = typeof import('./_arrow-encode.ts') & typeof import('./_arrow-decode.ts');
type Encoded = ReturnType<Codec['encodeBatch']>;

/**
 * Both sides of a replay get the same batch array: with two frame sides typed by the same contract (a pandas training
 * side against a pandas serving side), the batch is encoded once, and the second side sends the same bytes.
 */
const encodedBatches = new WeakMap<readonly SideRecord[], { readonly contract: Contract; readonly encoded: Encoded }>();

function encodeOnce(batch: readonly SideRecord[], contract: Contract | undefined): Encoded {
  const { encodeBatch } = codec as Codec;
  if (contract === undefined) return encodeBatch(batch, guessedColumns(batch));
  const hit = encodedBatches.get(batch);
  if (hit !== undefined && hit.contract === contract) return hit.encoded;
  const encoded = encodeBatch(batch, contractColumns(contract));
  encodedBatches.set(batch, { contract, encoded });
  return encoded;
}
let codec: Codec | undefined;

async function loadCodec(): Promise<void> {
  codec ??= { ...(await import('./_arrow-encode.ts')), ...(await import('./_arrow-decode.ts')) };
}

class FrameSide implements Side {
  readonly shape: SideShape;
  readonly description: string;
  readonly inFlight: number;
  readonly location = 'out-of-process' as const;
  /** Records per batch a replay uses by default with this side. */
  readonly preferredBatchSize: number;
  readonly reset?: () => Promise<void>;
  private readonly display: string;
  private readonly pool: FramePool;
  private readonly diagnostics = new DiagnosticLog();
  private starting: Promise<void> | undefined;
  private closed = false;
  private resets = 0;

  constructor(private readonly options: FrameSideOptions) {
    if (options.command.length === 0 || options.command[0] === '') {
      throw new SkewError(
        'SKEW_CONFIG_INVALID',
        'frameSide: command is empty; pass the program and its arguments, e.g. ["python3", "training.py"]',
      );
    }
    this.shape = options.shape ?? 'record';
    this.display = options.command.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
    this.description = options.description ?? `${this.display} (arrow frames, ${this.shape}-wise)`;
    const concurrency = Math.floor(positive('concurrency', options.concurrency, Math.min(4, availableParallelism())));
    this.inFlight = 2 * concurrency;
    this.preferredBatchSize = Math.floor(positive('batchSize', options.batchSize, 8192));
    const spec = {
      command: options.command,
      display: this.display,
      shape: this.shape,
      timeoutMs: positive('timeoutMs', options.timeoutMs, 120_000),
      startupTimeoutMs: positive('startupTimeoutMs', options.startupTimeoutMs, 30_000),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.env === undefined ? {} : { env: options.env }),
    };
    this.pool = new FramePool(spec, concurrency, (d) => this.diagnostics.push(d), options.fork ?? false);
    if (options.reset === true) this.reset = () => this.resetAll();
  }

  start(): Promise<void> {
    this.starting ??= Promise.all([this.pool.start(), loadCodec()]).then(() => undefined);
    return this.starting;
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    await this.start();
    if (this.closed)
      throw new SkewError('SKEW_IMPL_CRASHED', `frameSide: ${this.display} was closed; compute() after close()`);
    // `codec` is loaded by start(), awaited above.
    const encoded = encodeOnce(batch, this.options.contract);
    const outcomes = new Array<SideOutcome>(batch.length);
    for (const [index, error] of encoded.refused) outcomes[index] = { error };
    if (encoded.sent.length === 0) return outcomes;
    const sent = encoded.refused.size === 0 ? batch : encoded.sent.map((i) => batch[i] as SideRecord);
    const answers = await this.answer(encoded.bytes, sent);
    if (sent === batch) return answers;
    encoded.sent.forEach((index, row) => {
      outcomes[index] = answers[row] as SideOutcome;
    });
    return outcomes;
  }

  drainDiagnostics(): readonly SideDiagnostic[] {
    return this.diagnostics.drain(this.display);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.starting !== undefined) await this.starting.catch(() => undefined);
    await this.pool.close();
  }

  /** The contract typing this side's columns, if any: a columnar replay sends such sides batches it encoded itself. */
  get frameContract(): Contract | undefined {
    return this.options.contract;
  }

  /**
   * Sends one encoded batch of `count` records and reads the child's answer frame, or why there is none (a crash, a
   * hang, an error frame, a frame that is not Arrow); `lines` names the batch's lines in that message.
   * @internal
   */
  async exchange(
    bytes: Uint8Array,
    count: number,
    lines: () => string,
  ): Promise<{ readonly answer: import('apache-arrow').Table; readonly latencyMs: number } | FrameFault> {
    await this.start();
    if (this.closed)
      throw new SkewError('SKEW_IMPL_CRASHED', `frameSide: ${this.display} was closed; compute() after close()`);
    const started = performance.now();
    // The batch's time, shared by its records (a frame side computes them together).
    const latency = () => (performance.now() - started) / count;
    let message: Awaited<ReturnType<FramePool['send']>>;
    try {
      message = await this.pool.send('B', bytes);
    } catch (error) {
      if (!(error instanceof FrameChildError)) throw error;
      const { summary, stderr } = error.failure;
      const said = stderr === '' ? '' : `; last stderr: ${stderr}`;
      return {
        error: `${this.display} ${summary} while computing this record's batch (${count} records, ${lines()})${said}`,
        latencyMs: latency(),
      };
    }
    if (message.kind === 'E') return { error: message.payload.toString('utf8'), latencyMs: latency() };
    try {
      return { answer: (codec as Codec).readAnswer(message.payload), latencyMs: latency() };
    } catch (error) {
      return {
        error: `${this.display} answered a frame that is not an Arrow IPC stream (${errorMessage(error)})`,
        latencyMs: latency(),
      };
    }
  }

  /**
   * A batch of records sent as `compute` sends it, and the child's answer as it came (a table, or why there is none),
   * for a replay that reads answers column by column; undefined, and nothing sent, when a record cannot travel in an
   * Arrow frame (`compute` then errors that record and sends the others).
   * @internal
   */
  async answerTable(
    batch: readonly SideRecord[],
  ): Promise<{ readonly answer: import('apache-arrow').Table; readonly latencyMs: number } | FrameFault | undefined> {
    await this.start();
    // `codec` is loaded by start(), awaited above.
    const encoded = encodeOnce(batch, this.options.contract);
    // An empty batch is sent nowhere either, as by `compute`.
    if (encoded.refused.size > 0 || encoded.sent.length === 0) return undefined;
    return await this.exchange(encoded.bytes, batch.length, () => linesOf(batch));
  }

  /** The outcomes of the records sent, from the child's answer or from the fault that stopped it. */
  private async answer(bytes: Uint8Array, sent: readonly SideRecord[]): Promise<SideOutcome[]> {
    return this.outcomesOf(await this.exchange(bytes, sent.length, () => linesOf(sent)), sent);
  }

  /**
   * The outcomes of the records sent, one per record in order, from the child's answer (matched by `_id` or order) or
   * from the fault that stopped it.
   * @internal
   */
  outcomesOf(
    got: { readonly answer: import('apache-arrow').Table; readonly latencyMs: number } | FrameFault,
    sent: readonly SideRecord[],
  ): SideOutcome[] {
    if ('error' in got) return sent.map(() => ({ error: got.error, latencyMs: got.latencyMs }));
    try {
      return (codec as Codec).decodeAnswer(
        got.answer,
        sent.map((r) => r.id),
        got.latencyMs,
      );
    } catch (error) {
      const message = `${this.display} answered a frame that is not an Arrow IPC stream (${errorMessage(error)})`;
      return sent.map(() => ({ error: message, latencyMs: got.latencyMs }));
    }
  }

  /** Sends a reset to every child; a child that exits instead is replaced by a fresh one, which is a reset too. */
  private async resetAll(): Promise<void> {
    await this.start();
    const token = Buffer.from(`r${++this.resets}`);
    await Promise.all(
      this.pool.all.map((child) =>
        this.pool.send('R', token, child).catch((error: unknown) => {
          if (!(error instanceof FrameChildError)) throw error;
        }),
      ),
    );
  }
}

/** Why a frame side gave no answer frame for a batch: the message each of its records is errored with. @internal */
export interface FrameFault {
  readonly error: string;
  readonly latencyMs: number;
}

/** A frame side as the columnar replay drives it: batches it encoded itself, answers it reads column by column. @internal */
export type FrameExchange = Pick<FrameSide, 'frameContract' | 'compute' | 'exchange' | 'answerTable' | 'outcomesOf'>;

/** The side as a frame side the columnar replay can drive, or undefined for any other side. @internal */
export function asFrameExchange(side: Side): FrameExchange | undefined {
  return side instanceof FrameSide ? side : undefined;
}

/**
 * A side run by child processes that take whole batches as Arrow record batches and answer with Arrow (docs/protocol.md,
 * "Frame sides (Arrow)"): pandas or polars code served by `lockstep_side.serve_arrow`. Columns are typed from the
 * contract's input schema; an integer beyond int64 refuses its record by name (`int64_overflow`) while the rest of
 * the batch is computed. A crash or a hang errors the batch it happened in (naming its lines and the child's last
 * stderr) and the child is restarted; a batch the child never reached is sent again.
 * @param options - the command, the contract and how to run it
 * @throws SkewError `SKEW_CONFIG_INVALID` for an empty command or a non-positive limit
 * @remarks Since 0.1
 * @public
 */
export function frameSide(options: FrameSideOptions): Side {
  return new FrameSide(options);
}
