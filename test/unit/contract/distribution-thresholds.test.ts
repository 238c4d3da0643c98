import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { SkewError } from '../../../src/errors.ts';

const define = (distribution: unknown) => () =>
  defineContract({
    name: 'users',
    version: '1',
    entity: 'id',
    input: z.object({ id: z.string() }),
    features: { score: { type: 'float', distribution } as never },
  });

const doc = (distribution: unknown) => ({
  name: 'users',
  version: '1',
  entity: 'id',
  input: { type: 'object', properties: { id: { type: 'string' } } },
  features: { score: { type: 'float', distribution } },
});

describe('a feature’s distribution thresholds', () => {
  it('are optional distances >= 0 in defineContract', () => {
    const thresholds = { psi: 0.2, jsDistance: 0.1, lInf: 0.1, ks: 0.1 };
    expect(define(thresholds)().features.score).toMatchObject({ distribution: thresholds });
    expect(define({ psi: 0 })).not.toThrow();
  });

  it.each([{ psi: -1 }, { psi: '0.2' }, { kl: 0.1 }])('refuses %j naming the feature', (thresholds) => {
    expect(define(thresholds)).toThrow(SkewError);
    expect(define(thresholds)).toThrow(/contract "users" feature "score"\.distribution/);
  });

  it('refuse a threshold the feature has no such distance for: KS on a category, any on a vector', () => {
    const withFeature = (feature: unknown) => () =>
      defineContract({
        name: 'users',
        version: '1',
        entity: 'id',
        input: z.object({ id: z.string() }),
        features: { f: feature as never },
      });
    expect(withFeature({ type: 'category', values: ['a'], distribution: { ks: 0.1 } })).toThrow(
      /feature "f"\.distribution\.ks: KS is for numeric features .* use psi, jsDistance or lInf/,
    );
    expect(withFeature({ type: 'bool', distribution: { psi: 0.1 } })).not.toThrow();
    expect(withFeature({ type: 'timestamp', distribution: { ks: 0.1 } })).not.toThrow();
    expect(withFeature({ type: 'vector', length: 2, distribution: { psi: 0.1 } })).toThrow(
      /feature "f"\.distribution: a vector has no distribution: remove distribution/,
    );
  });

  it('are read from a contract file, and a misspelt one is an issue of the file', () => {
    const contract = contractFromJsonSchema(doc({ psi: 0.25, ks: 0.1 }), 'users.contract.json');
    expect(contract.features.score).toMatchObject({ distribution: { psi: 0.25, ks: 0.1 } });
    expect(contractDocumentIssues(doc({ psi: 0.25 }))).toEqual([]);
    const issues = contractDocumentIssues(doc({ pis: 0.25 }));
    expect(issues.map((i) => i.path).join(' ')).toContain('distribution');
  });
});
