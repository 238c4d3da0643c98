import { z } from 'zod';
import { SkewError } from '../errors.ts';
import type { Contract, ExtraFields } from './contract.ts';
import { defineContract } from './define-contract.ts';
import type { FeatureSpec } from './feature-spec.ts';

type Fail = (where: string, what: string) => never;

/** The parts of a contract document, wherever its format keeps them. */
interface Parts {
  readonly meta: Record<string, unknown>;
  readonly input: unknown;
  readonly features: Record<string, FeatureSpec>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `<name>.contract.json`: `{ name, version, entity, timestamp?, extraFields, input, features: { name: spec } }`. */
function envelopeParts(doc: Record<string, unknown>, fail: Fail): Parts {
  if (!isRecord(doc.features)) fail('features', 'must be an object of feature specs { <name>: { type, ... } }');
  return { meta: doc, input: doc.input, features: doc.features as Record<string, FeatureSpec> };
}

/** The format of 0.1 previews: a JSON Schema whose `x-lockstep` keyword held the metadata and a list of features. */
function legacyParts(doc: Record<string, unknown>, fail: Fail): Parts {
  const meta = doc['x-lockstep'] as Record<string, unknown>;
  const list = meta.features;
  if (!Array.isArray(list)) fail('x-lockstep.features', 'must be an array of { name, type, ... }');
  const features: Record<string, FeatureSpec> = {};
  for (const [i, entry] of (list as unknown[]).entries()) {
    const { name, ...spec } = (entry ?? {}) as { name?: unknown };
    if (typeof name !== 'string') fail(`x-lockstep.features[${i}]`, 'has no name');
    if (Object.hasOwn(features, name as string)) fail(`feature "${name}"`, 'is declared twice');
    features[name as string] = spec as FeatureSpec;
  }
  return { meta, input: (doc.properties as { input?: unknown } | undefined)?.input, features };
}

/**
 * Loads a contract from the JSON `lockstep schema` writes as `<name>.contract.json` (see `contractToJson`), or by hand
 * in that shape: the input schema from `input` (via zod's `fromJSONSchema`), the feature specs from `features`. A
 * schema of the 0.1 previews (metadata under `x-lockstep`) still loads. The result is checked exactly as
 * `defineContract` checks a TypeScript contract.
 * @param doc - the parsed JSON
 * @param source - where it came from, for messages (a file name)
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the contract and the field
 * @remarks Since 0.1
 * @public
 */
export function contractFromJsonSchema(doc: unknown, source = 'JSON Schema'): Contract {
  const root = isRecord(doc) ? doc : {};
  const legacy = isRecord(root['x-lockstep']);
  const named = legacy ? (root['x-lockstep'] as Record<string, unknown>).name : root.name;
  const name = typeof named === 'string' ? named : '(unnamed)';
  const fail: Fail = (where, what) => {
    throw new SkewError(
      'SKEW_CONTRACT_INVALID',
      `contractFromJsonSchema: contract "${name}" (${source}) ${where}: ${what}`,
    );
  };
  if (!legacy && !('features' in root)) {
    const plain = isRecord(root.properties) && 'input' in root.properties;
    fail(
      '(document)',
      plain
        ? 'is the plain JSON Schema (<name>.schema.json), which holds no tolerances; load <name>.contract.json, which lockstep schema writes beside it'
        : 'is not a Lockstep contract { name, version, entity, input, features }; lockstep schema writes one as <name>.contract.json',
    );
  }
  const { meta, input: inputSchema, features } = legacy ? legacyParts(root, fail) : envelopeParts(root, fail);
  const inputWhere = legacy ? 'properties.input' : 'input';
  let input: z.ZodType;
  try {
    input = z.fromJSONSchema(inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    return fail(inputWhere, error instanceof Error ? error.message : String(error));
  }
  if (!(input instanceof z.ZodObject)) fail(inputWhere, 'must be an object schema');
  return defineContract({
    name,
    version: meta.version as string,
    entity: meta.entity as string,
    ...(typeof meta.timestamp === 'string' ? { timestamp: meta.timestamp } : {}),
    ...(typeof meta.description === 'string' ? { description: meta.description } : {}),
    ...(meta.extraFields === undefined ? {} : { extraFields: meta.extraFields as ExtraFields }),
    input: input as z.ZodObject,
    features,
  });
}
