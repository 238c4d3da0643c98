import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { packedTarball } from '../_packed.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
export const FIXTURE = join(ROOT, 'test/fixtures/consumer');

/** The kinds of project a user installs Lockstep into. */
export type ConsumerKind = 'commonjs' | 'module' | 'typescript';

const peers = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
).peerDependencies;

/** The environment consumer commands run in: CI set (nothing written), no colours. */
export const CONSUMER_ENV = { CI: '1', NO_COLOR: '1' };

/** Runs a command in a consumer project (with `env` added to `CONSUMER_ENV`); never throws on a non-zero exit. */
export async function inConsumer(
  dir: string,
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ exitCode: number | undefined; stdout: string; all: string }> {
  const { exitCode, stdout, all } = await execa(command, args, {
    cwd: dir,
    reject: false,
    all: true,
    env: { ...CONSUMER_ENV, ...env },
  });
  return { exitCode, stdout, all };
}

/**
 * A fresh project made the way a user makes one (`npm init -y`, `"type": "module"` for the ESM and TypeScript kinds,
 * TypeScript 5.9 and `tsc --init` defaults in each), with the packed Lockstep tarball and the peer versions its ranges name installed, and
 * the fixture contract, log and vitest file copied in.
 */
export async function createConsumer(kind: ConsumerKind): Promise<string> {
  const tarball = await packedTarball();
  const dir = mkdtempSync(join(tmpdir(), `lockstep-consumer-${kind}-`));
  await execa('npm', ['init', '-y'], { cwd: dir });
  if (kind !== 'commonjs') await execa('npm', ['pkg', 'set', 'type=module'], { cwd: dir });
  for (const file of ['orders.ts', 'orders.log.jsonl', 'parity.test.ts'])
    copyFileSync(join(FIXTURE, file), join(dir, file));
  const packages = [tarball, ...Object.entries(peers).map(([name, range]) => `${name}@${range}`)];
  await execa('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages, 'typescript@~5.9'], {
    cwd: dir,
  });
  await execa('npx', ['tsc', '--init'], { cwd: dir });
  if (kind === 'typescript') copyFileSync(join(FIXTURE, 'types-check.ts'), join(dir, 'types-check.ts'));
  return dir;
}
