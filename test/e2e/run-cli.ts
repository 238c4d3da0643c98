import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';

const ENTRY = new URL('./cli-from-source.ts', import.meta.url).pathname;
// tsx's loader by absolute URL, so that the CLI also starts in a working directory outside this repository.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** This repository's root (wherever it is cloned, a temporary directory included). */
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The commands that append to the run history by default (lockstep-report/history.jsonl in the working directory). */
const WRITES_HISTORY = new Set(['replay', 'check', 'merge']);

/**
 * The arguments with a history file of their own when the command would append to the default one inside this
 * repository (a test run from the repository or one of its fixture folders): the tests leave no history behind, and no
 * run reads another test's runs. A test of the history itself runs in a temporary directory, or names its file.
 */
function ownHistory(args: readonly string[], cwd: string | undefined): readonly string[] {
  const at = resolve(cwd ?? '.');
  const inRepo = at === REPO || at.startsWith(`${REPO}${sep}`);
  const named = args.some((a) => a === '--history' || a.startsWith('--history=') || a === '--no-history');
  if (!inRepo || named || !WRITES_HISTORY.has(args[0] ?? '')) return args;
  return [...args, '--history', join(mkdtempSync(join(tmpdir(), 'lockstep-test-history-')), 'history.jsonl')];
}

/** Runs the `lockstep` CLI from its sources as a child process; never throws on a non-zero exit. */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const { env, ...rest } = options;
  return await execa('node', ['--import', TSX, ENTRY, ...ownHistory(args, options.cwd)], {
    reject: false,
    all: true,
    env: { NO_COLOR: '1', CI: '1', ...env },
    ...rest,
  });
}
