import { z } from 'zod';
import type { MergeableTally } from '../replay/tally/mergeable-tally.ts';
import { count, int, kind, list, measure, number, object, oneOf, pair, text, texts } from './shape-parts.ts';

const buckets = list(pair(int, count, 'a [bucket, count] pair'), '[bucket, count] pairs');

const histogram = object({ buckets, total: count, max: measure });

const sideDistribution = object({ values: count, nulls: count, nan: count, buckets });

const distribution = object({
  kind: oneOf(['numeric', 'categorical']),
  scheme: oneOf(['log', 'hour']),
  training: sideDistribution,
  serving: sideDistribution,
  categories: list(
    z.tuple([text, count, count], { error: 'a [value, training count, serving count] triple' }),
    '[value, training count, serving count] triples',
  ),
  scatter: list(
    z.tuple([count, number, number], { error: 'a [line, training, serving] triple' }),
    '[line, training, serving] triples',
  ),
  scatterOf: count,
});

const thresholds = object({
  psi: measure.optional(),
  jsDistance: measure.optional(),
  lInf: measure.optional(),
  ks: measure.optional(),
});

const featureTally = object({
  feature: text,
  worstAbs: measure,
  worstRel: measure,
  smapeSum: measure,
  smapeRest: number.optional(),
  smapeCount: count,
  maxMismatchRate: measure.optional(),
  distribution: distribution.optional(),
  distributionThresholds: thresholds.optional(),
});

const sliceValue = z.custom<string | number | boolean | bigint>(
  (v) => ['string', 'number', 'boolean', 'bigint'].includes(typeof v),
  { error: 'a string, number or boolean' },
);

const sliceCounts = object({
  records: count,
  fields: list(
    object({
      keys: texts.min(1, { error: 'a non-empty array of strings' }),
      present: count,
      values: list(pair(sliceValue, count, 'a [value, count] pair'), '[value, count] pairs').nullable(),
      shapes: list(pair(text, count, 'a [shape, count] pair'), '[shape, count] pairs'),
      offsets: list(pair(text, count, 'an [offset, count] pair'), '[offset, count] pairs').nullable(),
    }),
    'field counts',
  ),
});

const slicing = object({
  log: sliceCounts,
  classes: list(object({ feature: text, kind, cause: text, counts: sliceCounts }), 'class counts'),
});

/**
 * A report's merge data (`mergeable`, see {@link MergeableTally}) as `lockstep merge` reads it; optional fields stay
 * optional (no distribution for a vector, no slicing from an older shard).
 * @internal
 */
export const mergeableShape: z.ZodType = object({
  exampleLimit: count,
  features: list(featureTally, 'feature tallies'),
  latency: object({ training: histogram, serving: histogram }),
  slicing: slicing.optional(),
});
