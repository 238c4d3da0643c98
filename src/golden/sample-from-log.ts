import { topLevelValueSpan } from '../codec/json-span.ts';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import type { Side, SideOutcome, SideRecord } from '../implementations/side.ts';
import { splitLines } from '../replay/decode/split-lines.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import { type ReplayOptions, replayContract } from '../replay/replay.ts';
import type { ReplayCounts } from '../replay/replay-report.ts';
import type { GoldenCaseSpec } from './golden-result.ts';
import { lineKey, Stratifier, type StratifyOptions } from './stratify.ts';
import { type StratumPick, selectStrata } from './stratify-select.ts';

/** Cases `lockstep golden --from-log` picks unless told otherwise (`--cases`). @public */
export const DEFAULT_SAMPLE_CASES = 50;

/**
 * What {@link sampleGoldenCases} takes: what a replay of the log takes (the sides are closed when it ends), the cap and
 * how strata are sampled (`histories` is decided from the sides' shape).
 * @public
 */
export interface SampleGoldenOptions
  extends Pick<ReplayOptions, 'contract' | 'sides' | 'sources' | 'spill' | 'format' | 'batchSize'> {
  /** At most this many cases. Default {@link DEFAULT_SAMPLE_CASES}. */
  readonly cases?: number;
  readonly stratify?: Omit<StratifyOptions, 'histories'>;
}

/** One case of the sample: the spec to check and record, and why it was picked. @public */
export interface SampledCase {
  readonly spec: GoldenCaseSpec;
  /** Every stratum the case stands for, its own (the one that named it) first. */
  readonly strata: readonly string[];
  /** Run-wide log lines the case was cut from. */
  readonly lines: readonly number[];
}

/** What {@link sampleGoldenCases} found: the cases, in pick order, and what they were picked from. @public */
export interface GoldenSample {
  readonly cases: readonly SampledCase[];
  /** Strata no case covers because the cap was reached (their would-be names). */
  readonly leftOut: readonly string[];
  /** Valid records stratified on, and how many of them by the features the log served (the rest by the serving side's). */
  readonly records: number;
  readonly servedRecords: number;
  /** The replay's line counts (invalid lines are never sampled) and the divergence classes it found. */
  readonly counts: ReplayCounts;
  readonly classes: number;
}

function isFeatureRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The serving side, watched: every record it computes is handed to `observe` with the features to stratify on, the
 * ones the log says production served when it has them, else the ones the side computed.
 */
function watched(side: Side, observe: (record: SideRecord, features: Readonly<Record<string, unknown>>) => void): Side {
  const compute = async (batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> => {
    let outcomes: readonly SideOutcome[] | undefined;
    try {
      outcomes = await side.compute(batch);
      return outcomes;
    } finally {
      batch.forEach((record, i) => {
        const outcome = Array.isArray(outcomes) ? (outcomes[i] as SideOutcome | undefined) : undefined;
        const features = isFeatureRecord(record.served)
          ? record.served
          : outcome !== undefined && 'features' in outcome && isFeatureRecord(outcome.features)
            ? outcome.features
            : undefined;
        if (features !== undefined) observe(record, features);
      });
    }
  };
  return {
    shape: side.shape,
    description: side.description,
    ...(side.inFlight === undefined ? {} : { inFlight: side.inFlight }),
    ...(side.location === undefined ? {} : { location: side.location }),
    ...(side.start === undefined ? {} : { start: () => side.start?.() as Promise<void> }),
    ...(side.drainDiagnostics === undefined ? {} : { drainDiagnostics: () => side.drainDiagnostics?.() ?? [] }),
    ...(side.close === undefined ? {} : { close: () => side.close?.() as Promise<void> }),
    compute,
  };
}

/** The text of the wanted lines of the logs, by run-wide line number (`offsets`: lines before each log). */
async function readLines(
  sources: readonly LineSource[],
  offsets: readonly number[],
  wanted: ReadonlySet<number>,
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const [i, source] of sources.entries()) {
    const base = offsets[i] ?? 0;
    for await (const slices of splitLines(source.open(), source.byteBase ?? 0)) {
      slices.starts.forEach((start, j) => {
        const line = base + slices.firstLine + j;
        if (wanted.has(line)) found.set(line, slices.buf.toString('utf8', start, slices.ends[j]));
      });
      if (found.size === wanted.size) return found;
    }
  }
  return found;
}

/** The verbatim input text of each line of a pick; undefined when a line cannot be found or cut. */
function inputTexts(pick: StratumPick, lines: ReadonlyMap<number, string>, inputField: string): string[] | undefined {
  const texts = pick.lines.map((l) => {
    const text = lines.get(l);
    const span = text === undefined ? undefined : topLevelValueSpan(text, inputField);
    return span === undefined ? undefined : text?.slice(span.start, span.end);
  });
  return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
}

function caseOf(pick: StratumPick, texts: readonly string[]): SampledCase {
  const history = pick.shape === 'history';
  const inputText = history ? `[${texts.join(',')}]` : (texts[0] as string);
  return {
    spec: {
      name: pick.name,
      input: parseLosslessJson(inputText),
      ...(history ? { shape: 'history' as const } : {}),
      inputText,
      source: 'log',
    },
    strata: pick.strata,
    lines: pick.lines,
  };
}

/**
 * Picks a small, deterministic, stratified sample of golden cases from a log: one record of every value of each
 * category (and bool, and enumerated string) feature, of null and non-null of each nullable feature, of the smallest,
 * the largest and the quantiles of each numeric feature, and of every divergence class the replay of the log through
 * both sides finds; and, when a side is entity-wise, whole entity histories. Strata are taken from the features the
 * log served (its `served` field) where it has them, else from those the serving side computes in the replay. The
 * inputs are cut verbatim out of the log lines. The same log gives the same cases, names and order.
 * @param options - contract, sides, the log's sources, spill store, format, cap
 * @returns the cases (source `log`), why each was picked, and what the cap left out
 * @remarks Since 0.1
 * @public
 */
export async function sampleGoldenCases(options: SampleGoldenOptions): Promise<GoldenSample> {
  const { contract, sides, sources } = options;
  const format: LogFormat = { ...DEFAULT_LOG_FORMAT, ...options.format };
  const stratifier = new Stratifier(contract, {
    ...options.stratify,
    histories: sides.training.shape === 'entity' || sides.serving.shape === 'entity',
  });
  let servedRecords = 0;
  const report = await replayContract({
    contract,
    sides: {
      training: sides.training,
      serving: watched(sides.serving, (record, features) => {
        if (features === record.served) servedRecords++;
        const entity = record.entity ?? lineKey(record.line);
        stratifier.observe({ line: record.line, entity, timestamp: record.timestamp, features });
      }),
    },
    sources,
    spill: options.spill,
    format,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  const strata = stratifier.strata(report.classes);
  const selection = selectStrata(strata, stratifier.histories(), { cases: options.cases ?? DEFAULT_SAMPLE_CASES });
  const lines = await readLines(sources, report.sourceLineOffsets, new Set(selection.picks.flatMap((p) => p.lines)));
  const cases: SampledCase[] = [];
  for (const pick of selection.picks) {
    const texts = inputTexts(pick, lines, format.inputField);
    if (texts !== undefined) cases.push(caseOf(pick, texts));
  }
  return {
    cases,
    leftOut: selection.leftOut,
    records: stratifier.observed,
    servedRecords,
    counts: report.counts,
    classes: report.classes.length,
  };
}
