import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import type { Contract, ExtraFields } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson, contractToJsonSchema } from '../../../src/contract/to-json-schema.ts';
import { SkewError } from '../../../src/errors.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;
const PYTHON = new URL('../../../.venv/bin/python', import.meta.url).pathname;
const records = readFileSync(LOG, 'utf8')
  .trim()
  .split('\n')
  .slice(0, 300)
  .map((line) => JSON.parse(line) as { input: Record<string, unknown>; served: Record<string, unknown> });

/** A contract with one input field of every common zod kind, and a feature of every type. */
const wide = defineContract({
  name: 'wide',
  version: '2',
  entity: 'id',
  timestamp: 'at',
  input: z.object({
    id: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    email: z.email().optional(),
    uuid: z.uuid().nullable(),
    count: z.number().int().min(0),
    big: z.bigint(),
    kind: z.enum(['a', 'b']),
    flag: z.literal(true),
    tags: z.array(z.string()).max(3),
    pair: z.tuple([z.string(), z.number()]),
    nested: z.object({ n: z.number() }),
    strict: z.strictObject({ s: z.string() }),
    either: z.union([z.string(), z.number()]),
    scores: z.record(z.string(), z.number()),
  }),
  features: {
    i: { type: 'int', range: { min: 0 } },
    f: { type: 'float', nullable: true, allowNaN: true, tolerance: { abs: 1e-9 } },
    b: { type: 'bool' },
    s: { type: 'string', allowed: ['x', 'y'] },
    c: { type: 'category', values: ['p', 'q'], oov: 'other' },
    t: { type: 'timestamp', nullable: true, tolerance: { ms: 1 } },
    v: { type: 'vector', length: 2, tolerance: { mode: 'cosine', minSimilarity: 0.99 } },
  },
});

const withPolicy = (extraFields: ExtraFields): Contract => defineContract({ ...cardFraud, extraFields });
const inputOf = (contract: Contract) =>
  (contractToJsonSchema(contract).properties as { input: Record<string, unknown> }).input;
const strictAjv = () => new Ajv2020({ strict: true, allErrors: true });

describe('contractToJsonSchema: a plain JSON Schema 2020-12 of { input, features }', () => {
  const schema = contractToJsonSchema(cardFraud);
  const properties = schema.properties as { input: object; features: object };

  it.each([
    ['card_fraud', cardFraud],
    ['a contract with every zod kind and feature type', wide],
  ])('compiles in ajv strict mode with nothing added, and carries no x- keyword (%s)', (_, contract) => {
    const exported = contractToJsonSchema(contract);
    expect(() => strictAjv().compile(exported)).not.toThrow();
    expect(JSON.stringify(exported)).not.toMatch(/"x-|"format"/);
  });

  it('is a valid 2020-12 schema for Python jsonschema too (Draft202012Validator.check_schema)', () => {
    expect(existsSync(PYTHON), 'run npm run setup:python').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-schema-'));
    const files = [cardFraud, wide].map((c) => {
      const file = join(dir, `${c.name}.schema.json`);
      writeFileSync(file, JSON.stringify(contractToJsonSchema(c)));
      return file;
    });
    const script = [
      'import json, sys',
      'from jsonschema import Draft202012Validator',
      'for path in sys.argv[1:]:',
      '    schema = json.load(open(path))',
      '    Draft202012Validator.check_schema(schema)',
      '    record = json.load(open(path.replace(".schema.json", ".doc.json")))',
      '    Draft202012Validator(schema).validate(record)',
      'print("ok")',
    ].join('\n');
    const doc = { input: records[0]?.input, features: { ...records[0]?.served, prev_txn_at: null } };
    writeFileSync(join(dir, 'card_fraud.doc.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'wide.doc.json'), JSON.stringify(wideDoc));
    expect(execFileSync(PYTHON, ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe('ok');
  });

  it('accepts logged inputs and rejects a broken one', () => {
    const validate = strictAjv().compile(properties.input);
    for (const r of records) expect(validate(r.input)).toBe(true);
    expect(validate({ ...records[0]?.input, amount: 'twelve' })).toBe(false);
    expect(validate({ ...records[0]?.input, ts: '2026-01-01T00:00:00' })).toBe(false); // no zone: the pattern refuses it
  });

  it('accepts what serving logged and rejects an out-of-vocabulary category', () => {
    const validate = strictAjv().compile(properties.features);
    const served = records.map((r) => ({ ...r.served, prev_txn_at: r.served.prev_txn_at ?? null }));
    for (const s of served) expect(validate(s)).toBe(true);
    expect(validate({ ...served[0], merchant_category: 'casino' })).toBe(false);
  });

  it('validates whole { input, features } documents, with the wide contract', () => {
    const validate = strictAjv().compile(contractToJsonSchema(wide));
    expect(validate(wideDoc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...wideDoc, features: { ...wideDoc.features, v: [1] } })).toBe(false);
    expect(validate({ input: wideDoc.input })).toBe(false);
  });
});

const wideDoc = {
  input: {
    id: 'x',
    at: '2026-01-01T00:00:00+02:00',
    uuid: null,
    count: 3,
    big: 12,
    kind: 'a',
    flag: true,
    tags: ['t'],
    pair: ['p', 1],
    nested: { n: 1, extra: 'nested z.object accepts extra keys' },
    strict: { s: 's' },
    either: 2,
    scores: { a: 1 },
  },
  features: { i: 1, f: null, b: true, s: 'x', c: 'other', t: 1767225600000, v: [0.5, 0.5] },
};

describe('the extra-field policy in the exported schema', () => {
  const extra = { ...records[0]?.input, debug_id: 'not in the contract' };

  it.each([
    ['strip', true],
    ['keep', true],
    ['reject', false],
  ] as const)('%s: an extra input field is accepted: %s', (policy, accepted) => {
    const input = inputOf(withPolicy(policy));
    expect(input.additionalProperties).toBe(policy === 'reject' ? false : undefined);
    expect(strictAjv().compile(input)(extra)).toBe(accepted);
  });

  it('the default follows the zod object: z.object strips, z.strictObject rejects, z.looseObject keeps', () => {
    const shape = cardFraud.input.shape;
    expect(contractToJson(cardFraud).extraFields).toBe('strip');
    expect(contractToJson({ ...cardFraud, input: z.strictObject(shape) }).extraFields).toBe('reject');
    expect(contractToJson({ ...cardFraud, input: z.looseObject(shape) }).extraFields).toBe('keep');
  });
});

describe('contractToJson and contractFromJsonSchema: the whole contract round-trips', () => {
  it.each([
    ['card_fraud', cardFraud],
    ['wide', wide],
    ['card_fraud with extraFields reject', withPolicy('reject')],
    ['card_fraud with extraFields keep', withPolicy('keep')],
  ])('%s', (_, contract) => {
    const doc = contractToJson(contract);
    expect(JSON.stringify(doc)).not.toContain('x-lockstep');
    expect(() => strictAjv().compile(doc.input)).not.toThrow();
    const loaded = contractFromJsonSchema(JSON.parse(JSON.stringify(doc)), `${contract.name}.contract.json`);
    expect(loaded.name).toBe(contract.name);
    expect(loaded.version).toBe(contract.version);
    expect(loaded.description).toBe(contract.description);
    expect(loaded.entity).toBe(contract.entity);
    expect(loaded.timestamp).toBe(contract.timestamp);
    expect(loaded.featureNames).toEqual(contract.featureNames);
    expect(loaded.features).toEqual(contract.features);
    if (contract === wide) expect(loaded.input.safeParse(wideDoc.input).success).toBe(true);
    // zod reads a record back as an object with no properties: the wide contract's export differs there, not in meaning
    else expect(contractToJson(loaded)).toEqual(doc);
  });

  it('the loaded contract accepts and rejects the same inputs', () => {
    const loaded = contractFromJsonSchema(JSON.parse(JSON.stringify(contractToJson(cardFraud))));
    for (const r of records.slice(0, 50)) expect(loaded.input.safeParse(r.input).success).toBe(true);
    expect(loaded.input.safeParse({ card_id: 'x' }).success).toBe(false);
    expect(loaded.input.safeParse({ ...records[0]?.input, amount: -1 }).success).toBe(false);
  });

  it('still reads a schema of the 0.1 previews (metadata under x-lockstep)', () => {
    const legacy = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { input: inputOf(cardFraud) },
      'x-lockstep': {
        name: 'card_fraud',
        version: '1.0.0',
        entity: 'card_id',
        timestamp: 'ts',
        features: Object.entries(cardFraud.features).map(([name, spec]) => ({ name, ...spec })),
      },
    };
    const loaded = contractFromJsonSchema(legacy);
    expect(loaded.features).toEqual(cardFraud.features);
    expect(loaded.timestamp).toBe('ts');
  });

  it('rejects a feature declared twice in a preview schema, naming the contract and the feature', () => {
    const doc = {
      'x-lockstep': {
        name: 'card_fraud',
        features: [
          { name: 'a', type: 'int' },
          { name: 'a', type: 'int' },
        ],
      },
    };
    try {
      contractFromJsonSchema(doc, 'card-fraud.schema.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SkewError);
      expect((error as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
      expect((error as SkewError).message).toBe(
        'contractFromJsonSchema: contract "card_fraud" has a problem:\n' +
          'card-fraud.schema.json: /x-lockstep/features/1/name: feature "a" is declared twice',
      );
    }
  });

  const head = (name: string) => `contractFromJsonSchema: contract "${name}" has a problem:\nJSON Schema: `;
  it.each([
    [
      null,
      `${head('(unnamed)')}/: is not a Lockstep contract { name, version, entity?, input, features }; see docs/contracts.md; lockstep schema writes one from a TypeScript contract as <name>.contract.json`,
    ],
    [
      contractToJsonSchema(cardFraud),
      `${head('(unnamed)')}/: is the plain JSON Schema (<name>.schema.json), which holds no tolerances; load <name>.contract.json, which lockstep schema writes beside it`,
    ],
    [
      { 'x-lockstep': { name: 'c', features: {} } },
      `${head('c')}/x-lockstep/features: must be an array of { name, type, ... }`,
    ],
    [
      { 'x-lockstep': { name: 'c', features: [{ type: 'int' }] } },
      `${head('c')}/x-lockstep/features/0/name: is required`,
    ],
    [
      { ...contractToJson(cardFraud), extraFields: 'drop' },
      `${head('card_fraud')}/extraFields: must be one of "strip", "reject", "keep"; write one of "strip", "reject", "keep"`,
    ],
  ])('rejects a malformed document %#', (doc, message) => {
    expect(() => contractFromJsonSchema(doc)).toThrow(message);
  });

  it('reports every problem of a document at once, each with its JSON path', () => {
    expect(() => contractFromJsonSchema({ name: 'c', features: [] })).toThrow(
      [
        'contractFromJsonSchema: contract "c" has 3 problems:',
        'JSON Schema: /version: is required; write the version as a string, e.g. "1.0.0"',
        'JSON Schema: /input: is required; write a JSON Schema 2020-12 object schema: { "type": "object", "properties": { ... }, "required": [...] }',
        'JSON Schema: /features: must be object; write at least one feature: { "<name>": { "type": "int" }, ... }',
      ].join('\n'),
    );
  });

  it('checks loaded specs as defineContract does (negative tolerance)', () => {
    const doc = JSON.parse(JSON.stringify(contractToJson(cardFraud)));
    doc.features.log_amount.tolerance = { abs: -1 };
    expect(() => contractFromJsonSchema(doc, 'card-fraud.contract.json')).toThrow(
      'card-fraud.contract.json: /features/log_amount/tolerance/abs: must be >= 0; write a number >= 0, e.g. 1e-9',
    );
  });
});
