import type { AaCalibration } from '../calibration/aa-result.ts';
import type { DivergenceKind, SideName } from '../compare/divergence.ts';
import type { FeatureType } from '../contract/feature-spec.ts';
import type { FeatureDistribution, ScatterSample } from '../distribution/feature-distribution.ts';
import type { SideDiagnostic } from '../implementations/side.ts';
import type { ClassSlice } from '../slicing/class-slice.ts';
import type { InvalidLine } from './decode/invalid-line.ts';
import type { SourceError } from './stage-one.ts';
import type { MergeableTally } from './tally/mergeable-tally.ts';
import type { DuplicateId } from './tally/report-state.ts';

/** One divergence with the record that caused it. @public */
export interface DivergenceExample {
  readonly line: number;
  /** The record's own id from the log (`--id-field`), when it has one. */
  readonly recordId?: string;
  /** The record's entity; absent when the contract has no entity (a record-wise contract). */
  readonly entity?: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly side?: SideName | 'both';
  readonly training: unknown;
  readonly serving: unknown;
  readonly detail: string;
  readonly input: unknown;
}

/** Per-feature results. @public */
export interface FeatureReport {
  readonly feature: string;
  readonly type: FeatureType;
  /** Records where both sides produced features. */
  readonly compared: number;
  readonly matched: number;
  readonly diverged: number;
  readonly byKind: Partial<Record<DivergenceKind, number>>;
  readonly mismatchRate: number;
  readonly worstAbsError?: number;
  readonly worstRelError?: number;
  /** Symmetric mean absolute percentage error over all compared values, numeric features only (0..2). */
  readonly smape?: number;
  readonly examples: readonly DivergenceExample[];
  /** Training and serving distributions over the compared records, and the distances between them. */
  readonly distribution?: FeatureDistribution;
  /** Numeric features: a deterministic sample of (training, serving) pairs, for a scatter plot. */
  readonly scatter?: ScatterSample;
  /** A/A calibration (`--aa`) found this feature nondeterministic on these sides. */
  readonly nondeterministic?: readonly SideName[];
}

/** The smallest input found that still shows a class's divergence, beside the logged one. @public */
export interface MinimalInput {
  readonly line: number;
  readonly original: unknown;
  readonly minimal: unknown;
  /** Input paths that could not be simplified without losing the divergence. */
  readonly fieldsThatMatter: readonly string[];
  readonly changedFields: readonly string[];
  /** False when the record did not show the divergence again when re-run (nothing was reduced). */
  readonly reproduced: boolean;
  /**
   * Why it may not have shown again, when it did not: `history` (an entity-wise side computes it from the entity's
   * earlier records) or `state` (both sides are record-wise: a side keeps state across records, e.g. an online store,
   * or is not deterministic).
   */
  readonly notReproducedBecause?: 'history' | 'state';
  /** Set when the minimization's wall-clock cap (`capSeconds`) stopped it: the input may reduce further. */
  readonly cutShort?: 'time';
  readonly capSeconds?: number;
}

/** Divergences of one feature, one kind and one shape of cause: one finding, however many records. @public */
export interface DivergenceClass {
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly cause: string;
  readonly count: number;
  readonly examples: readonly DivergenceExample[];
  readonly minimal?: MinimalInput;
  /** Likely causes, from the shape of the input and the divergence. */
  readonly hints?: readonly string[];
  /** Input predicates the class's records share far more than the log does, most telling first. */
  readonly slices?: readonly ClassSlice[];
  /** Set when A/A calibration (`--aa`) found the class's feature nondeterministic on these sides. */
  readonly nondeterministic?: readonly SideName[];
  /** Set when the history file's previous run of this contract had no class with this signature. */
  readonly isNew?: boolean;
}

/** Per-side results. @public */
export interface SideReport {
  readonly side: SideName;
  readonly description: string;
  readonly records: number;
  readonly errors: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  /** Problems not tied to one record's outcome: restarts, timeouts, garbage lines, unknown ids. */
  readonly diagnostics: { readonly count: number; readonly first: readonly SideDiagnostic[] };
}

/** Every line accounted for: `compared + invalid + errored = read`; blank lines are skipped and counted apart. @public */
export interface ReplayCounts {
  /** Non-blank lines read. */
  readonly read: number;
  /** Blank (empty or whitespace-only) lines: skipped, not in `read`. */
  readonly blank: number;
  /** The first blank lines' numbers (run-wide, as `line` elsewhere), at most 10. */
  readonly blankLines: readonly number[];
  /** Records whose id (`--id-field`) an earlier record of the same entity already had; both are compared. */
  readonly duplicateIds: number;
  /** The first of them (at most 10): the id, where it was first seen, and where again. */
  readonly duplicates: readonly DuplicateId[];
  readonly compared: number;
  readonly invalid: number;
  readonly errored: number;
  /** Compared records with at least one divergence. */
  readonly diverged: number;
  readonly invalidByReason: Readonly<Record<InvalidLine['reason'], number>>;
  /** Lines of this run's shard that the sample (`--sample`) left out: neither read nor blank. */
  readonly sampledOut?: number;
}

/** A run-wide line number told as the log it is in and the line within that log. @public */
export interface LogLine {
  readonly log: string;
  readonly line: number;
}

/**
 * Where run-wide line `line` lies, given the logs in order and how many lines came before each (`sourceLineOffsets`).
 * @public
 */
export function logLineOf(sources: readonly string[], offsets: readonly number[], line: number): LogLine {
  let i = offsets.length - 1;
  while (i > 0 && (offsets[i] ?? 0) >= line) i--;
  return { log: sources[i] ?? '', line: line - (offsets[i] ?? 0) };
}

/** The result of replaying one contract's logs through both sides. Pure data. @public */
export interface ReplayReport {
  readonly contract: { readonly name: string; readonly version: string };
  readonly sources: readonly string[];
  /** Line numbers run on across sources: line L of the run is line L - offset of the last source whose offset < L. */
  readonly sourceLineOffsets: readonly number[];
  readonly status: 'pass' | 'diverged';
  readonly counts: ReplayCounts;
  readonly features: readonly FeatureReport[];
  readonly classes: readonly DivergenceClass[];
  readonly sides: readonly SideReport[];
  readonly invalid: readonly InvalidLine[];
  /** Logs that could not be read to their end (corrupt gzip, I/O error): the run covers only what came before. */
  readonly sourceErrors: readonly SourceError[];
  readonly durationMs: number;
  /** The shard this report covers (`--shard`, 1-based `index` of `count`); absent for a whole run or merged shards. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The share of entities replayed (`--sample`), when below 1. */
  readonly sample?: number;
  /** What merging shard reports needs beyond the rest (see `lockstep merge`): raw sums, histograms, settings. */
  readonly mergeable?: MergeableTally;
  /** A/A calibration (`--aa`): each side against itself. */
  readonly aa?: AaCalibration;
  /**
   * Whether logs that can be read column by column (Parquet) through two frame sides were (`used`: no JSON lines,
   * batches straight from the columns), and `because` when they went through the row path instead (slower, its memory
   * flat). `parts`: how many parts of whole entities a log above the rows the columnar path holds in memory was read
   * in (each decodes the log's columns again). Absent when the question does not arise.
   */
  readonly columnar?: { readonly used: boolean; readonly because?: string; readonly parts?: number };
  /** Input fields replaced by their hash in every output (`redact`); the comparison saw the real values. */
  readonly redacted?: readonly string[];
}
