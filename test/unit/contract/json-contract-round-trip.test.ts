import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { arbitraryFromSchema } from '../../../src/arbitraries/from-schema.ts';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import type { Contract, ExtraFields } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { applyExtraFields } from '../../../src/contract/extra-fields.ts';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';
import { validateInput } from '../../../src/contract/validate-input.ts';

/** An input with the zod kinds a JSON contract expresses exactly, and a feature of every type. */
const rich = (extraFields?: ExtraFields) =>
  defineContract({
    name: `rich_${extraFields ?? 'default'}`,
    version: '3',
    entity: 'id',
    timestamp: 'at',
    ...(extraFields === undefined ? {} : { extraFields }),
    input: z.object({
      id: z.string().min(1).max(20),
      at: z.iso.datetime({ offset: true }),
      count: z.number().int().min(-5),
      ratio: z.number().gt(0).lte(1),
      kind: z.enum(['a', 'b']),
      flag: z.boolean(),
      note: z.string().nullable().optional(),
      tags: z.array(z.string()).max(3),
      pair: z.tuple([z.string(), z.number()]),
      nested: z.object({ n: z.number().int(), s: z.string().optional() }),
      closed: z.strictObject({ s: z.string() }),
      either: z.union([z.string(), z.number()]),
    }),
    features: {
      i: { type: 'int', range: { min: 0, max: 100 } },
      f: { type: 'float', nullable: true, allowNaN: true, tolerance: { abs: 1e-9, rel: 1e-6 } },
      exact: { type: 'float' },
      b: { type: 'bool' },
      s: { type: 'string', allowed: ['x', 'y'] },
      c: { type: 'category', values: ['p', 'q'], oov: 'other' },
      t: { type: 'timestamp', nullable: true, tolerance: { ms: 1 } },
      v: { type: 'vector', length: 2, tolerance: { mode: 'cosine', minSimilarity: 0.99 } },
      w: { type: 'vector', length: 2, range: { min: -1, max: 1 }, tolerance: { mode: 'elementwise', abs: 0.01 } },
    },
  });

const reload = (contract: Contract): Contract =>
  contractFromJsonSchema(JSON.parse(JSON.stringify(contractToJson(contract))), `${contract.name}.contract.json`);

/** What the engine does with one logged input: the extra field it refuses, or whether the schema accepts it. */
function verdict(contract: Contract, input: unknown): string {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return `schema:${validateInput(contract.input, input).success}`;
  }
  const policed = applyExtraFields(contract, input as Record<string, unknown>);
  if ('extraField' in policed) return `extra:${policed.extraField}`;
  return `schema:${validateInput(contract.input, policed.input).success}`;
}

const HOSTILE: readonly unknown[] = [
  null,
  undefined,
  'text',
  '',
  0,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2n ** 63n,
  -(2n ** 63n),
  2 ** 53 + 2,
  1.5,
  true,
  [],
  {},
  { nested: 1 },
  '2024-01-01T00:00:00Z',
  '2024-13-01T00:00:00+01:00',
  ['a', 1],
  { s: 'x', extra: 1 },
];

/** A valid input with one thing made hostile: a field replaced, removed or added, at the top or one level down. */
const hostileInput = (contract: Contract) =>
  fc
    .tuple(
      arbitraryFromSchema(contract.input) as fc.Arbitrary<Record<string, unknown>>,
      fc.constantFrom(...Object.keys(contract.input.shape), 'unknown_field', 'nested.n', 'nested.extra', 'closed.x'),
      fc.oneof(fc.constantFrom(...HOSTILE), fc.anything(), fc.constant('__delete__')),
    )
    .map(([input, path, value]) => {
      const out = structuredClone(input);
      const [head, tail] = path.split('.') as [string, string | undefined];
      const target = tail === undefined ? out : (out[head] as Record<string, unknown> | undefined);
      const key = tail ?? head;
      if (target === undefined || target === null || typeof target !== 'object') return out;
      if (value === '__delete__') delete target[key];
      else target[key] = value;
      return out;
    });

const CONTRACTS: readonly [string, Contract][] = [
  ['card_fraud', cardFraud],
  ['rich (strip by default)', rich()],
  ['rich, extraFields reject', rich('reject')],
  ['rich, extraFields keep', rich('keep')],
];

describe('a contract exported to JSON and loaded back is the same contract', () => {
  it.each(CONTRACTS)('%s: accepts and rejects the same generated and hostile inputs', (_, contract) => {
    const loaded = reload(contract);
    expect(loaded.features).toEqual(contract.features);
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        fc.oneof(arbitraryFromSchema(contract.input), hostileInput(contract), fc.constantFrom(...HOSTILE)),
        (input) => {
          const expected = verdict(contract, input);
          seen.add(expected.replace(/:.*(?<!true|false)$/, ':field'));
          expect(verdict(loaded, input)).toBe(expected);
        },
      ),
      { numRuns: 400, seed: 20261201 },
    );
    // Both outcomes occurred, and under `reject` so did refused extra fields: the property compared real decisions.
    expect(seen).toContain('schema:true');
    expect(seen).toContain('schema:false');
    if (contract.extraFields === 'reject') expect(seen).toContain('extra:field');
  });

  it.each(CONTRACTS)('%s: generated inputs all pass both (the property is not vacuous)', (_, contract) => {
    const loaded = reload(contract);
    fc.assert(
      fc.property(arbitraryFromSchema(contract.input), (input) => {
        expect(verdict(contract, input)).toBe('schema:true');
        expect(verdict(loaded, input)).toBe('schema:true');
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  /** A value of a feature, near another, or hostile. */
  const featureValue = (spec: FeatureSpec): fc.Arbitrary<unknown> => {
    const hostile = fc.constantFrom(null, undefined, Number.NaN, 'x', true, 2n ** 63n, [1, 2], -0);
    const typed: Record<FeatureSpec['type'], fc.Arbitrary<unknown>> = {
      int: fc.oneof(fc.integer({ min: -2, max: 102 }), fc.bigInt({ min: 0n, max: 2n ** 64n })),
      float: fc.oneof(fc.double(), fc.constantFrom(0.1 + 0.2, 0.3, 1, 1 + 1e-7, 1 + 1e-10)),
      bool: fc.boolean(),
      string: fc.constantFrom('x', 'y', 'z', 'xy'),
      category: fc.constantFrom('p', 'q', 'other', 'r'),
      timestamp: fc.oneof(
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom('1970-01-01T00:00:00Z', '1970-01-01T00:00:00.001Z', '1970-01-01T01:00:00+01:00'),
      ),
      vector: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 3 }),
    };
    return fc.oneof({ arbitrary: typed[spec.type], weight: 4 }, { arbitrary: hostile, weight: 1 });
  };

  it.each(CONTRACTS)('%s: compares generated feature pairs the same way', (_, contract) => {
    const loaded = reload(contract);
    const record = fc.record(
      Object.fromEntries(contract.featureNames.map((n) => [n, featureValue(contract.features[n] as FeatureSpec)])),
    );
    const pair = fc.oneof(
      fc.tuple(record, record),
      record.map((r) => [r, { ...r }] as const),
    );
    const compareTs = compileComparator(contract);
    const compareJson = compileComparator(loaded);
    fc.assert(
      fc.property(pair, ([training, serving]) => {
        expect(compareJson(training, serving)).toEqual(compareTs(training, serving));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('the example JSON contract', () => {
  it('is what lockstep schema writes from contracts/card-fraud.ts (regenerate: lockstep schema --out-dir examples/card-fraud/contracts)', () => {
    const file = new URL('../../../examples/card-fraud/contracts/card_fraud.contract.json', import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(contractToJson(cardFraud))));
  });
});
