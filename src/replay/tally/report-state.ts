import type { DivergenceKind, SideName } from '../../compare/divergence.ts';
import { type DistributionState, mergeDistributionState } from '../../distribution/distribution-state.ts';
import type { SideDiagnostic, SideRecord } from '../../implementations/side.ts';
import { mergeSliceCounts, newSliceCounts, type SliceCounts } from '../../slicing/slice-counts.ts';
import type { InvalidLine } from '../decode/invalid-line.ts';
import type { DivergenceExample } from '../replay-report.ts';
import { type LatencyHistogram, mergeHistogram, newHistogram } from './latency-histogram.ts';

/** A record id seen twice: at `firstLine` and again at `line`. @public */
export interface DuplicateId {
  readonly id: string;
  readonly firstLine: number;
  readonly line: number;
}

/** Running statistics of one feature. */
export interface FeatureState {
  diverged: number;
  byKind: Partial<Record<DivergenceKind, number>>;
  worstAbs: number;
  worstRel: number;
  /**
   * The sum of the sMAPE terms as two numbers, `smapeSum + smapeLo` (what each addition rounded off is kept in
   * `smapeLo`): their total does not depend on the order the terms came in, which batches in flight change from run to
   * run. Read it with {@link smapeTotal}.
   */
  smapeSum: number;
  smapeLo: number;
  smapeCount: number;
  examples: DivergenceExample[];
}

/** A sum of sMAPE terms kept as two numbers (see {@link FeatureState.smapeSum}). */
export type SmapeSum = Pick<FeatureState, 'smapeSum' | 'smapeLo'>;

/** Adds one sMAPE term (or another sum, `term + lo`) to a sum, keeping what the addition rounds off. */
export function addSmape(f: SmapeSum, term: number, lo = 0): void {
  const sum = f.smapeSum + term;
  const back = sum - f.smapeSum;
  f.smapeLo += f.smapeSum - (sum - back) + (term - back) + lo;
  f.smapeSum = sum;
}

/** A feature's sum of sMAPE terms. */
export function smapeTotal(f: SmapeSum): number {
  return f.smapeSum + f.smapeLo;
}

/**
 * A sum of sMAPE terms as a report's tally writes it: the total, and what rounding the total left over (`rest`), so
 * that merged shards add up to one run's sum whatever order they come in.
 */
export function smapeParts(f: SmapeSum): { sum: number; rest: number } {
  const sum = f.smapeSum + f.smapeLo;
  return { sum, rest: f.smapeLo - (sum - f.smapeSum) };
}

/** The first record that showed a class, with the entity's earlier records of its batch: enough to run it again. */
export interface Reproduction {
  readonly record: SideRecord;
  readonly history: readonly SideRecord[];
  readonly side?: SideName | 'both';
}

/** One divergence class being counted. */
export interface ClassState {
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly cause: string;
  count: number;
  examples: DivergenceExample[];
  reproduction?: Reproduction;
  /** The class's records' inputs, counted for root-cause slicing. */
  slicing: SliceCounts;
}

/**
 * Everything a replay has accumulated, as plain data: partitions processed in other threads send theirs back to
 * be merged, so the final report is the same however the work was split.
 */
export interface ReportState {
  read: number;
  /** Blank lines: skipped, never read, and their first line numbers. */
  blank: number;
  blankLines: number[];
  /** Records whose id an earlier record of the same entity had, and the first of them. */
  duplicateIds: number;
  duplicates: DuplicateId[];
  compared: number;
  errored: number;
  diverged: number;
  invalidByReason: Record<InvalidLine['reason'], number>;
  invalid: InvalidLine[];
  features: FeatureState[];
  classes: Map<string, ClassState>;
  sideErrors: Record<SideName, number>;
  latency: Record<SideName, LatencyHistogram>;
  diagnostics: Record<SideName, SideDiagnostic[]>;
  diagnosticCounts: Record<SideName, number>;
  /** Each feature's training and serving distribution counts (set by the report builder). */
  distributions?: DistributionState;
  /** The inputs of the records that reached the sides (compared or errored), counted for root-cause slicing. */
  slicing: SliceCounts;
}

/** Keeps the `limit` items with the smallest line numbers, in bounded memory. */
export function keepFirst<T extends { line: number }>(items: T[], item: T, limit: number): T[] {
  items.push(item);
  return items.length >= limit * 4 ? firstByLine(items, limit) : items;
}

/** The `limit` items with the smallest line numbers, in line order. */
export function firstByLine<T extends { line: number }>(items: T[], limit: number): T[] {
  return items.sort((a, b) => a.line - b.line).slice(0, limit);
}

/** The `limit` smallest line numbers, in order. */
export function firstLines(lines: number[], limit: number): number[] {
  return lines.sort((a, b) => a - b).slice(0, limit);
}

/** Orders classes by their first record's line. */
export function byFirstLine(a: ClassState, b: ClassState): number {
  return Math.min(...a.examples.map((e) => e.line)) - Math.min(...b.examples.map((e) => e.line));
}

/** How many blank lines a report names (the rest are counted). */
export const BLANK_LINES_KEPT = 10;

export function newReportState(featureCount: number): ReportState {
  return {
    read: 0,
    blank: 0,
    blankLines: [],
    duplicateIds: 0,
    duplicates: [],
    compared: 0,
    errored: 0,
    diverged: 0,
    invalidByReason: { json: 0, record: 0, schema: 0 },
    invalid: [],
    features: Array.from({ length: featureCount }, () => ({
      diverged: 0,
      byKind: {},
      worstAbs: 0,
      worstRel: 0,
      smapeSum: 0,
      smapeLo: 0,
      smapeCount: 0,
      examples: [],
    })),
    classes: new Map(),
    sideErrors: { training: 0, serving: 0 },
    latency: { training: newHistogram(), serving: newHistogram() },
    diagnostics: { training: [], serving: [] },
    diagnosticCounts: { training: 0, serving: 0 },
    slicing: newSliceCounts(),
  };
}

/** Adds `other` into `into`; example lists are cut back to `limit` by line order. */
export function mergeReportState(into: ReportState, other: ReportState, limit: number): void {
  into.read += other.read;
  into.blank += other.blank;
  into.duplicateIds += other.duplicateIds;
  into.duplicates = firstByLine([...into.duplicates, ...other.duplicates], BLANK_LINES_KEPT);
  into.blankLines = firstLines([...into.blankLines, ...other.blankLines], BLANK_LINES_KEPT);
  into.compared += other.compared;
  into.errored += other.errored;
  into.diverged += other.diverged;
  for (const reason of ['json', 'record', 'schema'] as const)
    into.invalidByReason[reason] += other.invalidByReason[reason];
  into.invalid = firstByLine([...into.invalid, ...other.invalid], limit * 4);
  into.features.forEach((f, i) => {
    const o = other.features[i] as FeatureState;
    f.diverged += o.diverged;
    for (const [kind, n] of Object.entries(o.byKind) as [DivergenceKind, number][])
      f.byKind[kind] = (f.byKind[kind] ?? 0) + n;
    f.worstAbs = Math.max(f.worstAbs, o.worstAbs);
    f.worstRel = Math.max(f.worstRel, o.worstRel);
    addSmape(f, o.smapeSum, o.smapeLo);
    f.smapeCount += o.smapeCount;
    f.examples = firstByLine([...f.examples, ...o.examples], limit);
  });
  if (into.distributions !== undefined && other.distributions !== undefined)
    mergeDistributionState(into.distributions, other.distributions);
  for (const [key, c] of other.classes) {
    const mine = into.classes.get(key);
    if (mine === undefined) into.classes.set(key, c);
    else {
      mine.count += c.count;
      mergeSliceCounts(mine.slicing, c.slicing);
      mine.examples = firstByLine([...mine.examples, ...c.examples], 3);
      if (
        c.reproduction !== undefined &&
        (mine.reproduction === undefined || c.reproduction.record.line < mine.reproduction.record.line)
      ) {
        mine.reproduction = c.reproduction;
      }
    }
  }
  mergeSliceCounts(into.slicing, other.slicing);
  for (const side of ['training', 'serving'] as const) {
    into.sideErrors[side] += other.sideErrors[side];
    mergeHistogram(into.latency[side], other.latency[side]);
    into.diagnosticCounts[side] += other.diagnosticCounts[side];
    into.diagnostics[side] = [...into.diagnostics[side], ...other.diagnostics[side]].slice(0, 20);
  }
}
