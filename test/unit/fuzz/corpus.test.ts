import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import type { FuzzSides } from '../../../src/fuzz/fuzz-result.ts';
import { fsCorpusStore } from '../../../src/snapshot/fs-corpus-store.ts';
import { buggySide, referenceSide, tiny } from './_tiny.ts';

const FOUND = new Date('2025-01-02T03:04:05.000Z');
const buggy: FuzzSides = { training: referenceSide, serving: buggySide };
const fixed: FuzzSides = { training: referenceSide, serving: referenceSide };

describe('the regression corpus', () => {
  let root: string;
  const dir = () => join(root, 'tiny', 'fuzz-corpus');
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lockstep-corpus-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('saves every counterexample as readable JSON named <feature>.<kind>.<hash>.json', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: buggy,
      seed: 7,
      corpus: fsCorpusStore(root),
      now: () => FOUND,
    });

    const files = readdirSync(dir()).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^double\.value\.[0-9a-f]{10}\.json$/);
    expect(files[1]).toMatch(/^length\.null_mismatch\.[0-9a-f]{10}\.json$/);
    const text = readFileSync(join(dir(), files[0] as string), 'utf8');
    expect(text).toContain('\n  "feature": "double",\n');
    expect(JSON.parse(text)).toMatchObject({
      contract: 'tiny',
      version: '1.0.0',
      kind: 'value',
      cause: 'serving higher',
      shape: 'record',
      found: '2025-01-02T03:04:05.000Z',
      training: 22,
      serving: 23,
      input: { x: 11 },
    });
    expect(result.corpus?.written).toHaveLength(2);
    expect(result.findings.every((f) => f.corpusKey !== undefined)).toBe(true);
  });

  it('replays stored cases first and reports each still-diverging class once, marked from corpus', async () => {
    await fuzzContract({ contract: tiny, sides: buggy, seed: 7, corpus: fsCorpusStore(root) });

    const again = await fuzzContract({
      contract: tiny,
      sides: buggy,
      seed: 99,
      runs: 200,
      corpus: fsCorpusStore(root),
    });

    expect(again.findings.map((f) => f.source)).toEqual(['corpus', 'corpus']);
    expect(again.corpus).toMatchObject({ replayed: 2, stillDiverging: 2, fixed: [], written: [] });
    expect(readdirSync(dir())).toHaveLength(2);
  });

  it('reports a stored case that agrees now as fixed, keeps it, and removes it with prune', async () => {
    await fuzzContract({ contract: tiny, sides: buggy, seed: 7, corpus: fsCorpusStore(root) });

    const kept = await fuzzContract({ contract: tiny, sides: fixed, runs: 50, corpus: fsCorpusStore(root) });
    expect(kept.status).toBe('pass');
    expect(kept.corpus?.fixed.map((c) => c.entry.feature).sort()).toEqual(['double', 'length']);
    expect(readdirSync(dir())).toHaveLength(2);

    const pruned = await fuzzContract({
      contract: tiny,
      sides: fixed,
      runs: 50,
      corpus: fsCorpusStore(root),
      prune: true,
    });
    expect(pruned.corpus?.removed).toHaveLength(2);
    expect(readdirSync(dir())).toHaveLength(0);
  });

  it('writes nothing in update mode none (CI), but still reports the findings', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: buggy,
      seed: 7,
      corpus: fsCorpusStore(root),
      update: 'none',
    });

    expect(result.findings).toHaveLength(2);
    expect(result.corpus?.written).toEqual([]);
    expect(() => readdirSync(dir())).toThrow();
  });

  it('marks a stored case the contract no longer accepts as stale', async () => {
    await fuzzContract({ contract: tiny, sides: buggy, seed: 7, corpus: fsCorpusStore(root) });
    const [file] = readdirSync(dir());
    const path = join(dir(), file as string);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"x": -?\d+/, '"x": 5000'));

    const result = await fuzzContract({
      contract: tiny,
      sides: buggy,
      runs: 20,
      seed: 1,
      corpus: fsCorpusStore(root),
      update: 'all',
    });

    expect(result.corpus?.stale.map((c) => c.key)).toEqual([(file as string).slice(0, -5)]);
    expect(result.corpus?.removed).toContain((file as string).slice(0, -5));
  });

  it('refuses a corpus file that is not a case, naming it', async () => {
    await fuzzContract({ contract: tiny, sides: buggy, seed: 7, corpus: fsCorpusStore(root) });
    writeFileSync(join(dir(), 'broken.value.0000000000.json'), '{ not json');

    const run = fuzzContract({ contract: tiny, sides: buggy, corpus: fsCorpusStore(root) });

    await expect(run).rejects.toMatchObject({
      code: 'SKEW_CONFIG_INVALID',
      message: expect.stringMatching(
        /^fsCorpusStore: .*broken\.value\.0000000000\.json is not valid JSON; fix or delete it$/,
      ),
    });
  });
});
