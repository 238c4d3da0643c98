import { describe, expect, it } from 'vitest';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { validateInput } from '../../../src/contract/validate-input.ts';
import { isSkewError } from '../../../src/errors.ts';
import { decodeSampleLine, WrittenFloat } from '../../../src/init/decode-sample-line.ts';
import { type ContractDraft, draftContract, NO_ENTITY_NOTE } from '../../../src/init/draft-contract.ts';
import type { FieldGuess } from '../../../src/init/infer-fields.ts';
import { renderJsonContract } from '../../../src/init/render-json-contract.ts';
import { renderTsContract } from '../../../src/init/render-ts-contract.ts';

/** Log lines (as text) → decoded records → a draft. */
function draftOf(lines: readonly string[]): ContractDraft {
  return draftContract(lines.map(decodeSampleLine), { name: 'crafted' });
}

const line = (input: Record<string, unknown>, served: Record<string, unknown> = { f: 1 }): string =>
  JSON.stringify({ input, served });

function field(draft: ContractDraft, name: string): FieldGuess {
  const found = draft.input.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
}

const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('decodeSampleLine', () => {
  it('keeps whole numbers written as floats apart, and reads int64 exactly', () => {
    const value = decodeSampleLine('{"a":20.0,"b":20,"c":2.5,"d":9007199254740993,"s":"1.0","e":1e3}') as Record<
      string,
      unknown
    >;
    expect(value.a).toEqual(new WrittenFloat(20));
    expect(value.b).toBe(20);
    expect(value.c).toBe(2.5);
    expect(value.d).toBe(9007199254740993n);
    expect(value.s).toBe('1.0');
    expect(value.e).toEqual(new WrittenFloat(1000));
  });

  it('throws on text that is not JSON', () => {
    expect(() => decodeSampleLine('{"a":1.0,')).toThrow();
  });
});

describe('draftContract: input fields', () => {
  it('tells integers from floats, a whole float column written 20.0 included', () => {
    // Arrange
    const lines = times(5, (i) => `{"input":{"k":"a","n":${i},"x":${i}.5,"w":${i}.0},"served":{"f":1}}`);
    // Act
    const draft = draftOf(lines);
    // Assert
    expect(field(draft, 'n').kinds).toEqual(['integer']);
    expect(field(draft, 'x').kinds).toEqual(['number']);
    expect(field(draft, 'w').kinds).toEqual(['number']);
    expect(field(draft, 'w').notes.join()).toContain('written as a float');
    expect(field(draft, 'n').notes.join()).toContain('observed 0 to 4');
  });

  it('marks a field nullable when null, optional when absent', () => {
    const draft = draftOf([line({ k: 'a', a: null, b: 1 }), line({ k: 'b', a: 2 }), line({ k: 'a', a: 3, b: 2 })]);
    expect(field(draft, 'a')).toMatchObject({ nullable: true, required: true, kinds: ['integer'] });
    expect(field(draft, 'b')).toMatchObject({ nullable: false, required: false });
    expect(field(draft, 'b').notes.join()).toContain('absent from 1 record → optional');
  });

  it('makes an enum of a string field with few values over enough records, never of an id', () => {
    const colours = ['red', 'green', 'blue'];
    const enough = draftOf(times(100, (i) => line({ colour: colours[i % 3], shop_id: `s${i % 3}` })));
    expect(field(enough, 'colour').enum).toEqual(['blue', 'green', 'red']);
    expect(field(enough, 'colour').notes[0]).toBe('3 distinct values over 100 records → enum (a new value is invalid)');
    expect(field(enough, 'shop_id').enum).toBeUndefined();
    const few = draftOf(times(99, (i) => line({ colour: colours[i % 3] })));
    expect(field(few, 'colour').enum).toBeUndefined();
    const many = draftOf(times(200, (i) => line({ colour: `c${i % 51}` })));
    expect(field(many, 'colour').enum).toBeUndefined();
  });

  it('detects ISO 8601 date-times with a zone and epoch milliseconds as timestamps', () => {
    const draft = draftOf(
      times(4, (i) =>
        line({
          at: `2026-03-0${i + 1}T10:00:00${i % 2 ? 'Z' : '+02:00'}`,
          local: `2026-03-0${i + 1}T10:00:00`,
          ms: 1772325596183 + i,
          small: i,
        }),
      ),
    );
    expect(field(draft, 'at').timestamp).toBe('iso');
    expect(field(draft, 'local').timestamp).toBeUndefined();
    expect(field(draft, 'ms').timestamp).toBe('epoch-ms');
    expect(field(draft, 'small').timestamp).toBeUndefined();
    expect(draft.timestamp?.field).toBe('at');
  });

  it('chooses as entity a repeated field named like one, and explains why', () => {
    const lines = times(60, (i) => line({ request_id: `r${i}`, country: ['de', 'fr'][i % 2], user_id: `u${i % 20}` }));
    const draft = draftOf(lines);
    expect(draft.entity?.field).toBe('user_id');
    expect(draft.entity?.note).toContain('3 records per value, named like an entity → the entity');
    expect(draft.entity?.note).toContain('request_id (unique per record: a record id, not an entity)');
    expect(draft.recordId?.field).toBe('request_id');
  });

  it('never makes an enum of the entity', () => {
    const draft = draftOf(times(120, (i) => line({ user: `u${i % 12}` })));
    expect(draft.entity?.field).toBe('user');
    expect(field(draft, 'user').enum).toBeUndefined();
    expect(field(draft, 'user').notes[0]).toBe('12 distinct values → string (not an enum: the entity)');
  });

  it('drafts no entity (a record-wise contract) when no field repeats', () => {
    const draft = draftOf(times(3, (i) => line({ a: `x${i}`, b: i })));
    expect(draft.entity).toBeUndefined();
    expect(renderJsonContract(draft, 'sample.jsonl')).not.toContain('"entity"');
    expect(renderTsContract(draft, 'sample.jsonl')).toContain(`// ${NO_ENTITY_NOTE}`);
    expect(renderTsContract(draft, 'sample.jsonl')).not.toMatch(/^\s*entity:/m);
  });

  it('notes integers beyond 2^53 as 64-bit', () => {
    const draft = draftOf([
      '{"input":{"acct":9007199254740993},"served":{"f":1}}',
      '{"input":{"acct":1},"served":{"f":1}}',
    ]);
    expect(field(draft, 'acct')).toMatchObject({ kinds: ['integer'], int64: true });
    expect(field(draft, 'acct').notes[0]).toContain('beyond 2^53');
  });

  it('describes nested objects and arrays field by field', () => {
    const draft = draftOf([
      line({ geo: { lat: 1.5, lon: 2 }, tags: ['a', 'b'], empty: [] }),
      line({ geo: { lat: 2.5 }, tags: [], empty: [] }),
    ]);
    const geo = field(draft, 'geo');
    expect(geo.kinds).toEqual(['object']);
    expect(geo.fields?.map((f) => [f.name, f.kinds, f.required])).toEqual([
      ['lat', ['number'], true],
      ['lon', ['integer'], false],
    ]);
    expect(field(draft, 'tags').items?.kinds).toEqual(['string']);
    expect(field(draft, 'empty').items).toBeUndefined();
  });
});

describe('draftContract: features', () => {
  it('guesses each served feature’s type, nullability and values', () => {
    const lines = times(100, (i) =>
      line(
        { user_id: `u${i % 10}` },
        {
          score: i / 3,
          whole: i,
          flag: i % 2 === 0,
          tier: ['a', 'b'][i % 2],
          prev_at: i === 0 ? null : 1772325596183 + i,
          emb: [i, 0.5, 1],
          name: `n${i}`,
        },
      ),
    );
    const specs = Object.fromEntries(draftOf(lines).features.map((f) => [f.name, f.spec]));
    expect(specs).toEqual({
      score: { type: 'float' },
      whole: { type: 'int' },
      flag: { type: 'bool' },
      tier: { type: 'category', values: ['a', 'b'] },
      prev_at: { type: 'timestamp', nullable: true },
      emb: { type: 'vector', length: 3 },
      name: { type: 'string' },
    });
  });

  it('keeps a float feature whose values are whole but written 20.0 a float, compared exactly', () => {
    const draft = draftOf(times(3, (i) => `{"input":{"k":"a"},"served":{"f":${i}.0}}`));
    expect(draft.features[0]?.spec).toEqual({ type: 'float' });
    expect(draft.features[0]?.notes.join()).toContain('compared exactly');
  });

  it('refuses records without served features or without an input', () => {
    const refusal = (lines: string[]) => {
      try {
        draftOf(lines);
      } catch (error) {
        return isSkewError(error) ? `${error.code}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(refusal(['{"input":{"a":1}}'])).toMatch(
      /^SKEW_LOG_UNREADABLE: no record has served features under "served"/,
    );
    expect(refusal(['{"served":{"a":1}}'])).toMatch(/^SKEW_LOG_UNREADABLE: no record of 1 record has an input object/);
  });
});

describe('renderJsonContract', () => {
  it('writes a contract file that loads and accepts the records it was drafted from', () => {
    // Arrange
    const records = [
      '{"input":{"user_id":"u1","n":1,"geo":{"lat":1.5},"tags":["a"],"acct":9007199254740993,"at":"2026-03-01T10:00:00Z","note":null},"served":{"f":1.5,"c":"x"}}',
      '{"input":{"user_id":"u1","n":2,"geo":{"lat":2.5},"tags":[],"acct":2,"at":"2026-03-01T11:00:00+01:00","note":"hi"},"served":{"f":null,"c":"y"}}',
      '{"input":{"user_id":"u2","n":3,"geo":{"lat":3},"tags":["b"],"acct":3,"at":"2026-03-01T12:00:00Z"},"served":{"f":2,"c":"x"}}',
    ].map(decodeSampleLine);
    const draft = draftContract(records, { name: 'crafted' });
    // Act
    const text = renderJsonContract(draft, 'log.jsonl');
    const contract = contractFromJsonSchema(JSON.parse(text), 'crafted.contract.json');
    // Assert
    expect(contract.entity).toBe('user_id');
    expect(contract.timestamp).toBe('at');
    for (const record of records) {
      expect(validateInput(contract.input, (record as { input: unknown }).input)).toEqual({ success: true });
    }
    const doc = JSON.parse(text) as { input: { properties: Record<string, { description: string }> } };
    expect(doc.input.properties.n?.description).toMatch(/^guessed: whole numbers in all 3 values → integer/);
  });
});
