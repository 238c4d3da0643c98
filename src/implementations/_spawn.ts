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

/** Starts the command directly (never through a shell) with piped stdio and no output buffering. @internal */
export function spawnChild(spec: ChildSpec): ChildProcess {
  if (execa === undefined) throw new SkewError('SKEW_INTERNAL', 'spawnChild: execa is not loaded (loadExeca first)');
  const [file, ...args] = spec.command;
  return execa(file ?? '', args, {
    ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }),
    ...(spec.env === undefined ? {} : { env: spec.env }),
    buffer: false,
    reject: false,
    stdin: 'pipe',
  });
}

/** How a child ended, as a phrase: `exited with code 3`, `was killed by SIGKILL`. @internal */
export function describeExit(result: ExitInfo): string {
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
