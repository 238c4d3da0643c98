import type { Divergence, SideName } from '../compare/divergence.ts';
import type { Side } from '../implementations/side.ts';
import type { StoredCase } from '../snapshot/corpus-entry.ts';

/**
 * Makes a fresh side. A side given as a factory is created, started and closed for every case, so a stateful
 * in-process side (an online store, a cache) starts empty each time and a counterexample replays alone. Give
 * out-of-process sides as instances: they are started once per run and reused (one child session), and never closed
 * by the run — the caller that created an instance closes it.
 * @public
 */
export type SideFactory = () => Side | Promise<Side>;

/**
 * What a finding says of its divergence: feature, kind, cause, the side at fault, detail, and the two sides' values
 * for the event that shows it (for `error`: `{ error }` on the failing side).
 * @public
 */
export type DivergenceFacts = Pick<
  Divergence,
  'feature' | 'kind' | 'cause' | 'side' | 'detail' | 'training' | 'serving'
>;

/**
 * The training and serving sides of a fuzz run: instances (started once, closed by their owner) or factories (fresh
 * per case, each started and closed by the run).
 * @public
 */
export type FuzzSides = Readonly<Record<SideName, Side | SideFactory>>;

/**
 * One distinct divergence class (feature + kind + cause) the search found, shrunk to a minimal input.
 * @remarks Since 0.1
 * @public
 */
export interface Finding extends DivergenceFacts {
  /** The minimal input: one input record, or for entity-wise sides a minimal history (array of records). */
  readonly minimalInput: unknown;
  /**
   * Events of fast-check's minimal history before Lockstep dropped the ones the divergence does not need; `seed`
   * and `path` replay that history, the corpus keeps the reduced one.
   */
  readonly reducedFrom?: number;
  /** The generated input before shrinking. */
  readonly originalInput: unknown;
  /** For a history: the index of the event that shows the divergence. */
  readonly event?: number;
  /** fast-check seed and path of the minimal input: `lockstep fuzz --seed <seed> --path "<path>"` replays it. */
  readonly seed: number;
  readonly path: string;
  /** Generated cases run until the case that first showed this class (1-based, over the whole run). */
  readonly foundAfterRuns: number;
  /** Where it came from: the search, the regression corpus (a stored case that still diverges), or a `path` replay. */
  readonly source: 'search' | 'corpus' | 'replay';
  /** The corpus key it is stored under, when it is stored. */
  readonly corpusKey?: string;
}

/** What replaying the regression corpus first found. @public */
export interface CorpusReport {
  /** Where the corpus lives (a folder for the fs store). */
  readonly location: string;
  readonly replayed: number;
  /** Stored cases that still diverge (each class is also a finding). */
  readonly stillDiverging: number;
  /** Stored cases whose divergence is gone. Kept, unless pruned. */
  readonly fixed: readonly StoredCase[];
  /** Stored cases whose input no longer passes the contract's input schema. */
  readonly stale: readonly StoredCase[];
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

/**
 * A side that could not be reached during a fuzz run (a transport failure: refused, timed out, rate-limited, 5xx
 * after retries): the run stopped at that case, since every later one would only fail against it again.
 * @public
 */
export interface FuzzUnavailable {
  readonly side: SideName;
  /** Where the side was called, e.g. its URL. */
  readonly address: string;
  /** What happened there, e.g. `connection refused`, `answered 503`. */
  readonly status: string;
  /** The side's full error message. */
  readonly message: string;
  /** Cases (generated, stored or shrinking steps) both sides answered before; 0: the side was never reached. */
  readonly afterCases: number;
}

/**
 * The result of fuzzing one contract. Pure data: `status` is `diverged` when there is at least one finding.
 * @remarks Since 0.1
 * @public
 */
export interface FuzzResult {
  readonly contract: { readonly name: string; readonly version: string };
  readonly sides: Readonly<Record<SideName, string>>;
  readonly status: 'pass' | 'diverged';
  /** `record`: one input per case; `history`: an entity history per case (an entity-wise side). */
  readonly shape: 'record' | 'history';
  /** Generated cases run (shrinking steps not counted). */
  readonly runs: number;
  /** The budget asked for. */
  readonly budget: number;
  /** The seed of the run; each finding carries the seed that replays it. */
  readonly seed: number;
  /** Shrinking steps over all findings. */
  readonly shrinks: number;
  readonly findings: readonly Finding[];
  readonly corpus?: CorpusReport;
  /** Set when a side could not be reached: the run stopped there (the gate exits 2 if it was never reached). */
  readonly unavailable?: FuzzUnavailable;
  readonly durationMs: number;
  /** Input fields shown as their hash (`redact`); the regression corpus keeps their real values. */
  readonly redacted?: readonly string[];
}
