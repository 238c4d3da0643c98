import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJsonSchema } from '../../../src/contract/to-json-schema.ts';
import { SkewError } from '../../../src/errors.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;
const records = readFileSync(LOG, 'utf8')
  .trim()
  .split('\n')
  .slice(0, 300)
  .map((line) => JSON.parse(line) as { input: unknown; served: Record<string, unknown> });

describe('contract JSON Schema interop', () => {
  const schema = contractToJsonSchema(cardFraud);
  const ajv = new Ajv2020({ strict: false, formats: { 'date-time': true } });
  const properties = schema.properties as { input: object; features: object };

  it('exports an input schema that accepts logged inputs and rejects a broken one (checked with ajv)', () => {
    const validate = ajv.compile(properties.input);
    for (const r of records) expect(validate(r.input)).toBe(true);
    expect(validate({ ...(records[0]?.input as object), amount: 'twelve' })).toBe(false);
  });

  it('exports a feature schema that accepts what serving logged and rejects an out-of-vocabulary category', () => {
    const validate = ajv.compile(properties.features);
    const served = records.map((r) => ({ ...r.served, prev_txn_at: r.served.prev_txn_at ?? null }));
    for (const s of served) expect(validate(s)).toBe(true);
    expect(validate({ ...served[0], merchant_category: 'casino' })).toBe(false);
  });

  it('round-trips: the loaded contract has the same features and validates the same inputs', () => {
    const loaded = contractFromJsonSchema(JSON.parse(JSON.stringify(schema)));
    expect(loaded.featureNames).toEqual(cardFraud.featureNames);
    expect(loaded.features).toEqual(cardFraud.features);
    expect(loaded.entity).toBe('card_id');
    expect(loaded.timestamp).toBe('ts');
    expect(loaded.input.safeParse(records[0]?.input).success).toBe(true);
    expect(loaded.input.safeParse({ card_id: 'x' }).success).toBe(false);
  });

  it('rejects a feature declared twice, naming the contract and the feature', () => {
    const doc = JSON.parse(JSON.stringify(schema));
    doc['x-lockstep'].features.push({ name: 'log_amount', type: 'float' });
    try {
      contractFromJsonSchema(doc, 'card-fraud.schema.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SkewError);
      expect((error as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
      expect((error as SkewError).message).toBe(
        'contractFromJsonSchema: contract "card_fraud" (card-fraud.schema.json) feature "log_amount": is declared twice',
      );
    }
  });

  it.each([
    [
      null,
      'contractFromJsonSchema: contract "(unnamed)" (JSON Schema) x-lockstep: is missing (it holds name, version, entity and features)',
    ],
    [
      { 'x-lockstep': { name: 'c', features: {} } },
      'contractFromJsonSchema: contract "c" (JSON Schema) x-lockstep.features: must be an array of { name, type, ... }',
    ],
    [
      { 'x-lockstep': { name: 'c', features: [{ type: 'int' }] } },
      'contractFromJsonSchema: contract "c" (JSON Schema) x-lockstep.features[0]: has no name',
    ],
  ])('rejects a malformed document %j', (doc, message) => {
    expect(() => contractFromJsonSchema(doc)).toThrow(message);
  });

  it('applies defineContract checks to loaded specs (negative tolerance)', () => {
    const doc = JSON.parse(JSON.stringify(schema));
    doc['x-lockstep'].features[0].tolerance = { abs: -1 };
    expect(() => contractFromJsonSchema(doc)).toThrow(
      'defineContract: contract "card_fraud" feature "log_amount".tolerance.abs: must be >= 0',
    );
  });
});
