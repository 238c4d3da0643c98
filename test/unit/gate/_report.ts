import type { DivergenceClass, ReplayCounts, ReplayReport, SideReport } from '../../../src/replay/replay-report.ts';

const side = (name: 'training' | 'serving', records: number, errors = 0): SideReport => ({
  side: name,
  description: `${name} side`,
  records,
  errors,
  latencyMs: { p50: 0, p95: 0, p99: 0, max: 0 },
  diagnostics: { count: 0, first: [] },
});

/** A divergence class as a replay reports it. */
export function divergenceClass(feature: string, kind: DivergenceClass['kind'], cause: string, count: number) {
  return { feature, kind, cause, count, examples: [] } satisfies DivergenceClass;
}

/**
 * A replay report of contract `users` with the counts given (compared + invalid + errored = read) and the classes
 * given; per-feature rows follow the classes. Data only: the gate functions under test are pure.
 */
export function replayReport(
  counts: Partial<ReplayCounts> & { read: number },
  more: Partial<Pick<ReplayReport, 'classes' | 'sourceErrors' | 'sides' | 'sources'>> = {},
): ReplayReport {
  const compared = counts.compared ?? counts.read - (counts.invalid ?? 0) - (counts.errored ?? 0);
  const full: ReplayCounts = {
    compared,
    blank: 0,
    blankLines: [],
    duplicateIds: 0,
    duplicates: [],
    invalid: 0,
    errored: 0,
    diverged: 0,
    invalidByReason: { json: counts.invalid ?? 0, record: 0, schema: 0 },
    ...counts,
  };
  const classes = more.classes ?? [];
  const features = ['score', 'name_length'].map((feature) => {
    const diverged = classes.filter((c) => c.feature === feature).reduce((n, c) => n + c.count, 0);
    return {
      feature,
      type: 'float' as const,
      compared,
      matched: compared - diverged,
      diverged,
      byKind: {},
      mismatchRate: compared === 0 ? 0 : diverged / compared,
      examples: [],
    };
  });
  return {
    contract: { name: 'users', version: '1' },
    sources: more.sources ?? ['day-1.jsonl'],
    sourceLineOffsets: [0],
    status: classes.length > 0 ? 'diverged' : 'pass',
    counts: full,
    features,
    classes,
    sides: more.sides ?? [side('training', compared + full.errored), side('serving', compared + full.errored)],
    invalid: [],
    sourceErrors: more.sourceErrors ?? [],
    durationMs: 0,
  };
}

export { side as sideReport };
