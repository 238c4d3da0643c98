import { describe, expect, it } from 'vitest';
import { formatFinding, formatFuzzReport } from '../../../src/fuzz/format-fuzz-report.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import { buggySide, reference, referenceSide, tiny } from './_tiny.ts';

describe('formatFinding', () => {
  it('prints feature and kind, both values, the minimal input, the seed and path, then hints — in that order', async () => {
    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: buggySide },
      seed: 7,
    });
    const finding = result.findings.find((f) => f.feature === 'double');
    if (finding === undefined) throw new Error('no finding for double');

    const text = formatFinding(finding, result, tiny);

    const lines = text.split('\n');
    expect(lines[0]).toBe('✖ double · value (serving higher)');
    expect(lines[1]).toBe('  training  22');
    expect(lines[2]).toBe('  serving   23');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('  minimal input')).toBeGreaterThan(2);
    expect(lines[at('  minimal input') + 1]).toContain('x: 11');
    expect(at('  replay')).toBeGreaterThan(at('  minimal input'));
    expect(lines[at('  replay')]).toBe(
      `  replay    lockstep fuzz --contract tiny --seed ${finding.seed} --path "${finding.path}"`,
    );
  });

  it('shows the failing side of an error finding and a hint to handle it or narrow the schema', async () => {
    const throwing = recordSide(tiny, (input) => {
      if (input.x < 0) throw new RangeError('negative');
      return reference(input);
    });
    const result = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: throwing },
      seed: 5,
    });

    const text = formatFinding(result.findings[0] as (typeof result.findings)[0], result, tiny);

    expect(text).toContain('✖ (record) · error (serving RangeError)');
    expect(text).toContain('  training  (computed its features)');
    expect(text).toContain('  serving   ✖ RangeError: negative');
    expect(text).toMatch(/hint {6}the serving side failed on an input the contract accepts/);
  });
});

describe('formatFuzzReport', () => {
  it('ends with a one-line summary: classes, runs and seed', async () => {
    const diverged = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: buggySide },
      seed: 7,
    });
    const passed = await fuzzContract({
      contract: tiny,
      sides: { training: referenceSide, serving: referenceSide },
      runs: 10,
      seed: 3,
    });

    expect(formatFuzzReport(diverged).trimEnd().split('\n').at(-1)).toMatch(
      /^✖ 2 divergence classes in 1,000 runs \(seed 7\), \d+ shrinks$/,
    );
    expect(formatFuzzReport(passed).trimEnd().split('\n').at(-1)).toBe('✓ no divergence in 10 runs (seed 3)');
  });
});
