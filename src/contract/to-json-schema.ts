import { z } from 'zod';
import type { Contract } from './contract.ts';
import type { FeatureSpec } from './feature-spec.ts';

type JsonSchema = Record<string, unknown>;

function nullable(schema: JsonSchema, spec: FeatureSpec): JsonSchema {
  return spec.nullable ? { anyOf: [schema, { type: 'null' }] } : schema;
}

function range(spec: { range?: { min?: number; max?: number } }): JsonSchema {
  return {
    ...(spec.range?.min === undefined ? {} : { minimum: spec.range.min }),
    ...(spec.range?.max === undefined ? {} : { maximum: spec.range.max }),
  };
}

/** The JSON Schema of one feature's values (what a side may return for it). */
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
    case 'category':
      return nullable({ type: 'string', enum: [...spec.values, ...(spec.oov === undefined ? [] : [spec.oov])] }, spec);
    case 'timestamp':
      return nullable({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'number' }] }, spec);
    case 'vector':
      return nullable(
        { type: 'array', items: { type: 'number', ...range(spec) }, minItems: spec.length, maxItems: spec.length },
        spec,
      );
  }
}

/**
 * Exports a contract as one JSON Schema document so Python, Java or Go code can validate against the same source of
 * truth: `properties.input` is the input schema, `properties.features` the feature record; the full feature specs
 * (tolerances included) travel under `x-lockstep`, from which `contractFromJsonSchema` rebuilds the contract.
 * @public
 */
export function contractToJsonSchema(contract: Contract): JsonSchema {
  const features = Object.fromEntries(
    contract.featureNames.map((n) => [n, featureJsonSchema(contract.features[n] as FeatureSpec)]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${contract.name}@${contract.version}`,
    ...(contract.description === undefined ? {} : { description: contract.description }),
    type: 'object',
    properties: {
      input: z.toJSONSchema(contract.input, { unrepresentable: 'any' }),
      features: {
        type: 'object',
        properties: features,
        required: [...contract.featureNames],
        additionalProperties: false,
      },
    },
    'x-lockstep': {
      name: contract.name,
      version: contract.version,
      entity: contract.entity,
      ...(contract.timestamp === undefined ? {} : { timestamp: contract.timestamp }),
      features: contract.featureNames.map((name) => ({ name, ...(contract.features[name] as FeatureSpec) })),
    },
  };
}
