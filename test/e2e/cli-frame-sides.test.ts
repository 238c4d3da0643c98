import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

const CONFIG = fileURLToPath(new URL('../fixtures/frame-sides/lockstep.config.ts', import.meta.url));
const WINDOWS = fileURLToPath(new URL('../fixtures/frame-sides/windows.py', import.meta.url));
// The project venv: it has lockstep_side, pyarrow, pandas and polars (npm run setup:python).
const PYTHON = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));

async function replay(args: readonly string[], env: Record<string, string>) {
  const result = await runCli(['replay', '--config', CONFIG, '--reporter', 'json', ...args], {
    env: { PYTHON, ...env },
  });
  if (String(result.stdout).trim() === '') throw new Error(`lockstep replay printed no report:\n${String(result.all)}`);
  const report = (parseLosslessJson(String(result.stdout)) as { reports: ReplayReport[] }).reports[0] as ReplayReport;
  return { exitCode: result.exitCode, report, output: String(result.all) };
}

describe('lockstep replay with an entity-wise frame side (Arrow batches)', () => {
  it.each(['pandas', 'polars'])(
    '%s: whole entities per batch even with --batch-size 3, int64 account ids exact: every record matches',
    async (library) => {
      const { exitCode, report } = await replay(['--batch-size', '3'], { LIBRARY: library });

      expect(report.counts).toMatchObject({ read: 40, compared: 40, invalid: 0, errored: 0, diverged: 0 });
      expect(exitCode).toBe(0);
    },
    120_000,
  );

  it('finds exactly the planted divergences, with the side given as entity-frames:<command>', async () => {
    const serving = `entity-frames:${JSON.stringify([PYTHON, WINDOWS, 'pandas'])}`;

    const { exitCode, report } = await replay(['--serving', serving], { WRONG_TOTAL: '1' });

    expect(exitCode).toBe(1);
    // 17 records of the log are of cards whose name starts with "z".
    expect(report.counts).toMatchObject({ read: 40, compared: 40, errored: 0, diverged: 17 });
    const features = new Set(report.classes.map((c) => c.feature));
    expect(features).toEqual(new Set(['total']));
  }, 120_000);
});
