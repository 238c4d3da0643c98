import { execa } from 'execa';

const BIN = new URL('../../bin/lockstep.js', import.meta.url).pathname;

/** Runs the real `lockstep` binary as a child process; never throws on a non-zero exit. */
export async function runCli(args: readonly string[], options: { cwd?: string } = {}) {
  return await execa('node', [BIN, ...args], { reject: false, all: true, env: { NO_COLOR: '1', CI: '1' }, ...options });
}
