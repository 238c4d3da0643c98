import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ConsumerKind, createConsumer, FIXTURE, inConsumer } from './_consumer.ts';

// Lockstep as users get it: `npm pack`, installed into fresh projects of each kind. Slow (npm installs), never timed.
const SLOW = 600_000;

/** Config flavours each kind of project must load, and the fixture each is copied from. */
const CONFIGS: Record<ConsumerKind, Record<string, string>> = {
  commonjs: {
    'lockstep.config.ts': 'esm.config.ts',
    'lockstep.config.mts': 'esm.config.ts',
    'lockstep.config.cts': 'esm.config.ts',
    'lockstep.config.js': 'cjs.config.js',
    'lockstep.config.mjs': 'esm.config.ts',
    'lockstep.config.cjs': 'cjs.config.js',
  },
  module: {
    'lockstep.config.ts': 'esm.config.ts',
    'lockstep.config.mts': 'esm.config.ts',
    'lockstep.config.cts': 'esm.config.ts',
    'lockstep.config.js': 'esm.config.ts',
    'lockstep.config.mjs': 'esm.config.ts',
    'lockstep.config.cjs': 'cjs.config.js',
  },
  typescript: { 'lockstep.config.ts': 'esm.config.ts' },
};

/** The project's Python (pandas, pyarrow), for a consumer's frame sides. */
const PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));

/** The planted bug, as the terminal report names it. */
const PLANTED = /amount_rounded · value/;

describe.each(['commonjs', 'module', 'typescript'] as const)('installed into a fresh %s project', (kind) => {
  let dir = '';
  beforeAll(async () => {
    dir = await createConsumer(kind);
  }, SLOW);

  it('npx lockstep --version names the installed version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    const result = await inConsumer(dir, 'npx', ['lockstep', '--version']);
    expect(result.stdout).toBe(`lockstep ${version} (Node ${process.version})`);
    expect(result.exitCode).toBe(0);
  });

  it('plain node imports the API (import, and require)', async () => {
    const imported = await inConsumer(dir, 'node', [
      '--input-type=module',
      '-e',
      "const l = await import('lockstep'); const v = await import('lockstep/vitest'); console.log(typeof l.defineContract, typeof l.runReplay, typeof v.parity)",
    ]);
    expect(imported.all).toBe('function function function');
    const required = await inConsumer(dir, 'node', [
      '-e',
      "const l = require('lockstep'); const v = require('lockstep/vitest'); console.log(typeof l.defineContract, typeof l.recordSide, typeof v.checkParity)",
    ]);
    expect(required.all).toBe('function function function');
  });

  it.each(Object.keys(CONFIGS[kind]))(
    'npx lockstep replay --config %s names the planted bug and exits 1',
    async (config) => {
      copyFileSync(join(FIXTURE, CONFIGS[kind][config] as string), join(dir, config));
      try {
        const result = await inConsumer(dir, 'npx', ['lockstep', 'replay', '--config', config]);
        expect(result.all).toMatch(PLANTED);
        expect(result.exitCode).toBe(1);
      } finally {
        rmSync(join(dir, config));
      }
    },
    SLOW,
  );

  it(
    'finds lockstep.config.ts by itself and runs it on 2 worker threads (--workers 2)',
    async () => {
      copyFileSync(join(FIXTURE, 'esm.config.ts'), join(dir, 'lockstep.config.ts'));
      const result = await inConsumer(dir, 'npx', ['lockstep', 'replay', '--workers', '2']);
      expect(result.all).toContain('2 worker threads');
      expect(result.all).toMatch(PLANTED);
      expect(result.exitCode).toBe(1);
    },
    SLOW,
  );

  it(
    'npx lockstep replay --reporter html writes one page with Chart.js inlined from the installed package',
    async () => {
      copyFileSync(join(FIXTURE, CONFIGS[kind]['lockstep.config.ts'] as string), join(dir, 'lockstep.config.ts'));
      try {
        const result = await inConsumer(dir, 'npx', [
          'lockstep',
          'replay',
          '--reporter',
          'html',
          '--output-dir',
          'html',
        ]);
        expect(result.exitCode).toBe(1);
        const page = readFileSync(join(dir, 'html', 'lockstep-report.html'), 'utf8');
        expect(page).toContain('Chart.js v4');
        expect(page).toContain('<script type="application/json" id="lockstep-charts">');
      } finally {
        rmSync(join(dir, 'lockstep.config.ts'));
        rmSync(join(dir, 'html'), { recursive: true, force: true });
      }
    },
    SLOW,
  );

  // Arrow, hyparquet and execa are bundled into dist/, not installed: a frame side reading a Parquet log runs on them.
  // One kind of project is enough (the config is TypeScript in each); the other kinds do not register it at all.
  const inModuleProject = kind === 'module' ? it : undefined;
  inModuleProject?.(
    'a Parquet log between two pandas frame sides goes column by column, on the code the package bundles',
    async () => {
      for (const file of ['orders_frames.py', 'orders.parquet']) copyFileSync(join(FIXTURE, file), join(dir, file));
      copyFileSync(join(FIXTURE, 'columnar.config.ts'), join(dir, 'lockstep.config.ts'));
      try {
        const python = join(dir, 'node_modules/lockstep/python');
        const result = await inConsumer(
          dir,
          'npx',
          ['lockstep', 'replay', '--reporter', 'default', '--reporter', 'json', '--output-dir', 'columnar'],
          { LOCKSTEP_TEST_PYTHON: PYTHON, PYTHONPATH: python },
        );
        expect(result.all).toMatch(PLANTED);
        expect(result.exitCode).toBe(1);
        const report = JSON.parse(readFileSync(join(dir, 'columnar', 'lockstep-report.json'), 'utf8')).reports[0];
        expect(report.columnar).toEqual({ used: true });
        expect(report.counts).toMatchObject({ read: 16, compared: 16, errored: 0, diverged: 3 });
        for (const bundled of ['apache-arrow', 'hyparquet', 'execa'])
          expect(existsSync(join(dir, 'node_modules', bundled)), bundled).toBe(false);
        const notices = readFileSync(join(dir, 'node_modules/lockstep/dist/THIRD-PARTY-NOTICES.md'), 'utf8');
        for (const name of ['apache-arrow', 'hyparquet', 'execa', 'flatbuffers', 'cross-spawn'])
          expect(notices).toContain(`## ${name} `);
      } finally {
        rmSync(join(dir, 'lockstep.config.ts'));
        rmSync(join(dir, 'columnar'), { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'a vitest file using lockstep/vitest finds the bug',
    async () => {
      const result = await inConsumer(dir, 'npx', ['vitest', 'run', 'parity.test.ts']);
      expect(result.all).toContain('2 passed');
      expect(result.exitCode).toBe(0);
    },
    SLOW,
  );

  it(
    'tsc --noEmit with tsc --init defaults: no type error from Lockstep',
    async () => {
      const result = await inConsumer(dir, 'npx', ['tsc', '--noEmit']);
      const errors = (result.stdout.match(/^.*error TS\d+.*$/gm) ?? []) as string[];
      if (kind === 'commonjs') {
        // ESM syntax in .ts files of a CommonJS package is the consumer's own choice under verbatimModuleSyntax
        // (TS1286/TS1287/TS1295); every other error would be a type error, and there must be none.
        expect(errors.filter((e) => !/error TS(1286|1287|1295):/.test(e))).toEqual([]);
      } else {
        expect(errors).toEqual([]);
        expect(result.exitCode).toBe(0);
      }
      // With the shipped .d.ts checked too (no skipLibCheck): nothing in Lockstep's types leans on Node's global
      // types, which a `"types": []` project does not load (errors inside other packages' .d.ts are theirs).
      const strict = await inConsumer(dir, 'npx', ['tsc', '--noEmit', '--skipLibCheck', 'false']);
      expect(strict.stdout.split('\n').filter((l) => l.startsWith('node_modules/lockstep/'))).toEqual([]);
    },
    SLOW,
  );
});
