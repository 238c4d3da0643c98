import { aaFields } from '../../calibration/mark-nondeterministic.ts';
import { mergeAaCalibrations } from '../../calibration/merge-aa.ts';
import type { DivergenceKind, SideName } from '../../compare/divergence.ts';
import { mergeDistributionTallies } from '../../distribution/merge-distribution-tallies.ts';
import { SkewError } from '../../errors.ts';
import type { DivergenceClass, FeatureReport, ReplayCounts, ReplayReport, SideReport } from '../replay-report.ts';
import type { SourceError } from '../stage-one.ts';
import {
  histogramOf,
  histogramTally,
  type LatencyHistogram,
  mergeHistogram,
  newHistogram,
  quantile,
} from './latency-histogram.ts';
import type { FeatureTally, MergeableTally } from './mergeable-tally.ts';
import { classKey, compareClasses } from './report-builder.ts';
import { countsProblems, countsProblemText } from './report-counts-check.ts';
import { addSmape, BLANK_LINES_KEPT, firstByLine, firstLines, smapeParts } from './report-state.ts';
import { mergeSlicing } from './slicing-tally.ts';

/** Examples kept per class, as the builder keeps them. */
const CLASS_EXAMPLES = 3;
/** Side diagnostics named per side, as the builder keeps them. */
const DIAGNOSTICS_KEPT = 20;

const sum = (reports: readonly ReplayReport[], pick: (r: ReplayReport) => number): number =>
  reports.reduce((total, r) => total + pick(r), 0);

function tallyOf(report: ReplayReport, i: number): MergeableTally {
  if (report.mergeable === undefined) {
    throw new SkewError(
      'SKEW_USAGE',
      `mergeReplayReports: report ${i + 1} (${report.contract.name}) has no merge data (\`mergeable\`); it was written by a Lockstep without merge support: run that shard again`,
    );
  }
  return report.mergeable;
}

/** Refuses a report whose counts do not add up (edited or cut short?): merged, they would not either. */
function refuseBadCounts(report: ReplayReport, i: number): void {
  const problem = countsProblems(report)[0];
  if (problem === undefined) return;
  throw new SkewError(
    'SKEW_USAGE',
    `mergeReplayReports: report ${i + 1} (${report.contract.name}) has counts that do not add up: ${countsProblemText(problem)}; merged, they would not either: run that shard again`,
  );
}

function mergeCounts(reports: readonly ReplayReport[], sampled: boolean): ReplayCounts {
  const n = (pick: (c: ReplayCounts) => number): number => sum(reports, (r) => pick(r.counts));
  return {
    read: n((c) => c.read),
    blank: n((c) => c.blank),
    blankLines: firstLines(
      reports.flatMap((r) => r.counts.blankLines),
      BLANK_LINES_KEPT,
    ),
    duplicateIds: n((c) => c.duplicateIds),
    duplicates: firstByLine(
      reports.flatMap((r) => r.counts.duplicates),
      BLANK_LINES_KEPT,
    ),
    compared: n((c) => c.compared),
    invalid: n((c) => c.invalid),
    errored: n((c) => c.errored),
    diverged: n((c) => c.diverged),
    invalidByReason: {
      json: n((c) => c.invalidByReason.json),
      record: n((c) => c.invalidByReason.record),
      schema: n((c) => c.invalidByReason.schema),
    },
    ...(sampled ? { sampledOut: n((c) => c.sampledOut ?? 0) } : {}),
  };
}

function mergeFeature(
  i: number,
  reports: readonly ReplayReport[],
  tallies: readonly MergeableTally[],
  compared: number,
): { report: FeatureReport; tally: FeatureTally } {
  const mine = reports.map((r) => r.features[i] as FeatureReport);
  const stats = tallies.map((t) => t.features[i] as FeatureTally);
  const first = mine[0] as FeatureReport;
  const byKind: Partial<Record<DivergenceKind, number>> = {};
  for (const f of mine) {
    for (const [kind, n] of Object.entries(f.byKind) as [DivergenceKind, number][])
      byKind[kind] = (byKind[kind] ?? 0) + n;
  }
  const diverged = mine.reduce((total, f) => total + f.diverged, 0);
  const cap = stats[0]?.maxMismatchRate;
  const thresholds = stats[0]?.distributionThresholds;
  const distribution = mergeDistributionTallies(
    stats.map((s) => s.distribution),
    thresholds,
  );
  // The shards' sums added as two numbers, as one run adds its terms: the same total in any order of the shards.
  const smapeSum = { smapeSum: 0, smapeLo: 0 };
  for (const s of stats) addSmape(smapeSum, s.smapeSum, s.smapeRest ?? 0);
  const smape = smapeParts(smapeSum);
  const tally: FeatureTally = {
    feature: first.feature,
    worstAbs: Math.max(...stats.map((s) => s.worstAbs)),
    worstRel: Math.max(...stats.map((s) => s.worstRel)),
    smapeSum: smape.sum,
    smapeRest: smape.rest,
    smapeCount: stats.reduce((total, s) => total + s.smapeCount, 0),
    ...(cap === undefined ? {} : { maxMismatchRate: cap }),
    ...(distribution.tally === undefined ? {} : { distribution: distribution.tally }),
    ...(thresholds === undefined ? {} : { distributionThresholds: thresholds }),
  };
  const report: FeatureReport = {
    feature: first.feature,
    type: first.type,
    compared,
    matched: compared - diverged,
    diverged,
    byKind,
    mismatchRate: compared === 0 ? 0 : diverged / compared,
    ...(first.worstAbsError === undefined ? {} : { worstAbsError: tally.worstAbs, worstRelError: tally.worstRel }),
    ...(first.smape === undefined ? {} : { smape: tally.smapeCount === 0 ? 0 : tally.smapeSum / tally.smapeCount }),
    examples: firstByLine(
      mine.flatMap((f) => f.examples),
      (tallies[0] as MergeableTally).exampleLimit,
    ),
    ...distribution.fields,
  };
  return { report, tally };
}

/** Classes by feature, kind and cause: counts added, the first examples by line, the explanation of the first record's shard. */
function mergeClasses(reports: readonly ReplayReport[]): DivergenceClass[] {
  const byKey = new Map<string, DivergenceClass[]>();
  for (const r of reports) {
    for (const c of r.classes) {
      const key = classKey(c);
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
  }
  return [...byKey.values()]
    .map((parts) => {
      const firstLine = (c: DivergenceClass): number => c.examples[0]?.line ?? Number.POSITIVE_INFINITY;
      const owner = parts.reduce((a, b) => (firstLine(b) < firstLine(a) ? b : a));
      return {
        feature: owner.feature,
        kind: owner.kind,
        cause: owner.cause,
        count: parts.reduce((total, c) => total + c.count, 0),
        examples: firstByLine(
          parts.flatMap((c) => c.examples),
          CLASS_EXAMPLES,
        ),
        ...(owner.minimal === undefined ? {} : { minimal: owner.minimal }),
        ...(owner.hints === undefined ? {} : { hints: owner.hints }),
      };
    })
    .sort(compareClasses);
}

function mergeSide(
  side: SideName,
  reports: readonly ReplayReport[],
  tallies: readonly MergeableTally[],
): { report: SideReport; histogram: LatencyHistogram } {
  const mine = reports.map((r) => r.sides.find((s) => s.side === side) as SideReport);
  const histogram = newHistogram();
  for (const t of tallies) mergeHistogram(histogram, histogramOf(t.latency[side]));
  const h = histogram;
  return {
    histogram,
    report: {
      side,
      description: (mine[0] as SideReport).description,
      records: mine.reduce((total, s) => total + s.records, 0),
      errors: mine.reduce((total, s) => total + s.errors, 0),
      latencyMs: { p50: quantile(h, 0.5), p95: quantile(h, 0.95), p99: quantile(h, 0.99), max: h.max },
      diagnostics: {
        count: mine.reduce((total, s) => total + s.diagnostics.count, 0),
        first: mine.flatMap((s) => s.diagnostics.first).slice(0, DIAGNOSTICS_KEPT),
      },
    },
  };
}

/** Each log's read error once: every shard reads every log, so each saw the same break. */
function mergeSourceErrors(reports: readonly ReplayReport[]): SourceError[] {
  const seen = new Map<string, SourceError>();
  for (const e of reports.flatMap((r) => r.sourceErrors)) {
    const key = `${e.source}\u0000${e.message}`;
    const known = seen.get(key);
    if (known === undefined || e.afterLine < known.afterLine) seen.set(key, e);
  }
  return [...seen.values()];
}

/** The fields any shard redacted (each shard's report shows their tokens already). */
function redactedOf(reports: readonly ReplayReport[]): { redacted?: readonly string[] } {
  const redacted = [...new Set(reports.flatMap((r) => r.redacted ?? []))];
  return redacted.length === 0 ? {} : { redacted };
}

/** Whether every shard that could read its logs column by column did; why the first that did not, did not. */
function columnarOf(reports: readonly ReplayReport[]): { columnar?: NonNullable<ReplayReport['columnar']> } {
  const told = reports.flatMap((r) => (r.columnar === undefined ? [] : [r.columnar]));
  if (told.length === 0) return {};
  const not = told.find((c) => !c.used);
  return { columnar: not ?? { used: true } };
}

/**
 * Merges the reports of one contract's shards (`--shard 1/n` … `n/n` of the same logs, same sample) into the report
 * one run over every shard would have written: counts and per-kind counts added, the first examples by line kept
 * (every report keeps the first by line, so the first of the union are the run's), classes joined by feature, kind and
 * cause, each with the minimal input and hints of the shard that holds its first record, latency percentiles from the
 * merged histograms (as exact as one run's: within the histogram's 4% buckets). Side diagnostics are kept in report
 * order, not by line (they belong to no line).
 * @param reports - one report per shard, each with its `mergeable` data; the caller checks they are one run's shards
 * @throws SkewError `SKEW_USAGE` when a report has no merge data or counts that do not add up (compared + invalid +
 * errored = read, and the like: the field and both numbers), or there is none
 * @remarks Since 0.1
 * @public
 */
export function mergeReplayReports(reports: readonly ReplayReport[]): ReplayReport {
  const first = reports[0];
  if (first === undefined) throw new SkewError('SKEW_USAGE', 'mergeReplayReports: no report to merge');
  const tallies = reports.map(tallyOf);
  reports.forEach(refuseBadCounts);
  const counts = mergeCounts(reports, first.sample !== undefined);
  const features = first.features.map((_, i) => mergeFeature(i, reports, tallies, counts.compared));
  const slicing = mergeSlicing(tallies.map((t) => t.slicing));
  const classes = mergeClasses(reports).map((c) => ({ ...c, ...slicing?.slicesOf(c) }));
  const sides = (['training', 'serving'] as const).map((side) => mergeSide(side, reports, tallies));
  const [training, serving] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const exampleLimit = (tallies[0] as MergeableTally).exampleLimit;
  return {
    contract: first.contract,
    sources: first.sources,
    sourceLineOffsets: first.sourceLineOffsets,
    status: classes.length > 0 ? 'diverged' : 'pass',
    counts,
    features: features.map((f) => f.report),
    classes,
    sides: sides.map((s) => s.report),
    invalid: firstByLine(
      reports.flatMap((r) => r.invalid),
      exampleLimit * 4,
    ),
    sourceErrors: mergeSourceErrors(reports),
    // The shards ran side by side: the run took as long as the longest.
    durationMs: Math.max(...reports.map((r) => r.durationMs)),
    ...(first.sample === undefined ? {} : { sample: first.sample }),
    // With --aa: the shards' calibrations merged, and the merged features and classes marked again (after them).
    ...aaFields(
      mergeAaCalibrations(reports.map((r) => r.aa)),
      features.map((f) => f.report),
      classes,
    ),
    ...redactedOf(reports),
    ...columnarOf(reports),
    mergeable: {
      exampleLimit,
      features: features.map((f) => f.tally),
      latency: { training: histogramTally(training.histogram), serving: histogramTally(serving.histogram) },
      ...(slicing === undefined ? {} : { slicing: slicing.tally }),
    },
  };
}
