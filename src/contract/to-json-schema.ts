import { z } from 'zod';
import type { Contract, ExtraFields } from './contract.ts';
import { extraFieldsOf } from './extra-fields.ts';
import type { FeatureSpec, NanPolicy } from './feature-spec.ts';

/** A JSON Schema (2020-12) object. @public */
export type JsonSchema = Record<string, unknown>;

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

function nullable(schema: JsonSchema, spec: FeatureSpec): JsonSchema {
  return spec.nullable ? { anyOf: [schema, { type: 'null' }] } : schema;
}

function range(spec: { range?: { min?: number; max?: number } }): JsonSchema {
  return {
    ...(spec.range?.min === undefined ? {} : { minimum: spec.range.min }),
    ...(spec.range?.max === undefined ? {} : { maximum: spec.range.max }),
  };
}

/**
 * The JSON Schema of one feature's values (what a side may return for it). Only core 2020-12 keywords, no `format`:
 * it compiles in ajv's strict mode as it is. NaN (`allowNaN`) and 64-bit integers beyond 2^53 are not JSON; a
 * validator of decoded values checks those against the spec itself.
 * @remarks Since 0.1
 * @public
 */
export function featureJsonSchema(spec: FeatureSpec): JsonSchema {
  switch (spec.type) {
    case 'int':
      return nullable({ type: 'integer', ...range(spec) }, spec);
    case 'float':
      return nullable({ type: 'number', ...range(spec) }, spec);
    case 'bool':
      return nullable({ type: 'boolean' }, spec);
    case 'string':
      return nullable({ type: 'string', ...(spec.allowed ? { enum: [...spec.allowed] } : {}) }, spec);
    case 'category': {
      const type = spec.kind === 'index' ? 'integer' : 'string';
      if (spec.values === undefined) return nullable({ type }, spec);
      return nullable({ type, enum: [...spec.values, ...(spec.oov === undefined ? [] : [spec.oov])] }, spec);
    }
    case 'timestamp':
      return nullable(
        {
          $comment: 'an ISO 8601 date-time with a zone, or epoch milliseconds',
          anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }],
        },
        spec,
      );
    case 'vector':
      return nullable(
        {
          type: 'array',
          items: { type: 'number', ...range(spec) },
          ...(spec.length === undefined ? {} : { minItems: spec.length, maxItems: spec.length }),
        },
        spec,
      );
  }
}

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['anyOf', 'allOf', 'oneOf', 'prefixItems'];
const SCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

/**
 * A schema a validator in strict mode takes with nothing added: no `format` (a format it was not given is refused; the
 * format is kept as a `$comment`, the value is still checked by the `pattern` zod writes beside it: date-time, email,
 * uuid…), and no union `type: [a, b]` (an `anyOf` of one type each instead). An `additionalProperties` that accepts
 * anything goes, as it says nothing (so `z.object` and `z.looseObject` read back from JSON export alike).
 */
function strictSafe(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'format' || (key === 'additionalProperties' && !isConstraint(value))) continue;
    if (SCHEMA_MAPS.includes(key) && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictSafe(v)]));
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) out[key] = value.map(strictSafe);
    else out[key] = SCHEMAS.includes(key) ? strictSafe(value) : value;
  }
  if (Array.isArray(out.type)) {
    const { type, ...rest } = out;
    return type.length === 1 ? { ...rest, type: type[0] } : { ...rest, anyOf: type.map((t: unknown) => ({ type: t })) };
  }
  const format = (schema as JsonSchema).format;
  if (typeof format !== 'string') return out;
  const comment = `format: ${format}`;
  return { ...out, $comment: typeof out.$comment === 'string' ? `${out.$comment}; ${comment}` : comment };
}

/** An `additionalProperties` that says something (`{}` and `true` accept anything, as an absent one does). */
function isConstraint(schema: unknown): boolean {
  return (
    schema !== undefined &&
    schema !== true &&
    !(typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0)
  );
}

/** The input schema and the `$defs` it refers to (hoisted to the document's root, where `#/$defs/…` points). */
function inputJsonSchema(contract: Contract): { input: JsonSchema; defs?: JsonSchema } {
  const raw = z.toJSONSchema(contract.input, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  const { $schema: _, $defs, additionalProperties, ...rest } = strictSafe(raw) as JsonSchema;
  const policy: ExtraFields = extraFieldsOf(contract);
  const extra =
    policy === 'reject'
      ? { additionalProperties: false }
      : policy === 'keep' && isConstraint(additionalProperties)
        ? { additionalProperties }
        : {};
  return { input: { ...rest, ...extra }, ...($defs === undefined ? {} : { defs: $defs as JsonSchema }) };
}

/**
 * Exports a contract as one plain JSON Schema 2020-12 document of `{ input, features }`, for Python, Java or Go code to
 * validate inputs and feature records against the same source of truth: `properties.input` is the input record
 * (`additionalProperties: false` only when the contract's `extraFields` is `reject`), `properties.features` the
 * feature record. It uses core keywords only, so it compiles in ajv's strict mode and in Python's `jsonschema` with
 * nothing added. Tolerances and the rest of the contract are not schema: see {@link contractToJson}.
 * @remarks Since 0.1
 * @public
 */
export function contractToJsonSchema(contract: Contract): JsonSchema {
  const features = Object.fromEntries(
    contract.featureNames.map((n) => [n, featureJsonSchema(contract.features[n] as FeatureSpec)]),
  );
  const { input, defs } = inputJsonSchema(contract);
  return {
    $schema: DRAFT_2020_12,
    title: `${contract.name}@${contract.version}`,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    type: 'object',
    properties: {
      input,
      features: {
        type: 'object',
        properties: features,
        required: [...contract.featureNames],
        additionalProperties: false,
      },
    },
    required: ['input', 'features'],
    ...(defs === undefined ? {} : { $defs: defs }),
  };
}

/**
 * A whole contract as ordinary JSON (`<name>.contract.json`): name, version, entity (when it has one), timestamp, the
 * extra-field policy, the input as a JSON Schema 2020-12 and every feature's full spec (tolerances included).
 * `contractFromJsonSchema` rebuilds the contract from it.
 * @public
 */
export interface ContractJson {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Absent for a record-wise contract without an entity. */
  readonly entity?: string;
  readonly timestamp?: string;
  readonly extraFields: ExtraFields;
  /** The contract's NaN policy, when it declares one. */
  readonly nan?: NanPolicy;
  /** Input fields redacted in every report, when the contract names some. */
  readonly redact?: readonly string[];
  /** The input record's JSON Schema, with the `$defs` it refers to. */
  readonly input: JsonSchema;
  readonly features: Readonly<Record<string, FeatureSpec>>;
}

/**
 * Exports a whole contract as ordinary JSON (see {@link ContractJson}); the metadata is plain data, not schema
 * keywords, so the `input` inside is a schema any 2020-12 validator takes.
 * @remarks Since 0.1
 * @public
 */
export function contractToJson(contract: Contract): ContractJson {
  const { input, defs } = inputJsonSchema(contract);
  return {
    name: contract.name,
    version: contract.version,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    ...(contract.entity === undefined ? {} : { entity: contract.entity }),
    ...(contract.timestamp === undefined ? {} : { timestamp: contract.timestamp }),
    extraFields: extraFieldsOf(contract),
    ...(contract.nan === undefined ? {} : { nan: contract.nan }),
    ...(contract.redact === undefined ? {} : { redact: contract.redact }),
    input: { $schema: DRAFT_2020_12, ...input, ...(defs === undefined ? {} : { $defs: defs }) },
    features: Object.fromEntries(contract.featureNames.map((n) => [n, contract.features[n] as FeatureSpec])),
  };
}
