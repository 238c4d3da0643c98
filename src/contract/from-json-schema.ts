import { z } from 'zod';
import { SkewError } from '../errors.ts';
import type { Contract } from './contract.ts';
import { defineContract } from './define-contract.ts';
import type { FeatureSpec } from './feature-spec.ts';

interface LockstepSection {
  name?: unknown;
  version?: unknown;
  entity?: unknown;
  timestamp?: unknown;
  features?: unknown;
}

/**
 * Loads a contract from a JSON Schema document written by `contractToJsonSchema` (or by hand in that shape): the
 * input schema from `properties.input` (via zod's `fromJSONSchema`), the features from the `x-lockstep.features`
 * array. The result is checked exactly as `defineContract` checks a TypeScript contract, plus duplicate names.
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the contract and the field
 * @public
 */
export function contractFromJsonSchema(doc: unknown, source = 'JSON Schema'): Contract {
  const root = (doc ?? {}) as { properties?: { input?: unknown }; 'x-lockstep'?: LockstepSection };
  const meta = root['x-lockstep'];
  const name = typeof meta?.name === 'string' ? meta.name : '(unnamed)';
  const fail = (where: string, what: string): never => {
    throw new SkewError(
      'SKEW_CONTRACT_INVALID',
      `contractFromJsonSchema: contract "${name}" (${source}) ${where}: ${what}`,
    );
  };
  if (meta === undefined) fail('x-lockstep', 'is missing (it holds name, version, entity and features)');
  const list = meta?.features;
  if (!Array.isArray(list)) return fail('x-lockstep.features', 'must be an array of { name, type, ... }');
  const features: Record<string, FeatureSpec> = {};
  for (const [i, entry] of (list as unknown[]).entries()) {
    const { name: featureName, ...spec } = (entry ?? {}) as { name?: unknown };
    if (typeof featureName !== 'string') fail(`x-lockstep.features[${i}]`, 'has no name');
    if (Object.hasOwn(features, featureName as string)) fail(`feature "${featureName}"`, 'is declared twice');
    features[featureName as string] = spec as FeatureSpec;
  }
  let input: z.ZodType;
  try {
    input = z.fromJSONSchema(root.properties?.input as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    return fail('properties.input', error instanceof Error ? error.message : String(error));
  }
  if (!(input instanceof z.ZodObject)) fail('properties.input', 'must be an object schema');
  return defineContract({
    name,
    version: meta?.version as string,
    entity: meta?.entity as string,
    ...(typeof meta?.timestamp === 'string' ? { timestamp: meta.timestamp } : {}),
    input: input as z.ZodObject,
    features,
  });
}
