import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';

const input = z.object({ card: z.string(), holder: z.object({ name: z.string() }) });
const base = { name: 'pay', version: '1', entity: 'card', input, features: { n: { type: 'int' as const } } };

describe("a contract's redact list", () => {
  it('takes input field paths, dotted for nested fields, and survives the contract file round trip', () => {
    const contract = defineContract({ ...base, redact: ['card', 'holder.name'] });

    const loaded = contractFromJsonSchema(contractToJson(contract), 'pay.contract.json');

    expect(contractToJson(contract).redact).toEqual(['card', 'holder.name']);
    expect(loaded.redact).toEqual(['card', 'holder.name']);
  });

  it('refuses a path that names no input field (a typo would leak the field it meant), a repeat and an empty part', () => {
    expect(() => defineContract({ ...base, redact: ['cardd'] })).toThrow(
      'defineContract: contract "pay" redact: "cardd" names no field of the input (it has card, holder)',
    );
    expect(() => defineContract({ ...base, redact: ['card', 'card'] })).toThrow('"card" is listed twice');
    expect(() => defineContract({ ...base, redact: ['holder.'] })).toThrow('"holder." is not an input field path');
    // An open input hands undeclared fields to the sides: any path may be redacted.
    expect(defineContract({ ...base, input: z.looseObject(input.shape), redact: ['ssn'] }).redact).toEqual(['ssn']);
  });

  it('a contract file with a misspelt path is refused at /redact, naming the input fields', () => {
    const doc = { ...contractToJson(defineContract(base)), redact: ['holdr.name'] };

    expect(() => contractFromJsonSchema(doc, 'pay.contract.json')).toThrow(/\/redact: "holdr\.name" names no field/);
  });
});
