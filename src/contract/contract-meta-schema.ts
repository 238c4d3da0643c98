import { CONTRACT_NAME_PATTERN } from './contract-name.ts';
import { EXTRA_FIELDS } from './extra-fields.ts';
import { CATEGORY_KINDS, FEATURE_TYPES, NAN_POLICIES, TOLERANCE_RULES } from './feature-spec.ts';

/** A JSON Schema document (plain data). */
type Schema = Record<string, unknown>;

// `x-hint` (what to write instead, on the schema whose keyword failed) and `x-fields` (for a field that does not belong
// where it was written, what to do with it) are annotations: validators ignore them, Lockstep's messages read them.

/** `{ if: { <field>: <value> }, then }`: the schema `then` applies where the discriminating field has that value. */
function when(field: string, value: string, then: Schema): Schema {
  const condition = { properties: { [field]: { const: value } }, required: [field] };
  return Object.fromEntries([
    ['if', condition],
    ['then', then],
  ]);
}

const nonNegative: Schema = { type: 'number', minimum: 0, 'x-hint': 'write a number >= 0, e.g. 1e-9' };
const description: Schema = { type: 'string' };
const base: Record<string, Schema> = {
  type: { type: 'string' },
  description,
  nullable: { type: 'boolean', 'x-hint': 'write true when null is a legal value of the feature, else false' },
  maxMismatchRate: {
    type: 'number',
    minimum: 0,
    maximum: 1,
    'x-hint': 'write the share of compared records this feature may diverge on, between 0 and 1, e.g. 0.001',
  },
  distribution: {
    title: 'distribution thresholds',
    type: 'object',
    properties: { psi: nonNegative, jsDistance: nonNegative, lInf: nonNegative, ks: nonNegative },
    additionalProperties: false,
    'x-hint': 'write the distances serving may drift from training, each optional, e.g. { "psi": 0.2, "ks": 0.1 }',
  },
};
const range: Schema = {
  title: 'a range',
  type: 'object',
  properties: { min: { type: 'number' }, max: { type: 'number' } },
  additionalProperties: false,
  'x-hint': 'write { "min": 0, "max": 100 } (both optional, both inclusive)',
};
const rule: Schema = {
  enum: [...TOLERANCE_RULES],
  'x-hint': 'write "numpy" (|a - b| <= abs + rel * max(|a|, |b|), the default) or "isclose" (within abs or within rel)',
};
const noTolerance = (type: string, instead: string): string =>
  `${type} features are compared exactly and take no tolerance: remove it${instead}`;

/** The spec of one feature type: its own fields besides the shared ones, closed to anything else. */
function featureDef(
  type: string,
  fields: Record<string, Schema>,
  misplaced: Record<string, string>,
  required: string[] = [],
): Schema {
  const properties = { ...base, ...fields };
  return {
    title: `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} feature`,
    type: 'object',
    properties,
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: false,
    'x-fields': misplaced,
    'x-hint': `a ${type} feature takes ${Object.keys(properties).join(', ')}`,
  };
}

const floatTolerance: Schema = {
  title: 'a float tolerance',
  type: 'object',
  properties: { abs: nonNegative, rel: nonNegative, rule },
  additionalProperties: false,
  'x-fields': { ms: 'a float tolerance is { "abs": 1e-9, "rel": 1e-12 } ("ms" is for timestamps)' },
  'x-hint': 'write { "abs": 1e-9, "rel": 1e-12 }: values agree when |a - b| <= abs + rel * max(|a|, |b|)',
};

const defs: Record<string, Schema> = {
  int: featureDef(
    'int',
    { range },
    {
      tolerance: noTolerance('int', ', or write "type": "float" if the values are fractional'),
      allowNaN: 'NaN is not an integer: write "type": "float" with "allowNaN": true',
    },
  ),
  float: featureDef(
    'float',
    { range, tolerance: floatTolerance, allowNaN: { type: 'boolean' } },
    { values: 'a float has no vocabulary: write "type": "category" for a closed set of strings' },
  ),
  bool: featureDef('bool', {}, { tolerance: noTolerance('bool', '') }),
  string: featureDef(
    'string',
    {
      allowed: {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        uniqueItems: true,
        'x-hint': 'write a non-empty list of distinct strings, e.g. ["a", "b"]',
      },
    },
    {
      tolerance: noTolerance('string', ''),
      values: 'a string feature lists its legal values in "allowed" (or write "type": "category")',
    },
  ),
  category: featureDef(
    'category',
    {
      kind: {
        enum: [...CATEGORY_KINDS],
        'x-hint': 'write "label" (string values, the default) or "index" (integer category indices)',
      },
      values: {
        type: 'array',
        items: { type: ['string', 'integer'] },
        minItems: 1,
        uniqueItems: true,
        'x-hint':
          'write the vocabulary as a non-empty list of distinct strings, e.g. ["grocery", "fuel"] (integers with "kind": "index"), or leave it out for an open category',
      },
      oov: {
        type: ['string', 'integer'],
        'x-hint': 'write the out-of-vocabulary value as a string, e.g. "other" (an integer with "kind": "index")',
      },
    },
    { tolerance: noTolerance('category', ''), allowed: 'a category lists its vocabulary in "values"' },
  ),
  timestamp: featureDef(
    'timestamp',
    {
      tolerance: {
        title: 'a timestamp tolerance',
        type: 'object',
        properties: { ms: nonNegative },
        required: ['ms'],
        additionalProperties: false,
        'x-hint': 'a timestamp tolerance is { "ms": <milliseconds> }, e.g. { "ms": 1000 }',
      },
    },
    { range: 'a timestamp has no range' },
  ),
  vector: featureDef(
    'vector',
    {
      length: {
        type: 'integer',
        minimum: 1,
        'x-hint': 'write the number of elements, an integer >= 1, or leave it out when the length varies',
      },
      range,
      tolerance: {
        type: 'object',
        required: ['mode'],
        properties: { mode: { enum: ['elementwise', 'cosine'] } },
        allOf: [
          when('mode', 'elementwise', {
            title: 'an elementwise vector tolerance',
            properties: { mode: true, abs: nonNegative, rel: nonNegative, rule },
            additionalProperties: false,
            'x-hint': 'write { "mode": "elementwise", "abs": 1e-9, "rel": 1e-12 }',
          }),
          when('mode', 'cosine', {
            title: 'a cosine vector tolerance',
            properties: { mode: true, minSimilarity: { type: 'number', minimum: -1, maximum: 1 } },
            required: ['minSimilarity'],
            additionalProperties: false,
            'x-hint': 'write { "mode": "cosine", "minSimilarity": 0.999 }',
          }),
        ],
        'x-hint': 'write { "mode": "elementwise", "abs": 1e-9 } or { "mode": "cosine", "minSimilarity": 0.999 }',
      },
    },
    {},
  ),
};

const feature: Schema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: [...FEATURE_TYPES], 'x-hint': `write one of ${FEATURE_TYPES.map((t) => `"${t}"`).join(', ')}` },
  },
  allOf: FEATURE_TYPES.map((type) => when('type', type, { $ref: `#/$defs/${type}` })),
  'x-hint': 'write { "type": "float", "tolerance": { "abs": 1e-9 } } (see docs/contracts.md)',
};

const input: Schema = {
  type: 'object',
  required: ['type', 'properties'],
  properties: {
    type: { const: 'object', 'x-hint': 'the input is a record: write "type": "object"' },
    properties: { type: 'object', 'x-hint': 'write the input fields as { "<field>": { "type": "string" }, ... }' },
  },
  $ref: 'https://json-schema.org/draft/2020-12/schema',
  'x-hint': 'write a JSON Schema 2020-12 object schema: { "type": "object", "properties": { ... }, "required": [...] }',
};

/**
 * The meta-schema of a contract file (`<name>.contract.json` or `.yaml`): what `loadContractFile` validates a
 * contract document against before anything else, with every error at once. Shipped as
 * `schemas/contract.schema.json`; point an editor at it with `"$schema"` for completion. See docs/contracts.md.
 * @remarks Since 0.1
 * @public
 */
export const CONTRACT_META_SCHEMA: Readonly<Schema> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:lockstep:contract:0.1',
  title: 'a Lockstep contract',
  description: 'A feature contract: the input record schema and, for each feature, its type and comparison rules.',
  type: 'object',
  required: ['name', 'version', 'input', 'features'],
  properties: {
    $schema: { type: 'string' },
    name: {
      type: 'string',
      minLength: 1,
      pattern: CONTRACT_NAME_PATTERN,
      'x-hint': 'write the contract name, e.g. "card_fraud" (no "/", "\\", line break or control character)',
    },
    version: { type: 'string', minLength: 1, 'x-hint': 'write the version as a string, e.g. "1.0.0"' },
    description,
    entity: {
      type: 'string',
      minLength: 1,
      description:
        'The input field identifying the entity (card, user), whose history entity-wise sides compute from. Optional: without it every record stands on its own (record-wise sides only).',
      'x-hint': 'write the name of the input field identifying the entity, e.g. "card_id"',
    },
    timestamp: { type: 'string', minLength: 1, 'x-hint': 'write the name of the input field holding the event time' },
    extraFields: {
      enum: [...EXTRA_FIELDS],
      'x-hint': `write one of ${EXTRA_FIELDS.map((p) => `"${p}"`).join(', ')}`,
    },
    nan: {
      enum: [...NAN_POLICIES],
      'x-hint':
        'write "forbid" (NaN is a contract violation, the default), "equal" (NaN is legal and equals NaN) or "diverge" (NaN is legal and equals nothing); a float\'s "allowNaN" overrides it',
    },
    redact: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      uniqueItems: true,
      'x-hint':
        'write the input fields to hide in every report as a list of paths, dotted for nested fields, e.g. ["card_number", "holder.name"]',
    },
    input,
    features: {
      type: 'object',
      minProperties: 1,
      propertyNames: { minLength: 1 },
      additionalProperties: { $ref: '#/$defs/feature' },
      'x-hint': 'write at least one feature: { "<name>": { "type": "int" }, ... }',
    },
  },
  additionalProperties: false,
  'x-fields': {
    extra_fields: 'write "extraFields"',
    additionalProperties: 'write "extraFields" (or put additionalProperties inside "input")',
    properties: 'the input fields go inside "input": { "type": "object", "properties": { ... } }',
  },
  'x-hint':
    'a contract takes $schema, name, version, description, entity, timestamp, extraFields, nan, redact, input, features',
  $defs: { feature, ...defs },
};
