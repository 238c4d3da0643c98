import { constants } from 'node:os';
import type { Duplex, Readable } from 'node:stream';
import { frameHeader } from './_frame-wire.ts';
import { type ChildProcess, type ChildSpec, type ExitInfo, spawnChild } from './_spawn.ts';

/** The variable that asks a frame side to fork its children: one `data:stderr` descriptor pair per child. */
const FORK_ENV = 'LOCKSTEP_FRAME_FORK';
const PROBE = Buffer.from('lockstep-fork-probe');

const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/**
 * The children of a frame side forked from one process after its imports (docs/protocol.md, "Forked children"):
 * `lockstep_side.serve_arrow` forks them on descriptor pairs Lockstep opened, and the process that forked them
 * reports each one's pid and, as each ends, its exit status. Each child is used like a spawned one: stdin and stdout
 * are its data socket, stderr its own (the first child's is the parent's, which also carries anything the program
 * wrote before it forked), `kill` signals its pid.
 * @internal
 */
export class ForkedChildren {
  private constructor(
    private readonly parent: ChildProcess,
    readonly children: readonly ChildProcess[],
  ) {}

  /**
   * Starts the program once and asks it to fork `count` children. Resolves `undefined` when it does not (it declined,
   * as a polars side does; it is not `serve_arrow`, or an older one, which answers the probe a forking side ignores;
   * it stopped or said nothing within the start-up timeout): the caller then spawns each child itself.
   */
  static async start(spec: ChildSpec, count: number): Promise<ForkedChildren | undefined> {
    // Child 0 talks on descriptor 3 and writes to the parent's stderr; child i ≥ 1 on 2i + 2 and 2i + 3.
    const pairs = Array.from({ length: count }, (_, i) => (i === 0 ? [3, 2] : [2 * i + 2, 2 * i + 3]));
    const parent = spawnChild(spec, 2 * count - 1, { [FORK_ENV]: pairs.map((p) => p.join(':')).join(',') });
    parent.stdin.on('error', () => {});
    // A side that is not forking reads this reset and answers it (or ends): either way it is not forking.
    parent.stdin.end(Buffer.concat([frameHeader('R', PROBE.length), PROBE]));
    const sockets = parent.stdio as readonly (Duplex | undefined)[];
    const status = new StatusLines(parent.stdout);
    const pids = await Promise.race([
      status.forked(count),
      parent.then(() => undefined),
      timeout(spec.startupTimeoutMs),
    ]);
    if (pids === undefined) {
      parent.kill('SIGKILL');
      for (const socket of sockets.slice(3)) socket?.destroy();
      await parent;
      return undefined;
    }
    const children = pids.map((pid, i) => {
      const [data, err] = pairs[i] as [number, number];
      const socket = sockets[data] as Duplex;
      const stderr = (err === 2 ? parent.stderr : sockets[err]) as Readable;
      return forkedChild(pid, socket, stderr, status.exitOf(pid, socket));
    });
    return new ForkedChildren(parent, children);
  }

  /** Waits for the parent to end once its children have (SIGKILL after `graceMs`). */
  async close(graceMs: number): Promise<void> {
    const timer = setTimeout(() => this.parent.kill('SIGKILL'), graceMs);
    await this.parent;
    clearTimeout(timer);
  }
}

function forkedChild(pid: number, data: Duplex, stderr: Readable, exit: Promise<ExitInfo>): ChildProcess {
  const kill = (signal: NodeJS.Signals = 'SIGTERM'): boolean => {
    try {
      return process.kill(pid, signal);
    } catch {
      return false; // it has ended already
    }
  };
  return Object.assign(exit, { stdin: data, stdout: data, stderr, kill });
}

function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}

/** The forking parent's stdout: `fork <index> <pid>`, `exit <pid> <code>` (negative: a signal), `fork declined <why>`. */
class StatusLines {
  private partial = '';
  private readonly pids: number[] = [];
  private readonly exits = new Map<number, ExitInfo>();
  private readonly waiting = new Map<number, (exit: ExitInfo) => void>();
  /** Children whose socket has closed: once the parent has ended too, they have ended. */
  private readonly closed = new Set<number>();
  private notForking = false;
  private ended = false;
  private onChange: () => void = () => {};

  constructor(stdout: Readable) {
    stdout.setEncoding('latin1');
    stdout.on('data', (chunk: string) => this.push(chunk));
    stdout.on('close', () => this.end());
  }

  /** The children's pids once all `count` are forked; `undefined` when the program does not fork. */
  forked(count: number): Promise<number[] | undefined> {
    return new Promise((resolve) => {
      this.onChange = () => {
        if (this.notForking || this.ended) resolve(undefined);
        else if (this.pids.length >= count) resolve(this.pids.slice(0, count));
      };
      this.onChange();
    });
  }

  /** How the child `pid` ended, as its parent saw it; if the parent ends first, "stopped" once its socket closes. */
  exitOf(pid: number, socket: Duplex): Promise<ExitInfo> {
    return new Promise((resolve) => {
      const known = this.exits.get(pid);
      if (known !== undefined) return resolve(known);
      this.waiting.set(pid, resolve);
      socket.on('close', () => {
        this.closed.add(pid);
        if (this.ended) this.settle(pid, unknownExit());
      });
    });
  }

  private push(chunk: string): void {
    if (this.pids.length === 0 && this.partial === '' && !chunk.startsWith('f')) {
      this.notForking = true; // a frame message (the probe's answer) or anything else: not a forking side
      this.onChange();
      return;
    }
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const [word, a, b] = line.split(' ');
      const pid = Number(b);
      if (word === 'fork' && a === 'declined') this.notForking = true;
      else if (word === 'fork' && Number.isSafeInteger(pid) && pid > 0) this.pids.push(pid);
      else if (word === 'fork')
        this.notForking = true; // not a pid: the program is not forking as asked
      else if (word === 'exit') this.settle(Number(a), exitInfo(Number(b)));
    }
    this.onChange();
  }

  private end(): void {
    this.ended = true;
    for (const pid of this.closed) if (this.waiting.has(pid)) this.settle(pid, unknownExit());
    this.onChange();
  }

  private settle(pid: number, exit: ExitInfo): void {
    const resolve = this.waiting.get(pid);
    if (resolve === undefined) {
      this.exits.set(pid, exit);
      return;
    }
    this.waiting.delete(pid);
    resolve(exit);
  }
}

function exitInfo(code: number): ExitInfo {
  return code < 0 ? { signal: SIGNAL_NAMES.get(-code) ?? `signal ${-code}` } : { exitCode: code };
}

function unknownExit(): ExitInfo {
  return { phrase: 'stopped (its exit status is unknown: the process it was forked from had ended)' };
}
