import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConfig } from '../../../src/config/define-config.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import { runFuzz } from '../../../src/runner/run-fuzz.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-replay-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contract = defineContract({
  name: 'clicks',
  version: '1.0.0',
  entity: 'user',
  input: z.object({ user: z.string(), x: z.number() }),
  features: { f: { type: 'int' } },
});

function write(name: string, rows: readonly object[]): string {
  writeFileSync(join(dir, name), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return join(dir, name);
}

describe('replay with a features file against the logged features', () => {
  it('joins by id, reports missing ids as their class, duplicate and unmatched rows as diagnostics, and minimizes nothing', async () => {
    const log = write(
      'log.jsonl',
      ['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        timestamp: 1_700_000_000_000 + i,
        input: { user: `u${i}`, x: i },
        served: { f: i + 1 },
      })),
    );
    const features = write('features.jsonl', [
      { id: 'a', f: 1 },
      { id: 'b', f: 2 },
      { id: 'c', f: 30 },
      { id: 'e', f: 5 },
      { id: 'a', f: 9 },
    ]);
    const config = defineConfig({
      contracts: [{ contract, training: { features: 'features.jsonl' }, serving: 'logged' }],
    });

    const summary = await runReplay({
      config: { config, path: join(dir, 'lockstep.config.ts'), root: dir },
      cwd: dir,
      reporters: [],
      logs: [log],
    });
    const report = summary.reports[0];

    expect(report?.counts).toMatchObject({ read: 4, compared: 3, errored: 1, diverged: 1 });
    expect(report?.classes.map((c) => [c.feature, c.cause, c.count, c.examples.map((e) => e.recordId)])).toEqual([
      ['f', 'serving lower', 1, ['c']],
      ['(record)', `training: missing from precomputed features in ${features}`, 1, ['d']],
    ]);
    expect(report?.classes.map((c) => c.minimal)).toEqual([undefined, undefined]);
    expect(report?.classes[0]?.hints).toContain(
      'not reduced to a minimal input: both sides read features computed earlier (served and logged, or a features file), which do not change with the input',
    );
    expect(report?.sides[0]?.diagnostics.first.map((d) => d.message)).toEqual([
      `1 row of ${features} repeats an id an earlier row has; the first row of each id is compared, the others ignored: 'a' (rows 1, 5)`,
      `1 row of ${features} matched no logged record (a log not replayed, a shard or sample of it, or ids the log lacks): ids 'e'`,
    ]);
  });

  it('is refused by fuzz, which needs a side that computes generated inputs', async () => {
    const serving = recordSide(contract, (input) => ({ f: Math.round(input.x) }));
    const config = defineConfig({ contracts: [{ contract, training: { features: 'features.parquet' }, serving }] });
    const loaded = { config, path: join(dir, 'lockstep.config.ts'), root: dir };

    await expect(runFuzz({ config: loaded, cwd: dir, update: 'none', runs: 1 })).rejects.toMatchObject({
      code: 'SKEW_USAGE',
      message:
        'runFuzz: the training side of contract "clicks" is a features file (features.parquet), which holds the ' +
        'features of logged records only and cannot compute other inputs; give fuzz.training in the config or ' +
        '--training <command>',
    });
  });
});
