import type { Divergence, DivergenceKind, SideName } from '../../compare/divergence.ts';
import { maskNumbers } from '../../compare/mask-numbers.ts';
import { precomputedMissingCause } from '../../compare/precomputed-missing.ts';
import { sideUnavailable, unavailableCause } from '../../compare/side-unavailable.ts';
import type { Contract } from '../../contract/contract.ts';
import type { FeatureSpec } from '../../contract/feature-spec.ts';
import {
  distributionFields,
  newDistributionState,
  observeDistributionColumns,
  observeDistributions,
} from '../../distribution/distribution-state.ts';
import { distributionTally } from '../../distribution/distribution-tally.ts';
import type { SideDiagnostic, SideOutcome, SideRecord } from '../../implementations/side.ts';
import { countColumns, type SliceColumn } from '../../slicing/count-columns.ts';
import { countInput } from '../../slicing/count-input.ts';
import { newSliceCounts } from '../../slicing/slice-counts.ts';
import type { InvalidLine } from '../decode/invalid-line.ts';
import { refusedEntityCause } from '../entity-wise/entity-limit.ts';
import type { DivergenceClass, DivergenceExample, FeatureReport, ReplayReport, SideReport } from '../replay-report.ts';
import type { SourceError } from '../stage-one.ts';
import { capValue } from './cap-value.ts';
import { histogramTally, quantile, recordLatency } from './latency-histogram.ts';
import type { MergeableTally } from './mergeable-tally.ts';
import type { PlainRows } from './plain-rows.ts';
import {
  addSmape,
  BLANK_LINES_KEPT,
  byFirstLine,
  type ClassState,
  type FeatureState,
  firstByLine,
  firstLines,
  keepFirst,
  mergeReportState,
  newReportState,
  type ReportState,
  smapeParts,
  smapeTotal,
} from './report-state.ts';
import { classSlices, slicingTally } from './slicing-tally.ts';

/** What explaining a class adds to it: a minimal reproducing input and hints. @public */
export type Explanation = Pick<DivergenceClass, 'minimal' | 'hints'>;

/** The class label of a side's error: "side unavailable" with address and status, else the message's shape. */
function errorClassCause(side: SideName, message: string): string {
  const refused = refusedEntityCause(message);
  if (refused !== undefined) return refused;
  const missing = precomputedMissingCause(side, message);
  if (missing !== undefined) return missing;
  const unavailable = sideUnavailable(message);
  return unavailable === undefined
    ? `${side}: ${maskNumbers(message).slice(0, 160)}`
    : unavailableCause(side, unavailable);
}

/** Code-unit order of two strings: the same on every machine (`localeCompare` is not). */
function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order classes are reported in: most records first, then by first record, then by label, so that the order is
 * the same however the records were split (threads, shards).
 * @internal
 */
export function compareClasses(a: DivergenceClass, b: DivergenceClass): number {
  return (
    b.count - a.count || (a.examples[0]?.line ?? 0) - (b.examples[0]?.line ?? 0) || textOrder(classKey(a), classKey(b))
  );
}

/** A class's identity: feature, kind and cause. @internal */
export function classKey(c: Pick<DivergenceClass, 'feature' | 'kind' | 'cause'>): string {
  return `${c.feature}\u0000${c.kind}\u0000${c.cause}`;
}

/** The feature name under which a side's failure on a whole record is reported. @public */
export const RECORD_FEATURE = '(record)';

/** Accumulates records, divergences and invalid lines into a `ReplayReport` in bounded memory. */
export class ReportBuilder {
  state: ReportState;
  private readonly featureIndex: Map<string, number>;
  /** Accumulates error statistics of a comparable pair; pass it to the comparator. */
  readonly observe: (featureIndex: number, training: unknown, serving: unknown) => void;

  constructor(
    private readonly contract: Contract,
    private readonly exampleLimit: number,
    private readonly onDivergence?: (divergence: DivergenceExample) => void,
  ) {
    this.state = newReportState(contract.featureNames.length);
    this.state.distributions = newDistributionState(contract);
    this.featureIndex = new Map(contract.featureNames.map((name, i) => [name, i]));
    this.observe = (i, t, s) => {
      if (typeof t !== 'number' && typeof t !== 'bigint') return;
      const a = Number(t);
      const b = Number(s);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return;
      const acc = this.state.features[i] as FeatureState;
      const abs = Math.abs(a - b);
      if (abs === 0) {
        acc.smapeCount++;
        return;
      }
      const scale = Math.abs(a) + Math.abs(b);
      if (abs > acc.worstAbs) acc.worstAbs = abs;
      const rel = abs / Math.max(Math.abs(a), Math.abs(b));
      if (rel > acc.worstRel) acc.worstRel = rel;
      addSmape(acc, (2 * abs) / scale);
      acc.smapeCount++;
    };
  }

  /** A record whose id an earlier record of its entity already had (the same event logged twice?). */
  addDuplicateId(id: string, firstLine: number, line: number): void {
    const s = this.state;
    s.duplicateIds++;
    s.duplicates = keepFirst(s.duplicates, { id, firstLine, line }, BLANK_LINES_KEPT);
  }

  /** A blank line: skipped, not read (so `compared + invalid + errored = read` counts records), named apart. */
  addBlank(line: number): void {
    const s = this.state;
    s.blank++;
    // The first by line, not by arrival: partitions and batches in flight come out of order.
    s.blankLines.push(line);
    if (s.blankLines.length >= BLANK_LINES_KEPT * 4) s.blankLines = firstLines(s.blankLines, BLANK_LINES_KEPT);
  }

  addInvalid(invalid: InvalidLine): void {
    const s = this.state;
    s.read++;
    s.invalidByReason[invalid.reason]++;
    s.invalid = keepFirst(s.invalid, invalid, this.exampleLimit * 4);
  }

  /** Records one decoded record with both sides' outcomes and the divergences found between them. */
  addRecord(
    record: SideRecord,
    training: SideOutcome,
    serving: SideOutcome,
    divergences: readonly Divergence[],
    historyOf?: () => readonly SideRecord[],
  ): void {
    this.historyOf = historyOf;
    const s = this.state;
    s.read++;
    if (training.latencyMs !== undefined) recordLatency(s.latency.training, training.latencyMs);
    if (serving.latencyMs !== undefined) recordLatency(s.latency.serving, serving.latencyMs);
    countInput(s.slicing, record.input);
    const tError = 'error' in training ? training.error : undefined;
    const sError = 'error' in serving ? serving.error : undefined;
    if (tError !== undefined || sError !== undefined) {
      s.errored++;
      if (tError !== undefined) this.addError(record, 'training', tError, serving);
      // A record refused before either side saw it is one class, not one per side.
      if (sError !== undefined && !(sError === tError && refusedEntityCause(sError) !== undefined))
        this.addError(record, 'serving', sError, training);
      return;
    }
    s.compared++;
    if (s.distributions !== undefined && 'features' in training && 'features' in serving)
      observeDistributions(s.distributions, this.contract, training.features, serving.features, record.line);
    if (divergences.length === 0) return;
    s.diverged++;
    // The comparator gives at most one divergence per contract feature and record.
    for (const d of divergences) {
      const example = this.example(record, d);
      this.addToClass(d.feature, d.kind, d.cause, example, record, d.side);
      const index = this.featureIndex.get(d.feature);
      if (index === undefined) continue;
      const acc = s.features[index] as FeatureState;
      acc.byKind[d.kind] = (acc.byKind[d.kind] ?? 0) + 1;
      acc.diverged++;
      acc.examples = keepFirst(acc.examples, example, this.exampleLimit);
    }
  }

  /**
   * Records that both sides answered without error and that did not diverge, counted column by column: what
   * `addRecord` counts for each of them (with no divergence), without a record or outcome object per row. Neither
   * their error statistics (call `observe` for their pairs, as the comparator would) nor their inputs (call
   * `addPlainInputs`, once for many batches if need be: slicing counts add up in any order) are counted here.
   */
  addPlainRows(rows: PlainRows): void {
    const s = this.state;
    const n = rows.count;
    s.read += n;
    s.compared += n;
    if (n > 0) {
      recordLatency(s.latency.training, rows.latencyMs.training, n);
      recordLatency(s.latency.serving, rows.latencyMs.serving, n);
    }
    if (s.distributions !== undefined)
      observeDistributionColumns(s.distributions, this.contract, rows.features, rows.skip, rows.lines);
  }

  /** The inputs of `records` records given to `addPlainRows`, as columns, for the log's slicing counts. */
  addPlainInputs(input: readonly SliceColumn[], records: number): void {
    countColumns(this.state.slicing, input, records);
  }

  /** The inputs of records given to `addPlainRows`, one by one (records decoded from lines, not columns). */
  addPlainInputObjects(inputs: readonly unknown[]): void {
    for (const input of inputs) countInput(this.state.slicing, input);
  }

  /** Collects what a side reports beyond per-record outcomes (restarts, protocol garbage). */
  addDiagnostics(side: SideName, diagnostics: readonly SideDiagnostic[]): void {
    const s = this.state;
    s.diagnosticCounts[side] += diagnostics.length;
    for (const d of diagnostics) if (s.diagnostics[side].length < 20) s.diagnostics[side].push(d);
  }

  /** Adds what another builder (another thread, another shard) accumulated. */
  merge(other: ReportState): void {
    mergeReportState(this.state, other, this.exampleLimit);
  }

  private historyOf: (() => readonly SideRecord[]) | undefined;

  /** A side failed on a record: the failed side's value is its error, the other's what it answered (features or error). */
  private addError(record: SideRecord, side: SideName, message: string, other: SideOutcome): void {
    this.state.sideErrors[side]++;
    const failed = { error: message };
    const answered = 'error' in other ? { error: other.error } : other.features;
    const d: Divergence = {
      kind: 'error',
      feature: RECORD_FEATURE,
      training: side === 'training' ? failed : answered,
      serving: side === 'serving' ? failed : answered,
      side,
      detail: `${side} failed: ${message}`,
      cause: errorClassCause(side, message),
    };
    this.addToClass(d.feature, d.kind, d.cause, this.example(record, d), record, side);
  }

  private example(record: SideRecord, d: Divergence): DivergenceExample {
    return {
      line: record.line,
      ...(record.recordId === undefined ? {} : { recordId: record.recordId }),
      ...(record.entity === undefined ? {} : { entity: record.entity }),
      timestamp: record.timestamp,
      feature: d.feature,
      kind: d.kind,
      ...(d.side === undefined ? {} : { side: d.side }),
      // Reports keep huge values cut, with their full length: the comparison saw them whole.
      training: capValue(d.training),
      serving: capValue(d.serving),
      detail: capValue(d.detail) as string,
      input: capValue(record.input),
    };
  }

  private addToClass(
    feature: string,
    kind: DivergenceKind,
    cause: string,
    example: DivergenceExample,
    record: SideRecord,
    side: Divergence['side'],
  ): void {
    this.onDivergence?.(example);
    const key = classKey({ feature, kind, cause });
    let acc = this.state.classes.get(key);
    const created = acc === undefined;
    if (acc === undefined) {
      acc = { feature, kind, cause, count: 0, examples: [], slicing: newSliceCounts() };
      this.state.classes.set(key, acc);
    }
    // The reproduction is the class's first record by line, like its first example, whatever the processing order.
    if (acc.reproduction === undefined || record.line < acc.reproduction.record.line) {
      acc.reproduction = { record, history: this.historyOf?.() ?? [], ...(side === undefined ? {} : { side }) };
    }
    acc.count++;
    countInput(acc.slicing, record.input);
    acc.examples = keepFirst(acc.examples, example, 3);
    if (created) this.onNewClass?.(key, acc);
  }

  /** Hears of each class when its first record comes (a log-order replay explains classes while it reads on). */
  onNewClass: ((key: string, state: ClassState) => void) | undefined;

  /** The classes found so far, largest first, with what is needed to run each one's first record again. */
  classesToExplain(limit: number): { key: string; state: ClassState }[] {
    return [...this.state.classes.entries()]
      .sort(([ka, a], [kb, b]) => b.count - a.count || byFirstLine(a, b) || textOrder(ka, kb))
      .slice(0, limit)
      .map(([key, state]) => ({ key, state }));
  }

  build(meta: {
    sources: readonly string[];
    sideDescriptions: Readonly<Record<SideName, string>>;
    durationMs: number;
    explanations?: ReadonlyMap<string, Explanation>;
    sourceErrors?: readonly SourceError[];
    sourceLineOffsets?: readonly number[];
    /** The run's shard (0-based index) and sample rate, and the lines the sample left out. */
    shard?: { readonly index: number; readonly count: number };
    sample?: number;
    sampledOut?: number;
  }): ReplayReport {
    const s = this.state;
    const features: FeatureReport[] = this.contract.featureNames.map((feature, i) => {
      const acc = s.features[i] as FeatureState;
      const spec = this.contract.features[feature] as FeatureSpec;
      const numeric = spec.type === 'int' || spec.type === 'float' || spec.type === 'timestamp';
      return {
        feature,
        type: spec.type,
        compared: s.compared,
        matched: s.compared - acc.diverged,
        diverged: acc.diverged,
        byKind: acc.byKind,
        mismatchRate: s.compared === 0 ? 0 : acc.diverged / s.compared,
        ...(numeric ? { worstAbsError: acc.worstAbs, worstRelError: acc.worstRel } : {}),
        ...(numeric && spec.type !== 'timestamp'
          ? { smape: acc.smapeCount === 0 ? 0 : smapeTotal(acc) / acc.smapeCount }
          : {}),
        examples: firstByLine(acc.examples, this.exampleLimit),
        ...distributionFields(s.distributions?.[i], spec),
      };
    });
    const classes: DivergenceClass[] = [...s.classes.entries()]
      .map(([key, c]) => ({
        feature: c.feature,
        kind: c.kind,
        cause: c.cause,
        count: c.count,
        examples: firstByLine(c.examples, 3),
        ...classSlices(c.slicing, s.slicing),
        ...meta.explanations?.get(key),
      }))
      .sort(compareClasses);
    const sides: SideReport[] = (['training', 'serving'] as const).map((side) => {
      const h = s.latency[side];
      return {
        side,
        description: meta.sideDescriptions[side],
        records: s.compared + s.errored,
        errors: s.sideErrors[side],
        latencyMs: { p50: quantile(h, 0.5), p95: quantile(h, 0.95), p99: quantile(h, 0.99), max: h.max },
        diagnostics: { count: s.diagnosticCounts[side], first: s.diagnostics[side] },
      };
    });
    const { json, record, schema } = s.invalidByReason;
    return {
      contract: { name: this.contract.name, version: this.contract.version },
      sources: meta.sources,
      sourceLineOffsets: meta.sourceLineOffsets ?? meta.sources.map(() => 0),
      status: classes.length > 0 ? 'diverged' : 'pass',
      counts: {
        read: s.read,
        blank: s.blank,
        blankLines: firstLines([...s.blankLines], BLANK_LINES_KEPT),
        duplicateIds: s.duplicateIds,
        duplicates: firstByLine(s.duplicates, BLANK_LINES_KEPT),
        compared: s.compared,
        invalid: json + record + schema,
        errored: s.errored,
        diverged: s.diverged,
        invalidByReason: { ...s.invalidByReason },
        ...(meta.sample === undefined ? {} : { sampledOut: meta.sampledOut ?? 0 }),
      },
      features,
      classes,
      sides,
      invalid: firstByLine(s.invalid, this.exampleLimit * 4),
      sourceErrors: meta.sourceErrors ?? [],
      durationMs: meta.durationMs,
      ...(meta.shard === undefined ? {} : { shard: { index: meta.shard.index + 1, count: meta.shard.count } }),
      ...(meta.sample === undefined ? {} : { sample: meta.sample }),
      mergeable: this.tally(),
    };
  }

  /** The sums and sketches behind the report's derived numbers, for merging shard reports exactly. */
  private tally(): MergeableTally {
    const s = this.state;
    return {
      exampleLimit: this.exampleLimit,
      features: this.contract.featureNames.map((feature, i) => {
        const acc = s.features[i] as FeatureState;
        const spec = this.contract.features[feature] as FeatureSpec;
        const cap = spec.maxMismatchRate;
        const distribution = s.distributions?.[i];
        const smape = smapeParts(acc);
        return {
          feature,
          worstAbs: acc.worstAbs,
          worstRel: acc.worstRel,
          smapeSum: smape.sum,
          smapeRest: smape.rest,
          smapeCount: acc.smapeCount,
          ...(cap === undefined ? {} : { maxMismatchRate: cap }),
          ...(distribution === undefined ? {} : { distribution: distributionTally(distribution) }),
          ...(spec.distribution === undefined ? {} : { distributionThresholds: spec.distribution }),
        };
      }),
      latency: { training: histogramTally(s.latency.training), serving: histogramTally(s.latency.serving) },
      slicing: slicingTally(s.slicing, s.classes.values()),
    };
  }
}
