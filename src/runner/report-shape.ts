import type { z } from 'zod';
import { FEATURE_TYPES } from '../contract/feature-spec.ts';
import { countsProblems } from '../replay/tally/report-counts-check.ts';
import { mergeableShape } from './mergeable-shape.ts';
import { runShape } from './run-shape.ts';
import {
  count,
  countsByKind,
  flag,
  kind,
  list,
  measure,
  number,
  object,
  oneOf,
  shard,
  side,
  text,
  texts,
} from './shape-parts.ts';

// The fields `lockstep merge` reads from each shard's report (see src/replay/replay-report.ts), and those it carries
// into the merged report unread (examples, minimal inputs, diagnostics, invalid lines). Fields the merge recomputes
// (status, mismatchRate, latencyMs, distribution, slices, isNew) are not checked.

const example = object({
  line: count,
  recordId: text.optional(),
  entity: text.optional(),
  timestamp: number,
  feature: text,
  kind,
  side: oneOf(['training', 'serving', 'both']).optional(),
  detail: text,
});
const examples = list(example, 'divergence examples');

const featureReport = object({
  feature: text,
  type: oneOf(FEATURE_TYPES),
  diverged: count,
  byKind: countsByKind,
  worstAbsError: measure.optional(),
  worstRelError: measure.optional(),
  smape: measure.optional(),
  examples,
});

const minimal = object({
  line: count,
  fieldsThatMatter: texts,
  changedFields: texts,
  reproduced: flag,
  notReproducedBecause: oneOf(['history', 'state']).optional(),
  cutShort: oneOf(['time']).optional(),
  capSeconds: measure.optional(),
});

const divergenceClass = object({
  feature: text,
  kind,
  cause: text,
  count,
  examples,
  minimal: minimal.optional(),
  hints: texts.optional(),
});

const diagnostic = object({
  kind: oneOf(['restart', 'protocol', 'timeout', 'stderr', 'retry', 'join']),
  message: text,
  line: count.optional(),
});

const sideReport = object({
  side,
  description: text,
  records: count,
  errors: count,
  diagnostics: object({ count, first: list(diagnostic, 'side diagnostics') }),
});

const counts = object({
  read: count,
  blank: count,
  blankLines: list(count, 'line numbers'),
  duplicateIds: count,
  duplicates: list(object({ id: text, firstLine: count, line: count }), 'duplicate ids'),
  compared: count,
  invalid: count,
  errored: count,
  diverged: count,
  invalidByReason: object({ json: count, record: count, schema: count }),
  sampledOut: count.optional(),
});

const invalidLine = object({
  reason: oneOf(['json', 'record', 'schema']),
  line: count,
  byteOffset: count,
  path: text.optional(),
  message: text,
  excerpt: text,
});

const aa = object({
  compared: count,
  features: list(
    object({ feature: text, side, compared: count, diverged: count, lines: list(count, 'line numbers') }),
    'nondeterministic features',
  ),
  sides: list(object({ side, compared: count, skipped: text.optional() }), 'side runs').optional(),
});

const replayReport = object({
  contract: object({ name: text, version: text }),
  sources: texts,
  sourceLineOffsets: list(count, 'line offsets'),
  counts,
  features: list(featureReport, 'feature reports'),
  classes: list(divergenceClass, 'divergence classes'),
  sides: list(sideReport, 'side reports'),
  invalid: list(invalidLine, 'invalid lines'),
  sourceErrors: list(object({ source: text, afterLine: count, message: text }), 'source errors'),
  durationMs: measure,
  shard: shard.optional(),
  sample: measure.optional(),
  mergeable: mergeableShape,
  aa: aa.optional(),
  redacted: texts.optional(),
  columnar: object({ used: flag, because: text.optional(), parts: count.optional() }).optional(),
}).superRefine((report, ctx) => {
  // What merging relies on beyond each field's type: both sides, and one merge tally per feature, in feature order.
  for (const name of ['training', 'serving'] as const) {
    if (report.sides.some((s) => s.side === name)) continue;
    ctx.addIssue({ code: 'custom', path: ['sides'], message: `a list with a "${name}" side report` });
    return;
  }
  for (const problem of countsProblems(report)) {
    ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.mustBe });
  }
  const tallies = (report.mergeable as { features: readonly { feature: string }[] }).features;
  report.features.forEach((f, i) => {
    if (tallies[i]?.feature === f.feature) return;
    ctx.addIssue({
      code: 'custom',
      path: ['mergeable', 'features', i, 'feature'],
      message: `${JSON.stringify(f.feature)} (the tally of features[${i}])`,
    });
  });
});

const reportDocument = object({ run: runShape, reports: list(replayReport, 'replay reports') });

/** A path as it would be written in JavaScript from the document's root: `reports[0].counts.read`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as never)[key] : undefined), root);
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'bigint') return String(value);
  if (value !== null && typeof value === 'object') return 'an object';
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= 60 ? json : `${json.slice(0, 60)}…`;
}

function problemOf(issue: z.core.$ZodIssue, document: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const path = [...issue.path, issue.keys[0] ?? ''];
    return `${pathText(path)} is not expected there: ${pathText(issue.path)} must be ${issue.message}`;
  }
  return `${pathText(issue.path) || 'the report'} must be ${issue.message}, got ${shown(valueAt(document, issue.path))}`;
}

/**
 * What is wrong with a JSON report's structure for merging, field by field: the JSON path of the first bad field,
 * what it must be, and what it is (`reports[0].counts.read must be a non-negative integer, got "x"`); `undefined` when
 * the whole report is as `lockstep replay --reporter json` writes it. Optional fields may be absent.
 * @param document - a parsed lockstep-report.json whose top level `parseReportFile` has checked
 * @remarks Since 0.1
 * @internal
 */
export function reportShapeProblem(document: unknown): string | undefined {
  const parsed = reportDocument.safeParse(document);
  const issue = parsed.error?.issues[0];
  return issue === undefined ? undefined : problemOf(issue, document);
}
