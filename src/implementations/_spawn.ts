import type { Readable, Writable } from 'node:stream';
import type { execa as Execa } from 'execa';
import { SkewError } from '../errors.ts';
import type { SideShape } from './side.ts';

/** How to start one child and how long it may take. @internal */
export interface ChildSpec {
  readonly command: readonly string[];
  readonly display: string;
  readonly shape: SideShape;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly startupTimeoutMs: number;
}

/** The parts of execa's result that say how a child ended. @internal */
export interface ExitInfo {
  /** How it ended, when neither a code nor a signal is known (a forked child whose parent had ended). */
  readonly phrase?: string | undefined;
  readonly signal?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly originalMessage?: string | undefined;
  readonly shortMessage?: string | undefined;
}

let execa: typeof Execa | undefined;

/** The parts of a running child (execa's subprocess) that a protocol child uses. @internal */
export interface ChildProcess extends Promise<ExitInfo> {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal?: NodeJS.Signals): boolean;
}

/**
 * Loads execa on first use: it is an ES module only, and a static import would keep Lockstep's CommonJS build from
 * being required. Called before the first child is spawned.
 * @internal
 */
export async function loadExeca(): Promise<void> {
  execa ??= (await import('execa')).execa;
}

/** A running child with descriptors past stderr: `stdio[3]` onwards, each a socket both ways. @internal */
export interface ChildWithPipes extends ChildProcess {
  readonly stdio: readonly unknown[];
}

/**
 * Starts the command directly (never through a shell) with piped stdio and no output buffering; `extraPipes` more
 * descriptors (3, 4, …) and `env` on top of the spec's.
 * @internal
 */
export function spawnChild(
  spec: ChildSpec,
  extraPipes = 0,
  env: Readonly<Record<string, string>> = {},
): ChildWithPipes {
  if (execa === undefined) throw new SkewError('SKEW_INTERNAL', 'spawnChild: execa is not loaded (loadExeca first)');
  const [file, ...args] = spec.command;
  const allEnv = { ...spec.env, ...env };
  return execa(file ?? '', args, {
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    ...(Object.keys(allEnv).length === 0 ? {} : { env: allEnv }),
    buffer: false,
    reject: false,
    stdio: ['pipe', 'pipe', 'pipe', ...Array.from({ length: extraPipes }, () => 'pipe' as const)],
  });
}

/** How a child ended, as a phrase: `exited with code 3`, `was killed by SIGKILL`. @internal */
export function describeExit(result: ExitInfo): string {
  if (result.phrase !== undefined) return result.phrase;
  if (result.signal !== undefined) return `was killed by ${result.signal}`;
  if (result.exitCode !== undefined) return `exited with code ${result.exitCode}`;
  return `could not be started (${result.originalMessage || result.shortMessage || 'unknown error'})`;
}

/** Resolves `undefined` if the child is still running after `graceMs`, else how it ended. @internal */
export async function stillRunningAfter(exit: Promise<ExitInfo>, graceMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const alive = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), graceMs);
  });
  const outcome = await Promise.race([alive, exit.then(describeExit)]);
  clearTimeout(timer);
  return outcome;
}
