import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

const ENTRY = new URL('./cli-from-source.ts', import.meta.url).pathname;
// tsx's loader by absolute URL, so that the CLI also starts in a working directory outside this repository.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs the `lockstep` CLI from its sources as a child process; never throws on a non-zero exit. */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const { env, ...rest } = options;
  return await execa('node', ['--import', TSX, ENTRY, ...args], {
    reject: false,
    all: true,
    env: { NO_COLOR: '1', CI: '1', ...env },
    ...rest,
  });
}
