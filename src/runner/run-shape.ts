import { z } from 'zod';
import { count, list, measure, object, oneOf, shard, text, texts } from './shape-parts.ts';

const contractInfo = object({
  name: text,
  version: text,
  features: texts,
  definedAt: object({ file: text, line: count.optional(), column: count.optional() }),
  featureLines: z.record(z.string(), count, { error: 'an object of line numbers by feature' }),
  tolerances: z
    .record(z.string(), object({ abs: measure, rel: measure, rule: oneOf(['numpy', 'isclose']) }), {
      error: 'an object of tolerances by feature',
    })
    .optional(),
});

/**
 * A report's `run` (see src/report/run-info.ts) as `lockstep merge` reads it: the merged run is the shards' run over
 * their whole time, and its reporters show the rest.
 * @internal
 */
export const runShape: z.ZodType = object({
  command: text,
  lockstepVersion: text,
  gitCommit: text.optional(),
  cwd: text,
  config: text,
  contracts: list(contractInfo, 'contracts'),
  shard: shard.optional(),
  startedAt: text,
  endedAt: text,
});
