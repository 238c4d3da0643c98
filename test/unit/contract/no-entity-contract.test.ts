import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from '../../../src/contract/contract.ts';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import { CONTRACT_META_SCHEMA } from '../../../src/contract/contract-meta-schema.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { requireEntity } from '../../../src/contract/require-entity.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';
import { isSkewError } from '../../../src/errors.ts';

const META_FILE = new URL('../../../schemas/contract.schema.json', import.meta.url).pathname;

/** A record-wise contract: features of one request, no entity. */
const clicks = defineContract({
  name: 'clicks',
  version: '1',
  input: z.object({ request_id: z.string(), x: z.number() }),
  features: { doubled: { type: 'float' }, big: { type: 'bool' } },
});

/** The same contract as a JSON document written by hand. */
const document = () => ({
  name: 'clicks',
  version: '1',
  input: {
    type: 'object',
    properties: { request_id: { type: 'string' }, x: { type: 'number' } },
    required: ['request_id', 'x'],
  },
  features: { doubled: { type: 'float' }, big: { type: 'bool' } },
});

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
}

describe('a contract without an entity', () => {
  it('is declared in TypeScript without one, and is a Contract', () => {
    const contract: Contract = clicks;
    expect(contract.entity).toBeUndefined();
    expect(contract.featureNames).toEqual(['doubled', 'big']);
  });

  it('still refuses an entity that is not an input field', () => {
    const error = thrown(() =>
      defineContract({
        name: 'c',
        version: '1',
        entity: 'user',
        input: z.object({ x: z.number() }),
        features: clicks.features,
      }),
    );
    expect(isSkewError(error) && error.code).toBe('SKEW_CONTRACT_INVALID');
    expect(error.message).toBe('defineContract: contract "c" entity: "user" is not a field of the input schema');
  });

  it('is accepted by the meta-schema (the shipped file and ajv strict mode) with no issue', () => {
    for (const schema of [CONTRACT_META_SCHEMA, JSON.parse(readFileSync(META_FILE, 'utf8')) as object]) {
      const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
      ajv.addVocabulary(['x-hint', 'x-fields']);
      const validate = ajv.compile(schema);
      expect(validate(document()), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(contractDocumentIssues(document())).toEqual([]);
  });

  it('exports without "entity" and loads back the same: no entity, same features, same input checks', () => {
    const json = contractToJson(clicks);
    expect(Object.hasOwn(json, 'entity')).toBe(false);
    const loaded = contractFromJsonSchema(JSON.parse(JSON.stringify(json)), 'clicks.contract.json');
    expect(loaded.entity).toBeUndefined();
    expect(contractToJson(loaded)).toEqual(json);
    expect(contractFromJsonSchema(document(), 'clicks.contract.json').entity).toBeUndefined();
  });

  it('lets record-wise sides through and stops an entity-wise one, naming the contract and what to write', () => {
    const record = { shape: 'record' };
    const entity = { shape: 'entity' };
    expect(() => requireEntity(clicks, { training: record, serving: record }, 'api')).not.toThrow();
    expect(() => requireEntity(clicks, { training: entity }, 'api', 'user')).not.toThrow();
    const error = thrown(() => requireEntity(clicks, { training: record, serving: entity }, 'api'));
    expect(isSkewError(error) && error.code).toBe('SKEW_CONTRACT_INVALID');
    expect(error.message).toMatch(/^api: contract "clicks" has no entity, but the serving side is entity-wise/);
    expect(error.message).toContain("add entity: '<field>' to the contract");
    expect(thrown(() => requireEntity(clicks, { training: entity, serving: entity }, 'api')).message).toContain(
      'but both sides are entity-wise',
    );
  });
});
