import type { Divergence, DivergenceKind, SideName } from '../compare/divergence.ts';
import type { Contract } from '../contract/contract.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';
import type { SideDiagnostic, SideOutcome, SidePair, SideRecord } from '../implementations/side.ts';
import type { InvalidLine } from './invalid-line.ts';
import { LatencyHistogram } from './latency-histogram.ts';
import type { DivergenceClass, DivergenceExample, FeatureReport, ReplayReport, SideReport } from './replay-report.ts';

/** The feature name under which a side's failure on a whole record is reported. @public */
export const RECORD_FEATURE = '(record)';

class FirstByLine<T extends { line: number }> {
  private items: T[] = [];
  constructor(private readonly limit: number) {}
  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.limit * 4) this.items = this.list();
  }
  list(): T[] {
    return this.items.sort((a, b) => a.line - b.line).slice(0, this.limit);
  }
}

interface FeatureAcc {
  diverged: number;
  byKind: Partial<Record<DivergenceKind, number>>;
  worstAbs: number;
  worstRel: number;
  smapeSum: number;
  smapeCount: number;
  examples: FirstByLine<DivergenceExample>;
}

interface ClassAcc {
  feature: string;
  kind: DivergenceKind;
  cause: string;
  count: number;
  examples: FirstByLine<DivergenceExample>;
}

/** Accumulates records, divergences and invalid lines into a `ReplayReport` in bounded memory. */
export class ReportBuilder {
  private read = 0;
  private compared = 0;
  private errored = 0;
  private diverged = 0;
  private readonly invalidByReason = { json: 0, record: 0, schema: 0 };
  private readonly invalidLines: FirstByLine<InvalidLine>;
  private readonly features: FeatureAcc[];
  private readonly classes = new Map<string, ClassAcc>();
  private readonly sideErrors = { training: 0, serving: 0 };
  private readonly latency = { training: new LatencyHistogram(), serving: new LatencyHistogram() };
  private readonly diagnostics = { training: [] as SideDiagnostic[], serving: [] as SideDiagnostic[] };
  private readonly diagnosticCounts = { training: 0, serving: 0 };
  private readonly specs: FeatureSpec[];
  /** Accumulates error statistics of a comparable pair; pass it to the comparator. */
  readonly observe: (featureIndex: number, training: unknown, serving: unknown) => void;

  constructor(
    private readonly contract: Contract,
    exampleLimit: number,
    private readonly onDivergence?: (divergence: DivergenceExample) => void,
  ) {
    this.invalidLines = new FirstByLine(exampleLimit * 4);
    this.specs = contract.featureNames.map((n) => contract.features[n] as FeatureSpec);
    this.features = contract.featureNames.map(() => ({
      diverged: 0,
      byKind: {},
      worstAbs: 0,
      worstRel: 0,
      smapeSum: 0,
      smapeCount: 0,
      examples: new FirstByLine<DivergenceExample>(exampleLimit),
    }));
    this.observe = (i, t, s) => {
      if (typeof t !== 'number' && typeof t !== 'bigint') return;
      const a = Number(t);
      const b = Number(s);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return;
      const acc = this.features[i] as FeatureAcc;
      const abs = Math.abs(a - b);
      const scale = Math.abs(a) + Math.abs(b);
      if (abs > acc.worstAbs) acc.worstAbs = abs;
      const rel = scale === 0 ? 0 : abs / Math.max(Math.abs(a), Math.abs(b));
      if (rel > acc.worstRel) acc.worstRel = rel;
      acc.smapeSum += scale === 0 ? 0 : (2 * abs) / scale;
      acc.smapeCount++;
    };
  }

  addInvalid(invalid: InvalidLine): void {
    this.read++;
    this.invalidByReason[invalid.reason]++;
    this.invalidLines.add(invalid);
  }

  /** Records one decoded record with both sides' outcomes and the divergences found between them. */
  addRecord(record: SideRecord, training: SideOutcome, serving: SideOutcome, divergences: readonly Divergence[]): void {
    this.read++;
    const tError = 'error' in training ? training.error : undefined;
    const sError = 'error' in serving ? serving.error : undefined;
    if (training.latencyMs !== undefined) this.latency.training.record(training.latencyMs);
    if (serving.latencyMs !== undefined) this.latency.serving.record(serving.latencyMs);
    if (tError !== undefined || sError !== undefined) {
      this.errored++;
      if (tError !== undefined) this.addError(record, 'training', tError);
      if (sError !== undefined) this.addError(record, 'serving', sError);
      return;
    }
    this.compared++;
    if (divergences.length === 0) return;
    this.diverged++;
    const counted = new Set<number>();
    for (const d of divergences) {
      const example = this.example(record, d);
      this.addToClass(d.feature, d.kind, d.cause, example);
      const index = this.contract.featureNames.indexOf(d.feature);
      if (index < 0) continue;
      const acc = this.features[index] as FeatureAcc;
      acc.byKind[d.kind] = (acc.byKind[d.kind] ?? 0) + 1;
      if (!counted.has(index)) {
        counted.add(index);
        acc.diverged++;
      }
      acc.examples.add(example);
    }
  }

  /** Collects what a side reports beyond per-record outcomes (restarts, protocol garbage). */
  addDiagnostics(side: SideName, diagnostics: readonly SideDiagnostic[]): void {
    this.diagnosticCounts[side] += diagnostics.length;
    const kept = this.diagnostics[side];
    for (const d of diagnostics) if (kept.length < 20) kept.push(d);
  }

  private addError(record: SideRecord, side: SideName, message: string): void {
    this.sideErrors[side]++;
    const d: Divergence = {
      kind: 'error',
      feature: RECORD_FEATURE,
      training: side === 'training' ? undefined : null,
      serving: side === 'serving' ? undefined : null,
      side,
      detail: `${side} failed: ${message}`,
      cause: `${side}: ${message.replace(/\d+/g, '#').slice(0, 160)}`,
    };
    this.addToClass(d.feature, d.kind, d.cause, this.example(record, d));
  }

  private example(record: SideRecord, d: Divergence): DivergenceExample {
    return {
      line: record.line,
      entity: record.entity,
      timestamp: record.timestamp,
      feature: d.feature,
      kind: d.kind,
      ...(d.side === undefined ? {} : { side: d.side }),
      training: d.training,
      serving: d.serving,
      detail: d.detail,
      input: record.input,
    };
  }

  private addToClass(feature: string, kind: DivergenceKind, cause: string, example: DivergenceExample): void {
    this.onDivergence?.(example);
    const key = `${feature}\u0000${kind}\u0000${cause}`;
    let acc = this.classes.get(key);
    if (acc === undefined) {
      acc = { feature, kind, cause, count: 0, examples: new FirstByLine(3) };
      this.classes.set(key, acc);
    }
    acc.count++;
    acc.examples.add(example);
  }

  build(meta: { sources: readonly string[]; sides: SidePair; durationMs: number }): ReplayReport {
    const features: FeatureReport[] = this.contract.featureNames.map((feature, i) => {
      const acc = this.features[i] as FeatureAcc;
      const spec = this.specs[i] as FeatureSpec;
      const numeric = spec.type === 'int' || spec.type === 'float' || spec.type === 'timestamp';
      return {
        feature,
        type: spec.type,
        compared: this.compared,
        matched: this.compared - acc.diverged,
        diverged: acc.diverged,
        byKind: acc.byKind,
        mismatchRate: this.compared === 0 ? 0 : acc.diverged / this.compared,
        ...(numeric ? { worstAbsError: acc.worstAbs, worstRelError: acc.worstRel } : {}),
        ...(numeric && spec.type !== 'timestamp'
          ? { smape: acc.smapeCount === 0 ? 0 : acc.smapeSum / acc.smapeCount }
          : {}),
        examples: acc.examples.list(),
      };
    });
    const classes: DivergenceClass[] = [...this.classes.values()]
      .map((c) => ({ feature: c.feature, kind: c.kind, cause: c.cause, count: c.count, examples: c.examples.list() }))
      .sort((a, b) => b.count - a.count || (a.examples[0]?.line ?? 0) - (b.examples[0]?.line ?? 0));
    const sides: SideReport[] = (['training', 'serving'] as const).map((side) => {
      const h = this.latency[side];
      return {
        side,
        description: meta.sides[side].description,
        records: this.compared + this.errored,
        errors: this.sideErrors[side],
        latencyMs: { p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99), max: h.max },
        diagnostics: { count: this.diagnosticCounts[side], first: this.diagnostics[side] },
      };
    });
    const invalid = this.invalidByReason.json + this.invalidByReason.record + this.invalidByReason.schema;
    return {
      contract: { name: this.contract.name, version: this.contract.version },
      sources: meta.sources,
      status: classes.length > 0 ? 'diverged' : 'pass',
      counts: {
        read: this.read,
        compared: this.compared,
        invalid,
        errored: this.errored,
        diverged: this.diverged,
        invalidByReason: { ...this.invalidByReason },
      },
      features,
      classes,
      sides,
      invalid: this.invalidLines.list(),
      durationMs: meta.durationMs,
    };
  }
}
