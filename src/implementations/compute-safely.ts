import { isSkewError } from '../errors.ts';
import { errorMessage, type Side, type SideOutcome, type SideRecord } from './side.ts';

/**
 * Runs one side on a batch; a side that throws, or answers something other than an object of features, fails those
 * records, not the run. Only a side that cannot start (`SKEW_IMPL_START`) ends it.
 * @internal
 */
export async function computeSafely(
  side: Side,
  name: string,
  batch: readonly SideRecord[],
): Promise<readonly SideOutcome[]> {
  let outcomes: readonly SideOutcome[];
  try {
    outcomes = await side.compute(batch);
  } catch (error) {
    if (isSkewError(error) && error.code === 'SKEW_IMPL_START') throw error;
    const message = errorMessage(error);
    return batch.map(() => ({ error: message }));
  }
  if (!Array.isArray(outcomes) || outcomes.length !== batch.length) {
    const message = `the ${name} side returned ${Array.isArray(outcomes) ? outcomes.length : typeof outcomes} outcomes for a batch of ${batch.length}`;
    return batch.map(() => ({ error: message }));
  }
  return outcomes.every(hasFeatureObject) ? outcomes : outcomes.map((o) => (hasFeatureObject(o) ? o : notAnObject(o)));
}

function hasFeatureObject(o: SideOutcome): boolean {
  if (!('features' in o)) return true;
  const f: unknown = o.features;
  return f !== null && typeof f === 'object' && !Array.isArray(f);
}

function notAnObject(o: SideOutcome): SideOutcome {
  const f: unknown = 'features' in o ? o.features : undefined;
  const got = f === null ? 'null' : Array.isArray(f) ? 'an array' : typeof f;
  return {
    error: `returned ${got} instead of an object of features`,
    ...(o.latencyMs === undefined ? {} : { latencyMs: o.latencyMs }),
  };
}
