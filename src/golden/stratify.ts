import type { Contract } from '../contract/contract.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';
import {
  BottomK,
  type Candidate,
  type EntityHistory,
  Extreme,
  HistoryPool,
  hashLine,
  LinePool,
} from './stratify-pools.ts';
import { byCodeUnits, numberOf, valueKeyOf, valuesOf } from './stratify-values.ts';

/**
 * The entity key of a record of a contract without an entity: its line, so that every record counts as an entity of
 * its own (cases prefer records of entities no other case uses).
 * @internal
 */
export function lineKey(line: number): string {
  return `\u0000line:${line}`;
}

/** One record's features as the stratifier sees them (the served ones, or the serving side's). @public */
export interface StratifyRow {
  /** Run-wide line number in the log. */
  readonly line: number;
  /** The record's entity; for a contract without one, `lineKey(line)`. */
  readonly entity: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly features: Readonly<Record<string, unknown>>;
}

/** A divergence class a replay found, with the records it kept as examples. @public */
export interface ClassExamples {
  readonly feature: string;
  readonly kind: string;
  readonly cause: string;
  readonly count: number;
  /** Examples of a contract without an entity have none: each stands for itself. */
  readonly examples: readonly { readonly line: number; readonly entity?: string }[];
}

/** How the stratifier samples. @public */
export interface StratifyOptions {
  /** Quantiles of each numeric feature. Default `[0.25, 0.5, 0.75]`. */
  readonly quantiles?: readonly number[];
  /** Records kept (a deterministic sample by line hash) to compute quantiles from. Default 8192. */
  readonly sampleSize?: number;
  /** Keep entity histories (entity-wise sides). Default false. */
  readonly histories?: boolean;
  /** Entities whose histories are kept (the smallest hashes of their keys). Default 64. */
  readonly historyEntities?: number;
  /** Longer histories are not golden cases. Default 50 events. */
  readonly maxHistoryEvents?: number;
}

/** The order strata are filled in when `--cases` caps them; lower first. @public */
export const STRATUM_PRIORITY = { category: 0, class: 1, null: 2, extreme: 3, quantile: 4, history: 5 } as const;

/** One stratum of the log: a set of records of which a golden case should hold one. @public */
export interface Stratum {
  readonly name: string;
  /** Why a record of it was picked, e.g. `merchant_category = grocery`. */
  readonly why: string;
  readonly priority: number;
  /** Records in the stratum, smallest line first (a few, of distinct entities). */
  readonly candidates: readonly Candidate[];
  /** Whether a record with these features belongs to the stratum (so one case covers several). */
  readonly covers?: (features: Readonly<Record<string, unknown>>) => boolean;
}

const UNKNOWN_VALUES = 64;

/**
 * Watches the records of a log stream past (in any order) and names its strata: every value of each category, bool
 * and enumerated string feature; null and non-null of each nullable feature; the smallest and largest value and the
 * quantiles of each numeric feature; one record of every divergence class; and whole entity histories. The same
 * records give the same strata and candidates whatever order they came in.
 * @remarks Since 0.1
 * @public
 */
export class Stratifier {
  private readonly values = new Map<string, Map<string, LinePool>>();
  private readonly nulls = new Map<string, { null: LinePool; nonNull: LinePool }>();
  private readonly extremes = new Map<string, { min: Extreme; max: Extreme }>();
  private readonly sample: BottomK<Candidate>;
  private readonly historyPool: HistoryPool | undefined;
  private rows = 0;

  constructor(
    private readonly contract: Contract,
    private readonly options: StratifyOptions = {},
  ) {
    this.sample = new BottomK(options.sampleSize ?? 8192);
    this.historyPool =
      options.histories === true
        ? new HistoryPool(options.historyEntities ?? 64, options.maxHistoryEvents ?? 50)
        : undefined;
    for (const name of contract.featureNames) {
      const spec = contract.features[name] as FeatureSpec;
      if (valuesOf(spec) !== undefined) this.values.set(name, new Map());
      if (spec.nullable === true) this.nulls.set(name, { null: new LinePool(), nonNull: new LinePool() });
      if (spec.type === 'int' || spec.type === 'float' || spec.type === 'timestamp') {
        this.extremes.set(name, { min: new Extreme((a, b) => a < b), max: new Extreme((a, b) => a > b) });
      }
    }
  }

  /** Records observed so far. */
  get observed(): number {
    return this.rows;
  }

  observe(row: StratifyRow): void {
    this.rows++;
    const candidate: Candidate = { line: row.line, entity: row.entity, features: row.features };
    for (const name of this.contract.featureNames) {
      const value = row.features[name];
      if (value === undefined) continue;
      const nulls = this.nulls.get(name);
      if (nulls !== undefined) (value === null ? nulls.null : nulls.nonNull).add(candidate);
      const pools = this.values.get(name);
      const key = pools === undefined ? undefined : valueKeyOf(this.contract.features[name] as FeatureSpec, value);
      if (pools !== undefined && key !== undefined) this.addValue(name, pools, key, candidate);
      const extreme = this.extremes.get(name);
      const n = extreme === undefined ? undefined : numberOf(this.contract.features[name] as FeatureSpec, value);
      if (extreme !== undefined && n !== undefined) {
        extreme.min.add(n, candidate);
        extreme.max.add(n, candidate);
      }
    }
    this.sample.add(hashLine(row.line), row.line, candidate);
    this.historyPool?.add(row.entity, { line: row.line, timestamp: row.timestamp });
  }

  /** A value's pool; values outside the contract's list are bounded (the smallest by code units are kept). */
  private addValue(name: string, pools: Map<string, LinePool>, key: string, candidate: Candidate): void {
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = new LinePool();
      pools.set(key, pool);
      const known = new Set(valuesOf(this.contract.features[name] as FeatureSpec));
      const unknown = [...pools.keys()].filter((k) => !known.has(k)).sort(byCodeUnits);
      for (const k of unknown.slice(UNKNOWN_VALUES)) pools.delete(k);
    }
    pool.add(candidate);
  }

  /** The entity histories kept (smallest hash of the entity key first); empty unless `histories` was asked for. */
  histories(): EntityHistory[] {
    return this.historyPool?.histories() ?? [];
  }

  /**
   * Every record stratum, in priority order: category values, then divergence classes, null and non-null,
   * extremes, quantiles. Strata no record fell into are left out.
   */
  strata(classes: readonly ClassExamples[] = []): Stratum[] {
    const out: Stratum[] = [];
    for (const [name, pools] of this.values) {
      const spec = this.contract.features[name] as FeatureSpec;
      const known = valuesOf(spec) ?? [];
      const keys = [
        ...known.filter((k) => pools.has(k)),
        ...[...pools.keys()].filter((k) => !known.includes(k)).sort(byCodeUnits),
      ];
      for (const key of keys) {
        out.push({
          name: `log/${spec.type === 'bool' ? 'bool' : 'category'}/${name}=${key}`,
          why: `${name} = ${key}`,
          priority: STRATUM_PRIORITY.category,
          candidates: (pools.get(key) as LinePool).candidates(),
          covers: (f) => valueKeyOf(spec, f[name]) === key,
        });
      }
    }
    for (const c of classes) {
      out.push({
        name: `log/class/${c.feature}.${c.kind}`,
        why: `divergence class ${c.feature} ${c.kind} (${c.cause}; ${c.count} record${c.count === 1 ? '' : 's'})`,
        priority: STRATUM_PRIORITY.class,
        candidates: [...c.examples]
          .sort((a, b) => a.line - b.line)
          .map((e) => ({ line: e.line, entity: e.entity ?? lineKey(e.line) })),
      });
    }
    for (const [name, pools] of this.nulls) {
      const stratum = (kind: 'null' | 'non-null', pool: LinePool, covers: (v: unknown) => boolean): Stratum => ({
        name: `log/${kind}/${name}`,
        why: `${name} is ${kind === 'null' ? 'null' : 'not null'}`,
        priority: STRATUM_PRIORITY.null,
        candidates: pool.candidates(),
        covers: (f) => f[name] !== undefined && covers(f[name]),
      });
      out.push(stratum('null', pools.null, (v) => v === null));
      out.push(stratum('non-null', pools.nonNull, (v) => v !== null));
    }
    for (const [name, { min, max }] of this.extremes) {
      for (const [kind, extreme] of [
        ['min', min],
        ['max', max],
      ] as const) {
        out.push(
          this.valueStratum(
            name,
            kind,
            `${kind === 'min' ? 'smallest' : 'largest'} ${name}`,
            extreme.value,
            extreme.pool.candidates(),
            STRATUM_PRIORITY.extreme,
          ),
        );
      }
    }
    out.push(...this.quantileStrata());
    return out.filter((s) => s.candidates.length > 0);
  }

  private valueStratum(
    name: string,
    kind: string,
    what: string,
    value: number,
    candidates: readonly Candidate[],
    priority: number,
  ): Stratum {
    const spec = this.contract.features[name] as FeatureSpec;
    return {
      name: `log/${kind}/${name}`,
      why: `${what} (${value})`,
      priority,
      candidates,
      covers: (f) => numberOf(spec, f[name]) === value,
    };
  }

  /** Quantiles of each numeric feature over the kept sample (exact when the log has no more records than it keeps). */
  private quantileStrata(): Stratum[] {
    const sample = this.sample.values();
    const out: Stratum[] = [];
    const of = sample.length === this.rows ? '' : `, over a sample of ${sample.length} records`;
    for (const name of this.extremes.keys()) {
      const spec = this.contract.features[name] as FeatureSpec;
      const values = sample
        .map((c) => ({ c, n: numberOf(spec, c.features?.[name]) }))
        .filter((v): v is { c: Candidate; n: number } => v.n !== undefined)
        .sort((a, b) => a.n - b.n || a.c.line - b.c.line);
      if (values.length === 0) continue;
      for (const q of this.options.quantiles ?? [0.25, 0.5, 0.75]) {
        const at = values[Math.floor(q * (values.length - 1))] as { n: number };
        const pool = new LinePool();
        for (const v of values) if (v.n === at.n) pool.add(v.c);
        const label = `q${Math.round(q * 100)}`;
        out.push({
          ...this.valueStratum(name, label, `${label} of ${name}`, at.n, pool.candidates(), STRATUM_PRIORITY.quantile),
          why: `${label} of ${name} (${at.n}${of})`,
        });
      }
    }
    return out;
  }
}
