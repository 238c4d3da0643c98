import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { writeWithPyarrow } from '../unit/io/_pyarrow.ts';
import { runCli } from './run-cli.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const LOG = join(ROOT, 'examples/card-fraud/logs/sample.jsonl');
const META = join(ROOT, 'schemas/contract.schema.json');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const tmp = (): string => mkdtempSync(join(tmpdir(), 'lockstep-init-'));

/** A folder where `lockstep` (this repository's sources) and `zod` resolve, as in a project that installed them. */
function projectWithLockstep(): string {
  const dir = tmp();
  mkdirSync(join(dir, 'node_modules/lockstep'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/zod'), join(dir, 'node_modules/zod'));
  writeFileSync(
    join(dir, 'node_modules/lockstep/package.json'),
    JSON.stringify({ name: 'lockstep', type: 'module', exports: './index.ts' }),
  );
  writeFileSync(
    join(dir, 'node_modules/lockstep/index.ts'),
    `export * from ${JSON.stringify(join(ROOT, 'src/index.ts'))};\n`,
  );
  return dir;
}

describe('lockstep init', () => {
  it('drafts a JSON contract and a config from the card-fraud log; the draft replays the whole log, exit 0', async () => {
    // Arrange
    const dir = tmp();
    // Act
    const init = await runCli(['init', '--log', LOG, '--out-dir', dir, '--name', 'card_fraud']);
    const replay = await runCli(['replay', '--config', join(dir, 'lockstep.config.ts'), '--training', 'logged']);
    // Assert
    expect(init.exitCode, init.all).toBe(0);
    expect(init.stdout).toContain('Drafted contract "card_fraud" from 5,000 records');
    // Paths are shown relative to the working directory when it is near (../lockstep-init-…,
    // ../../lockstep-tests-…/lockstep-init-…), else absolute: which one depends on where the checkout and the temporary
    // directory live, so the test takes either.
    const shown = (file: string): string =>
      `(?:${escapeRegExp(dir)}|(?:\\.\\./)+(?:[^/\\s]+/)*${escapeRegExp(basename(dir))})/${file}`;
    expect(init.stdout).toMatch(new RegExp(`wrote ${shown('card_fraud\\.contract\\.json')}`));
    expect(init.stdout).toMatch(
      new RegExp(`Next: lockstep replay --config ${shown('lockstep\\.config\\.ts')} --training logged`),
    );
    expect(replay.exitCode, replay.all).toBe(0);
    expect(replay.stdout).toContain('read 5,000  compared 5,000  invalid 0  errored 0');
    const contract = JSON.parse(readFileSync(join(dir, 'card_fraud.contract.json'), 'utf8'));
    expect(contract).toMatchObject({ name: 'card_fraud', entity: 'card_id', timestamp: 'ts' });
    expect(contract.features.prev_txn_at).toMatchObject({ type: 'timestamp', nullable: true });
    expect(contract.features.merchant_category.type).toBe('category');
    expect(contract.input.properties.card_id.description).toContain('→ the entity');
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validate(JSON.parse(readFileSync(META, 'utf8')), contract), ajv.errorsText()).toBe(true);
    const config = readFileSync(join(dir, 'lockstep.config.ts'), 'utf8');
    expect(config).toContain("contract: './card_fraud.contract.json',");
    expect(config).toContain('// TODO: your training feature code');
    expect(config).toContain("serving: 'logged',");
  });

  it('drafts a TypeScript contract (defineContract + zod) that a config imports and replays, exit 0', async () => {
    const dir = projectWithLockstep();
    const init = await runCli(['init', '--log', LOG, '--format', 'ts', '--sample', '2000'], { cwd: dir });
    const replay = await runCli(['replay', '--training', 'logged'], { cwd: dir });
    expect(init.exitCode, init.all).toBe(0);
    expect(init.stdout).toContain('from 2,000 records');
    const source = readFileSync(join(dir, 'sample.contract.ts'), 'utf8');
    expect(source).toContain('export const sample = defineContract({');
    expect(source).toMatch(/\/\/ guessed: 10 distinct values over 2,000 records → enum/);
    expect(replay.exitCode, replay.all).toBe(0);
    expect(replay.stdout).toContain('read 5,000  compared 5,000  invalid 0  errored 0');
  });

  it('drafts from a flat CSV log (its columns, served.<feature> columns as features) and the draft replays it', async () => {
    const dir = tmp();
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `r${i},2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z,u${i % 30},${i * 1.5},${i % 2 ? 'de' : 'fr'},${i / 7},${i % 3}`,
    );
    writeFileSync(
      join(dir, 'log.csv'),
      `id,timestamp,user_id,amount,country,served.score,served.count\n${rows.join('\n')}\n`,
    );
    const init = await runCli(['init', '--log', join(dir, 'log.csv'), '--out-dir', dir]);
    const replay = await runCli(['replay', '--config', join(dir, 'lockstep.config.ts'), '--training', 'logged']);
    expect(init.exitCode, init.all).toBe(0);
    const contract = JSON.parse(readFileSync(join(dir, 'log.contract.json'), 'utf8'));
    expect(Object.keys(contract.input.properties)).toEqual(['user_id', 'amount', 'country']);
    expect(contract.features).toMatchObject({ score: { type: 'float' }, count: { type: 'int' } });
    expect(replay.exitCode, replay.all).toBe(0);
    expect(replay.stdout).toContain('read 300  compared 300  invalid 0  errored 0');
  });

  it('drafts from a flat Parquet log (a double column of whole values stays a float) and the draft replays it', async () => {
    const dir = tmp();
    writeWithPyarrow(
      dir,
      `
import os
n = 200
pq.write_table(pa.table({'id': [f'r{i}' for i in range(n)], 'timestamp': [1700000000000 + i for i in range(n)],
                         'user_id': [f'u{i % 20}' for i in range(n)], 'amount': [i * 1.0 for i in range(n)],
                         'served.score': [i / 3 for i in range(n)], 'served.n': [i % 5 for i in range(n)]}),
               os.path.join(out, 'flat.parquet'))
`,
    );
    const init = await runCli(['init', '--log', join(dir, 'flat.parquet'), '--out-dir', dir]);
    const replay = await runCli(['replay', '--config', join(dir, 'lockstep.config.ts'), '--training', 'logged']);
    expect(init.exitCode, init.all).toBe(0);
    const contract = JSON.parse(readFileSync(join(dir, 'flat.contract.json'), 'utf8'));
    expect(contract.input.properties.amount.type).toBe('number');
    expect(contract.features).toMatchObject({ score: { type: 'float' }, n: { type: 'int' } });
    expect(replay.exitCode, replay.all).toBe(0);
    expect(replay.stdout).toContain('read 200  compared 200  invalid 0  errored 0');
  });

  it('drafts contracts (JSON and TS) that accept a log of nested objects, arrays, nulls, 64-bit ints, mixed types and 20.0', async () => {
    const dir = projectWithLockstep();
    const lines = Array.from({ length: 120 }, (_, i) => {
      const input = {
        account: i % 2 ? `${9007199254740993n + BigInt(i)}` : i,
        user: `u${i % 12}`,
        geo: i % 5 ? { lat: i / 3, lon: 2 } : { lat: 1.5 },
        tags: ['a', 'b'].slice(0, i % 3),
        maybe: i % 4 === 0 ? null : 'x',
        mixed: i % 2 ? 's' : 3,
        always_null: null,
        price: `${i}.0`,
      };
      const served = {
        vec: [i, 0.5],
        ratio: i % 7 === 0 ? null : i / 9,
        big: `${9007199254740993n + BigInt(i)}`,
        w: `${i}.0`,
      };
      return JSON.stringify({
        id: `q${i}`,
        timestamp: `2026-03-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        input,
        served,
      }).replace(/"(\d+(?:\.0)?)"/g, '$1'); // numbers written as the text above: 64-bit digits, 20.0
    });
    writeFileSync(join(dir, 'crafted.jsonl'), `${lines.join('\n')}\n`);
    for (const format of ['json', 'ts']) {
      const init = await runCli(['init', '--log', 'crafted.jsonl', '--format', format, '--force'], { cwd: dir });
      const replay = await runCli(['replay', '--training', 'logged'], { cwd: dir });
      expect(init.exitCode, init.all).toBe(0);
      expect(replay.exitCode, replay.all).toBe(0);
      expect(replay.stdout).toContain('read 120  compared 120  invalid 0  errored 0');
    }
    const contract = JSON.parse(readFileSync(join(dir, 'crafted.contract.json'), 'utf8'));
    expect(contract.input.properties.price.type).toBe('number');
    expect(contract.input.properties.mixed.type).toEqual(['integer', 'string']);
    expect(contract.features).toMatchObject({
      vec: { type: 'vector', length: 2 },
      ratio: { type: 'float', nullable: true },
      big: { type: 'int' },
      w: { type: 'float' },
    });
  });

  it('refuses to overwrite without --force (exit 2), and overwrites with it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'lockstep.config.ts'), '// mine\n');
    const refused = await runCli(['init', '--log', LOG, '--out-dir', dir, '--sample', '50']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('lockstep.config.ts already exists; pass --force to overwrite');
    expect(readFileSync(join(dir, 'lockstep.config.ts'), 'utf8')).toBe('// mine\n');
    const forced = await runCli(['init', '--log', LOG, '--out-dir', dir, '--sample', '50', '--force']);
    expect(forced.exitCode, forced.all).toBe(0);
  });

  it('exits 2 naming the file and what is wrong for a log that is not JSON, empty, missing, lacks served values or the named field', async () => {
    const dir = tmp();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const cases: [string, RegExp][] = [
      [write('garbage.jsonl', 'hello\nworld\n'), /log .*garbage\.jsonl: no line is a JSON object \(2 read; line 1: /],
      [write('empty.jsonl', ''), /log .*empty\.jsonl: is empty/],
      [join(dir, 'missing.jsonl'), /log file .*missing\.jsonl does not exist/],
      [write('unserved.jsonl', '{"input":{"a":1}}\n'), /no record has served features under "served"/],
      [
        write('header-only.csv', 'id,amount\n'),
        /log .*header-only\.csv: has no rows: .*one row after the header per record/,
      ],
      [LOG, /--timestamp-field names the log field "logged_at", which no record of .*sample\.jsonl has/],
    ];
    for (const [log, message] of cases) {
      const flags = log === LOG ? ['--timestamp-field', 'logged_at'] : [];
      const result = await runCli(['init', '--log', log, '--out-dir', dir, ...flags]);
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const usage = await runCli(['init', '--out-dir', dir]);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--log <file> is required');
  });
});
