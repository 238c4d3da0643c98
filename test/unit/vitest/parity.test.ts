import { describe, expect, it } from 'vitest';
import { checkParity, memoryCorpusStore, ParityError, parity } from '../../../src/vitest/index.ts';
import { buggySide, referenceSide, tiny } from '../fuzz/_tiny.ts';

// The default corpus is <vitest root>/snapshots (test/e2e/vitest-corpus.test.ts): these tests keep theirs in memory.

describe('lockstep/vitest', () => {
  it('parity resolves when both sides agree on every generated input', async () => {
    const result = await parity(tiny, {
      training: referenceSide,
      serving: referenceSide,
      runs: 200,
      seed: 1,
      corpus: memoryCorpusStore(),
    });

    expect(result.status).toBe('pass');
  });

  it('parity throws a ParityError whose first line names the feature and the kind', async () => {
    const error = await parity(tiny, {
      training: referenceSide,
      serving: buggySide,
      seed: 7,
      corpus: memoryCorpusStore(),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ParityError);
    const message = (error as ParityError).message;
    expect(message.split('\n')[0]).toBe('double · value: training 22, serving 23 (and 1 more divergence class)');
    expect(message).toContain('parity(contract, { ...options, seed: 7, path: "');
    expect((error as ParityError).result.findings).toHaveLength(2);
  });

  it('checkParity returns the findings as data instead of throwing', async () => {
    const result = await checkParity(tiny, {
      training: referenceSide,
      serving: buggySide,
      seed: 7,
      corpus: memoryCorpusStore(),
    });

    expect(result.status).toBe('diverged');
    expect(result.findings.map((f) => [f.feature, f.kind])).toEqual(
      expect.arrayContaining([
        ['double', 'value'],
        ['length', 'null_mismatch'],
      ]),
    );
  });

  it('replays a corpus first and writes new counterexamples to it', async () => {
    const corpus = memoryCorpusStore();

    await checkParity(tiny, { training: referenceSide, serving: buggySide, seed: 7, corpus, update: 'new' });
    const again = await checkParity(tiny, { training: referenceSide, serving: buggySide, runs: 10, corpus });

    expect(corpus.cases).toHaveLength(2);
    expect(again.findings.map((f) => f.source)).toEqual(['corpus', 'corpus']);
  });
});
