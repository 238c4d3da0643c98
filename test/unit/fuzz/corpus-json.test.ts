import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusKey } from '../../../src/snapshot/corpus-entry.ts';
import { fsCorpusStore } from '../../../src/snapshot/fs-corpus-store.ts';

describe('corpus files', () => {
  it('round-trip what JSON cannot hold: int64, -0, NaN, Infinity, dates and absent values', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lockstep-json-'));
    const input = {
      id: 9007199254740993n,
      z: -0,
      n: Number.NaN,
      inf: -Infinity,
      at: new Date(0),
      list: [undefined, 1],
    };
    const entry = {
      contract: 'c',
      version: '1',
      feature: 'f',
      kind: 'value',
      cause: 'serving higher',
      shape: 'record',
      input,
      training: 1n,
      serving: Number.POSITIVE_INFINITY,
      seed: 1,
      path: '0',
      found: 'unknown',
    } as const;
    const store = fsCorpusStore(root);

    await store.write({ key: corpusKey(entry), entry });
    const [stored] = await store.read('c');

    expect(stored?.entry.input).toEqual(input);
    expect(Object.is((stored?.entry.input as { z: number } | undefined)?.z, -0)).toBe(true);
    expect(stored?.entry.training).toBe(1n);
    expect(readFileSync(join(root, 'c', 'fuzz-corpus', `${stored?.key}.json`), 'utf8')).toContain(
      '"id": {\n      "$bigint": "9007199254740993"\n    }',
    );
    rmSync(root, { recursive: true, force: true });
  });

  it('key the same class and input identically, and a different input differently', () => {
    const a = { feature: 'amount rounded', kind: 'value', cause: 'x', input: { a: 1 } } as const;

    expect(corpusKey(a)).toBe(corpusKey({ ...a }));
    expect(corpusKey(a)).not.toBe(corpusKey({ ...a, input: { a: 2 } }));
    expect(corpusKey(a)).toMatch(/^amount_rounded\.value\.[0-9a-f]{10}$/);
  });
});
