import type { SideName } from '../compare/divergence.ts';

/**
 * One record as a side sees it. `id` is unique within a run (the log line number) and is what out-of-process
 * sides echo back.
 * @public
 */
export interface SideRecord {
  readonly id: string;
  /** The record's own id from the log (`--id-field`, default `id` when present), for reports. */
  readonly recordId?: string;
  readonly line: number;
  /** The record's entity key; absent when the contract has no entity (a record-wise contract) and the log names none. */
  readonly entity?: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly input: Readonly<Record<string, unknown>>;
  /**
   * The input's JSON text exactly as logged, when a side needs it: command and HTTP sides send it verbatim, so `20.0`
   * reaches Python as a float and 64-bit integers as written. Absent when the input was changed on the way (fields the
   * contract lacks stripped) or not from a log; the input is then encoded from `input`.
   */
  readonly inputText?: string;
  /** The features production served for this record, when the log has them. */
  readonly served?: unknown;
}

/** What a side produced for one record: its features, or the error it failed with. @public */
export type SideOutcome =
  | { readonly features: Readonly<Record<string, unknown>>; readonly latencyMs?: number }
  | { readonly error: string; readonly latencyMs?: number };

/**
 * Record-wise sides are a pure function of one input; entity-wise sides receive all records of an entity in
 * timestamp order (how batch code computes window features from history).
 * @public
 */
export type SideShape = 'record' | 'entity';

/**
 * One implementation of a contract's features. The engine hands it batches in which every entity's records are
 * contiguous, in timestamp order, and never split across batches; it returns one outcome per record, in order.
 * @public
 */
export interface Side {
  readonly shape: SideShape;
  /** Short human description for reports, e.g. `python examples/card-fraud/training.py (command)`. */
  readonly description: string;
  /** How many batches the engine may keep in flight at once (out-of-process sides pipeline). Default 1. */
  readonly inFlight?: number;
  /** In-process sides can be rebuilt in worker threads from the config; out-of-process ones parallelise themselves. */
  readonly location?: 'in-process' | 'out-of-process';
  /**
   * Features read, not computed (the `logged` side, a features file): the same whatever the input, so a replay does not
   * reduce a class to a minimal input when both sides are precomputed.
   * @remarks Since 0.1
   */
  readonly precomputed?: boolean;
  /** Starts the implementation (child processes, connections). Throws `SkewError` `SKEW_IMPL_START` when it cannot. */
  start?(): Promise<void>;
  compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]>;
  /**
   * Clears the state a stateful side keeps across calls (an online store), so the next batch is computed as by a
   * fresh side. Optional: only sides that keep state and can clear it cheaply have it. Golden checks and fuzz call it
   * before every case on a side given as an instance. Called when no `compute` is in flight; resolves once the state
   * is clear. A command side has it when its options say `reset: true` (see docs/protocol.md); `recordSide` and
   * `entitySide` when given a `reset` option.
   * @remarks Since 0.1
   */
  reset?(): Promise<void>;
  /** Problems not tied to one record's outcome (garbage lines, unknown ids, restarts), collected since the last call. */
  drainDiagnostics?(): readonly SideDiagnostic[];
  close?(): Promise<void>;
}

/**
 * A problem a side met that is not one record's outcome: a restart, a garbage line, an unknown id; `join`: rows of a
 * precomputed features file that repeat an id, have none, or matched no record.
 * @public
 */
export interface SideDiagnostic {
  readonly kind: 'restart' | 'protocol' | 'timeout' | 'stderr' | 'retry' | 'join';
  readonly message: string;
  /** The log line of the record involved, when there is one. */
  readonly line?: number;
}

/** Training and serving sides bound to a contract for one run. @public */
export type SidePair = Readonly<Record<SideName, Side>>;

/** @internal */
export function isError(outcome: SideOutcome): outcome is { readonly error: string; readonly latencyMs?: number } {
  return 'error' in outcome;
}

/** @internal */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
