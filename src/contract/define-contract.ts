import { z } from 'zod';
import { SkewError } from '../errors.ts';
import type { Contract, ContractDefinition, FeatureSpecs } from './contract.ts';
import { contractNameProblem } from './contract-name.ts';
import { recordDefinitionSite } from './definition-site.ts';
import { EXTRA_FIELDS, extraFieldsOf, zodExtraFields } from './extra-fields.ts';
import {
  CATEGORY_KINDS,
  categoryKindAgrees,
  FEATURE_TYPES,
  type FeatureSpec,
  NAN_POLICIES,
  TOLERANCE_RULES,
} from './feature-spec.ts';
import { redactFieldsProblem } from './redact-fields.ts';

const nonNegative = z.number().min(0, 'must be >= 0').refine(Number.isFinite, 'must be finite');
const range = z
  .object({ min: z.number().optional(), max: z.number().optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'range has min > max');
const distance = nonNegative.optional();
const distributionThresholds = z.object({ psi: distance, jsDistance: distance, lInf: distance, ks: distance }).strict();
const base = {
  description: z.string().optional(),
  nullable: z.boolean().optional(),
  maxMismatchRate: z.number().min(0, 'must be a rate in [0, 1]').max(1, 'must be a rate in [0, 1]').optional(),
  distribution: distributionThresholds.optional(),
};
const rule = z.enum(TOLERANCE_RULES).optional();
const floatTolerance = z.object({ abs: nonNegative.optional(), rel: nonNegative.optional(), rule }).strict();

const featureSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('int'), range: range.optional(), ...base }).strict(),
  z
    .object({
      type: z.literal('float'),
      range: range.optional(),
      tolerance: floatTolerance.optional(),
      allowNaN: z.boolean().optional(),
      ...base,
    })
    .strict(),
  z.object({ type: z.literal('bool'), ...base }).strict(),
  z.object({ type: z.literal('string'), allowed: z.array(z.string()).min(1).optional(), ...base }).strict(),
  z
    .object({
      type: z.literal('category'),
      kind: z.enum(CATEGORY_KINDS).optional(),
      values: z.union([z.array(z.string()).min(1), z.array(z.number().int('must be integers')).min(1)]).optional(),
      oov: z.union([z.string(), z.number().int('must be an integer')]).optional(),
      ...base,
    })
    .strict()
    .refine((c) => categoryKindAgrees(c), {
      path: ['values'],
      message:
        "values and oov must be strings for a label category, integers for kind 'index': write kind: 'index' for integer indices",
    })
    .refine(
      (c) => c.values === undefined || new Set<unknown>(c.values).size === c.values.length,
      'category values contain a duplicate',
    )
    .refine(
      (c) => c.oov === undefined || c.values === undefined || !(c.values as unknown[]).includes(c.oov),
      'oov value is also in values',
    ),
  z
    .object({ type: z.literal('timestamp'), tolerance: z.object({ ms: nonNegative }).strict().optional(), ...base })
    .strict(),
  z
    .object({
      type: z.literal('vector'),
      length: z.number().int().min(1).optional(),
      range: range.optional(),
      tolerance: z
        .discriminatedUnion('mode', [
          z
            .object({ mode: z.literal('elementwise'), abs: nonNegative.optional(), rel: nonNegative.optional(), rule })
            .strict(),
          z.object({ mode: z.literal('cosine'), minSimilarity: z.number().min(-1).max(1) }).strict(),
        ])
        .optional(),
      ...base,
    })
    .strict(),
]);

function fail(contract: string, where: string, what: string): never {
  throw new SkewError('SKEW_CONTRACT_INVALID', `defineContract: contract "${contract}" ${where}: ${what}`);
}

function checkFeature(contract: string, name: string, spec: unknown): void {
  if (name.trim() === '') fail(contract, 'features', 'a feature has an empty name');
  const type = (spec as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(FEATURE_TYPES as readonly string[]).includes(type)) {
    fail(
      contract,
      `feature "${name}"`,
      `unknown type ${JSON.stringify(type)} (expected one of ${FEATURE_TYPES.join(', ')})`,
    );
  }
  const parsed = featureSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? `.${issue.path.join('.')}` : '';
    fail(contract, `feature "${name}"${path}`, issue?.message ?? 'invalid');
  }
  checkDistributionThresholds(contract, name, spec as FeatureSpec);
}

/** A threshold on a distance the feature's type has none of would never fire: refused, saying what to write. */
function checkDistributionThresholds(contract: string, name: string, spec: FeatureSpec): void {
  const thresholds = spec.distribution;
  if (thresholds === undefined) return;
  if (spec.type === 'vector') {
    fail(contract, `feature "${name}".distribution`, 'a vector has no distribution: remove distribution');
  }
  const numeric = spec.type === 'int' || spec.type === 'float' || spec.type === 'timestamp';
  if (!numeric && thresholds.ks !== undefined) {
    fail(
      contract,
      `feature "${name}".distribution.ks`,
      `KS is for numeric features (int, float, timestamp), and this one is ${spec.type}: use psi, jsDistance or lInf`,
    );
  }
}

function checkExtraFields(contract: string, policy: unknown, input: z.ZodObject): void {
  if (policy === undefined) return;
  if (!(EXTRA_FIELDS as readonly unknown[]).includes(policy)) {
    fail(
      contract,
      'extraFields',
      `${JSON.stringify(policy)} is not one of ${EXTRA_FIELDS.map((p) => `'${p}'`).join(', ')}`,
    );
  }
  if (policy === 'keep' && zodExtraFields(input) === 'reject') {
    fail(
      contract,
      'extraFields',
      "is 'keep' but the input is a z.strictObject, which rejects extra fields; use z.object or z.looseObject, or extraFields: 'reject'",
    );
  }
}

/**
 * Declares a feature contract and checks that the contract itself is well-formed.
 * @param definition - name, version, entity field (optional for record-wise contracts), zod input schema and feature
 *   specs
 * @returns the validated contract; TypeScript infers its input and feature record types
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the contract and the field that is wrong
 * @remarks Since 0.1
 * @public
 */
export function defineContract<I extends z.ZodObject, const F extends FeatureSpecs>(
  definition: ContractDefinition<I, F>,
): Contract<I, F> {
  const { name, version, entity, input, features } = definition;
  const label = typeof name === 'string' && name.trim() !== '' ? name : '(unnamed)';
  if (label === '(unnamed)') fail(label, 'name', 'must be a non-empty string');
  const nameProblem = contractNameProblem(label);
  if (nameProblem !== undefined) fail(JSON.stringify(label).slice(1, -1), 'name', nameProblem);
  if (typeof version !== 'string' || version.trim() === '') fail(label, 'version', 'must be a non-empty string');
  if (!(input instanceof z.ZodObject)) fail(label, 'input', 'must be a zod object schema (z.object({...}))');
  if (entity !== undefined && (typeof entity !== 'string' || !(entity in input.shape))) {
    fail(label, 'entity', `${JSON.stringify(entity)} is not a field of the input schema`);
  }
  if (definition.timestamp !== undefined && !(definition.timestamp in input.shape)) {
    fail(label, 'timestamp', `${JSON.stringify(definition.timestamp)} is not a field of the input schema`);
  }
  checkExtraFields(label, definition.extraFields, input);
  if (definition.nan !== undefined && !(NAN_POLICIES as readonly unknown[]).includes(definition.nan)) {
    fail(
      label,
      'nan',
      `${JSON.stringify(definition.nan)} is not one of ${NAN_POLICIES.map((p) => `'${p}'`).join(', ')}`,
    );
  }
  if (features === null || typeof features !== 'object') fail(label, 'features', 'must be an object of feature specs');
  const featureNames = Object.keys(features);
  if (featureNames.length === 0) fail(label, 'features', 'declares no feature');
  for (const featureName of featureNames) checkFeature(label, featureName, features[featureName] as FeatureSpec);
  if (definition.redact !== undefined) {
    const open = extraFieldsOf(definition) === 'keep';
    const problem = redactFieldsProblem(definition.redact, Object.keys(input.shape), open);
    if (problem !== undefined) fail(label, 'redact', problem);
  }
  const contract = Object.freeze({ ...definition, featureNames });
  recordDefinitionSite(contract, defineContract);
  return contract;
}
