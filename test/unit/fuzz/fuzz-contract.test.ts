import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { buggySide, counted, countSide, reference, referenceSide, tiny } from './_tiny.ts';

describe('fuzzContract', () => {
  it('passes an agreeing pair after the whole budget', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: referenceSide },
      runs: 300,
      seed: 1,
    });

    expect(result.status).toBe('pass');
    expect(result.findings).toEqual([]);
    expect(result.runs).toBe(300);
    expect(result.shape).toBe('record');
  });

  it('reports two distinct bugs as two findings, each shrunk to a minimal input', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: buggySide },
      seed: 7,
    });

    const classes = result.findings.map((f) => `${f.feature} ${f.kind}`).sort();
    expect(classes).toEqual(['double value', 'length null_mismatch']);
    const double = result.findings.find((f) => f.feature === 'double');
    expect(double?.minimalInput).toMatchObject({ x: 11 });
    expect([double?.training, double?.serving]).toEqual([22, 23]);
    const length = result.findings.find((f) => f.feature === 'length');
    expect(length?.minimalInput).toMatchObject({ s: '' });
    expect(result.status).toBe('diverged');
  });

  it('keeps searching after the first finding and reports each class once', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: buggySide },
      seed: 3,
    });

    const keys = result.findings.map((f) => `${f.feature}/${f.kind}/${f.cause}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.findings.every((f) => f.foundAfterRuns <= result.runs)).toBe(true);
    expect(result.runs).toBe(1000);
  });

  it('makes a side that throws on a generated input an error finding', async () => {
    const throwing = recordSide(tiny, (input) => {
      if (input.x < 0) throw new RangeError(`negative x ${input.x}`);
      return reference(input);
    });

    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: throwing },
      seed: 5,
    });

    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      feature: '(record)',
      kind: 'error',
      side: 'serving',
      cause: 'serving RangeError',
      minimalInput: { x: -1 },
      serving: { error: 'RangeError: negative x -1' },
    });
  });

  it('replays exactly the minimal input of a finding from its seed and path', async () => {
    const sides = { training: referenceSide, serving: buggySide };
    const found = await fuzzContract({ contract: tiny, sides, seed: 11 });

    for (const f of found.findings) {
      const replayed = await fuzzContract({ contract: tiny, sides, seed: f.seed, path: f.path });
      const same = replayed.findings.find((g) => g.feature === f.feature && g.kind === f.kind);
      expect(same?.minimalInput).toEqual(f.minimalInput);
      expect(same?.source).toBe('replay');
      expect(replayed.runs).toBe(1);
    }
  });

  it('starts an instance side once and leaves closing it to its owner; a factory side is fresh per case', async () => {
    const calls = { start: 0, close: 0, made: 0 };
    const instance: Side = {
      ...referenceSide,
      start: async () => void calls.start++,
      close: async () => void calls.close++,
    };
    const factory = () => {
      calls.made++;
      return recordSide(tiny, reference);
    };

    const result = await fuzzContract({
      contract: tiny,
      sides: { training: instance, serving: factory },
      runs: 50,
      seed: 2,
    });

    expect(result.status).toBe('pass');
    expect(calls).toEqual({ start: 1, close: 0, made: 50 }); // the side made to learn the shape runs the first case
    expect(result.sides.serving).toMatch(/fresh per case/);
  });

  it('generates entity histories for an entity-wise side and runs each one as one batch', async () => {
    const sizes: number[] = [];
    const spy: Side = {
      ...countSide,
      compute: async (batch) => {
        sizes.push(batch.length);
        return await countSide.compute(batch);
      },
    };

    const result = await fuzzContract({
      contract: counted,
      sides: { training: spy, serving: countSide },
      runs: 40,
      seed: 4,
    });

    expect(result).toMatchObject({ status: 'pass', shape: 'history', runs: 40 });
    expect(sizes).toHaveLength(40);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });

  it('refuses entity-wise fuzzing of a contract without a timestamp field', async () => {
    const noTime = defineContract({ ...counted, name: 'no_time', timestamp: undefined as unknown as string });
    const side = entitySide(noTime, (h) => h.map(() => ({ seen: 1 })));

    const run = fuzzContract({ contract: noTime, sides: { training: side, serving: side }, runs: 1 });

    await expect(run).rejects.toMatchObject({
      code: 'SKEW_CONTRACT_INVALID',
      message: expect.stringMatching(
        /^fuzzContract: contract "no_time" has an entity-wise side but no timestamp field/,
      ),
    });
  });

  it('rejects a bad budget and a path without a seed', async () => {
    const sides = { training: referenceSide, serving: referenceSide };
    await expect(fuzzContract({ contract: tiny, sides, runs: 0 })).rejects.toMatchObject({
      code: 'SKEW_USAGE',
      message: 'fuzzContract: runs must be a positive integer, got 0',
    });
    await expect(fuzzContract({ contract: tiny, sides, path: '1:0' })).rejects.toMatchObject({ code: 'SKEW_USAGE' });
  });

  it('keeps int64 inputs exact through the search', async () => {
    const big = defineContract({
      name: 'big',
      version: '1',
      entity: 'id',
      input: z.object({ id: z.bigint() }),
      features: { low: { type: 'int' } },
    });
    const exact = recordSide(big, (i) => ({ low: Number(i.id % 10n) }));
    const lossy = recordSide(big, (i) => ({ low: Number(BigInt(Number(i.id)) % 10n) }));

    const result = await fuzzContract({ contract: big, sides: { training: exact, serving: lossy }, seed: 9 });

    expect(new Set(result.findings.map((f) => f.feature))).toEqual(new Set(['low']));
    expect(typeof (result.findings[0]?.minimalInput as { id: unknown } | undefined)?.id).toBe('bigint');
  });
});
