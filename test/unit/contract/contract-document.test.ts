import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import { CONTRACT_META_SCHEMA } from '../../../src/contract/contract-meta-schema.ts';
import { extraFieldsOf } from '../../../src/contract/extra-fields.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { validateInput } from '../../../src/contract/validate-input.ts';
import { SkewError } from '../../../src/errors.ts';

const META_FILE = new URL('../../../schemas/contract.schema.json', import.meta.url).pathname;
const PYTHON = new URL('../../../.venv/bin/python', import.meta.url).pathname;

/** A contract as a Python feature engineer writes it by hand: nothing but what it needs. */
const handWritten = () => ({
  name: 'user_activity',
  version: '1',
  entity: 'user_id',
  input: {
    type: 'object',
    properties: {
      user_id: { type: 'string', minLength: 1 },
      at: { type: 'string', format: 'date-time' },
      clicks: { type: 'integer', minimum: 0 },
      country: { enum: ['FR', 'DE', 'US'] },
    },
    required: ['user_id', 'clicks'],
  },
  features: {
    clicks_log: { type: 'float' },
    is_heavy: { type: 'bool' },
    country: { type: 'category', values: ['FR', 'DE'], oov: 'other' },
  },
});

const issuesOf = (patch: (doc: ReturnType<typeof handWritten>) => void) => {
  const doc = handWritten();
  patch(doc);
  return contractDocumentIssues(doc).map((i) => `${i.path}: ${i.message}${i.hint === undefined ? '' : `; ${i.hint}`}`);
};

describe('a hand-written JSON contract', () => {
  it('loads with the documented defaults: extraFields strip, floats compared exactly', () => {
    const contract = contractFromJsonSchema(handWritten(), 'user.contract.json');
    expect(contract.featureNames).toEqual(['clicks_log', 'is_heavy', 'country']);
    expect(extraFieldsOf(contract)).toBe('strip');
    expect(contract.timestamp).toBeUndefined();
    expect(validateInput(contract.input, { user_id: 'u', clicks: 3, at: '2024-01-01T00:00:00+02:00' }).success).toBe(
      true,
    );
    expect(validateInput(contract.input, { user_id: 'u', clicks: -1 }).success).toBe(false);
    expect(validateInput(contract.input, { user_id: 'u', clicks: 1, country: 'IT' }).success).toBe(false);
    expect(validateInput(contract.input, { user_id: 'u', clicks: 1, at: 'yesterday' }).success).toBe(false);
    expect(validateInput(contract.input, { user_id: 'u', clicks: 2n ** 63n }).success).toBe(true);
    const compare = compileComparator(contract);
    const base = { clicks_log: 1, is_heavy: false, country: 'FR' };
    expect(compare(base, { ...base })).toEqual([]);
    expect(compare(base, { ...base, clicks_log: 1 + 1e-15 }).map((d) => d.feature)).toEqual(['clicks_log']);
  });

  it('takes extraFields reject from "additionalProperties": false when it does not say', () => {
    const doc = handWritten();
    const contract = contractFromJsonSchema({ ...doc, input: { ...doc.input, additionalProperties: false } });
    expect(extraFieldsOf(contract)).toBe('reject');
  });
});

describe('contractDocumentIssues: every problem at once, each with its JSON path and what to write', () => {
  it('has none for a valid contract', () => {
    expect(contractDocumentIssues(handWritten())).toEqual([]);
  });

  it('reports several meta-schema errors at once', () => {
    expect(
      issuesOf((d) => {
        (d as Record<string, unknown>).version = 1;
        (d as Record<string, unknown>).extra_fields = 'reject';
        (d.features as Record<string, unknown>).clicks_log = { type: 'double' };
        (d.features as Record<string, unknown>).is_heavy = { type: 'bool', nullable: 'yes' };
      }),
    ).toEqual([
      '/extra_fields: is not a field of a Lockstep contract; write "extraFields"',
      '/version: must be string; write the version as a string, e.g. "1.0.0"',
      '/features/clicks_log/type: must be one of "int", "float", "bool", "string", "category", "timestamp", "vector"; write one of "int", "float", "bool", "string", "category", "timestamp", "vector"',
      '/features/is_heavy/nullable: must be boolean; write true when null is a legal value of the feature, else false',
    ]);
  });

  it.each([
    [
      { type: 'int', tolerance: { abs: 0.5 } },
      '/features/f/tolerance: is not a field of an int feature; int features are compared exactly and take no tolerance: remove it, or write "type": "float" if the values are fractional',
    ],
    [
      { type: 'float', tolerance: { ms: 5 } },
      '/features/f/tolerance/ms: is not a field of a float tolerance; a float tolerance is { "abs": 1e-9, "rel": 1e-12 } ("ms" is for timestamps)',
    ],
    [
      { type: 'timestamp', tolerance: { abs: 5 } },
      '/features/f/tolerance/ms: is required; write a number >= 0, e.g. 1e-9',
    ],
    [
      { type: 'bool', tolerance: { abs: 0 } },
      '/features/f/tolerance: is not a field of a bool feature; bool features are compared exactly and take no tolerance: remove it',
    ],
    [
      { type: 'float', tolerance: { abs: -1 } },
      '/features/f/tolerance/abs: must be >= 0; write a number >= 0, e.g. 1e-9',
    ],
    [
      { type: 'vector', length: 3, tolerance: { mode: 'cosine', abs: 1 } },
      '/features/f/tolerance/minSimilarity: is required; write { "mode": "cosine", "minSimilarity": 0.999 }',
    ],
    [
      { type: 'category', values: ['a'], oov: 'a' },
      '/features/f/oov: "a" is also one of the values; write an out-of-vocabulary value that is not in "values", or remove it from "values"',
    ],
    [{ type: 'float', range: { min: 2, max: 1 } }, '/features/f/range: has min 2 > max 1; swap them'],
  ])('a feature whose type and spec disagree: %j', (spec, issue) => {
    expect(issuesOf((d) => Object.assign(d.features, { f: spec }))).toContain(issue);
  });

  it.each([
    [{ if: { type: 'string' } }, '/input/properties/user_id/if: "if" is not supported'],
    [{ not: { type: 'string' } }, '/input/properties/user_id/not: "not" is supported only as { "not": {} }'],
    [{ $ref: 'https://example.com/id.json' }, '/input/properties/user_id/$ref: "https://example.com/id.json" is not'],
    [{ format: 'int64' }, '/input/properties/user_id/format: format "int64" is not one Lockstep checks'],
    [{ minLenght: 3 }, '/input/properties/user_id/minLenght: "minLenght" is not a JSON Schema 2020-12 keyword'],
  ])('an input construct Lockstep cannot check exactly: %j', (extra, issue) => {
    const issues = issuesOf((d) => Object.assign(d.input.properties.user_id, extra));
    expect(issues.some((i) => i.startsWith(issue))).toBe(true);
  });

  it('refuses a type-specific keyword without a type, which would accept any other type', () => {
    expect(issuesOf((d) => Object.assign(d.input.properties, { code: { maxLength: 3 } }))).toEqual([
      '/input/properties/code: has "maxLength" but no "type", so any value that is not a string would be valid; write "type": "string" beside it',
    ]);
  });

  it('checks that entity and timestamp name input fields, and that extraFields agrees with the input', () => {
    expect(
      issuesOf((d) => {
        Object.assign(d, { entity: 'uid', timestamp: 'ts', extraFields: 'keep' });
        Object.assign(d.input, { additionalProperties: false });
      }),
    ).toEqual([
      '/entity: "uid" is not a field of the input; write one of the fields of input.properties (user_id, at, clicks, country)',
      '/timestamp: "ts" is not a field of the input; write one of the fields of input.properties (user_id, at, clicks, country)',
      '/extraFields: is "keep" but input says "additionalProperties": false, which rejects extra fields; write "extraFields": "reject", or remove "additionalProperties": false from the input',
    ]);
  });

  it('contractFromJsonSchema throws them all in one SKEW_CONTRACT_INVALID, one line each', () => {
    const doc = handWritten();
    Object.assign(doc.features, { a: { type: 'int', tolerance: { abs: 1 } }, b: { type: 'nope' } });
    try {
      contractFromJsonSchema(doc, 'user.contract.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SkewError);
      expect((error as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
      expect((error as SkewError).message.split('\n')).toEqual([
        'contractFromJsonSchema: contract "user_activity" has 2 problems:',
        'user.contract.json: /features/a/tolerance: is not a field of an int feature; int features are compared exactly and take no tolerance: remove it, or write "type": "float" if the values are fractional',
        'user.contract.json: /features/b/type: must be one of "int", "float", "bool", "string", "category", "timestamp", "vector"; write one of "int", "float", "bool", "string", "category", "timestamp", "vector"',
      ]);
    }
  });
});

describe('schemas/contract.schema.json', () => {
  it('is the meta-schema the loader uses (regenerate: node --import tsx scripts/write-contract-meta-schema.ts)', () => {
    expect(JSON.parse(readFileSync(META_FILE, 'utf8'))).toEqual(CONTRACT_META_SCHEMA);
  });

  it('compiles in ajv strict mode and in Python jsonschema, and validates a hand-written contract there too', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false });
    ajv.addVocabulary(['x-hint', 'x-fields']);
    expect(ajv.validate(CONTRACT_META_SCHEMA, handWritten())).toBe(true);
    expect(existsSync(PYTHON), 'run npm run setup:python').toBe(true);
    const script = [
      'import json, sys',
      'from jsonschema import Draft202012Validator',
      'meta = json.load(open(sys.argv[1]))',
      'Draft202012Validator.check_schema(meta)',
      'v = Draft202012Validator(meta)',
      'v.validate(json.loads(sys.argv[2]))',
      'print(len(list(v.iter_errors(json.loads(sys.argv[3])))))',
    ].join('\n');
    const bad = { ...handWritten(), version: 1, features: { f: { type: 'int', tolerance: {} } } };
    const out = execFileSync(PYTHON, ['-c', script, META_FILE, JSON.stringify(handWritten()), JSON.stringify(bad)], {
      encoding: 'utf8',
    });
    expect(Number(out.trim())).toBe(2);
  });
});
