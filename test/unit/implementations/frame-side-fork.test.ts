import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { frameSide } from '../../../src/implementations/frame-side.ts';
import type { Side, SideRecord } from '../../../src/implementations/side.ts';
import { closedAfterEach, errorOf, featuresOf, VENV_PYTHON } from './_helpers.ts';

const open = closedAfterEach();

const PYTHON = VENV_PYTHON;
const WHOAMI = fileURLToPath(new URL('../../fixtures/frame-sides/whoami.py', import.meta.url));

const contract = defineContract({
  name: 'whoami',
  version: '1',
  entity: 'card',
  input: z.object({ card: z.string(), action: z.string().optional() }),
  features: { pid: { type: 'int' }, ppid: { type: 'int' } },
});

function batch(first: number, inputs: readonly Record<string, unknown>[]): SideRecord[] {
  return inputs.map((input, i) => ({
    id: String(first + i),
    line: first + i,
    entity: String(input.card),
    timestamp: 1_700_000_000_000 + i,
    input,
  }));
}

const whoami = (library: string, extra: { fork?: boolean; timeoutMs?: number } = {}) =>
  open(frameSide({ command: [PYTHON, WHOAMI, library], contract, concurrency: 2, ...extra }));

/** Which processes answered two batches sent together (one per child). */
async function answerers(side: Side) {
  const outcomes = await Promise.all([
    side.compute(batch(1, [{ card: 'a' }, { card: 'b' }])),
    side.compute(batch(3, [{ card: 'c' }])),
  ]);
  return outcomes.flat().map((o) => featuresOf(o) as { pid: number; ppid: number });
}

describe('frameSide with more than one child', () => {
  it('with fork: true, forks a pandas side’s children from one process after its imports', async () => {
    const rows = await answerers(whoami('pandas', { fork: true }));

    const pids = new Set(rows.map((r) => r.pid));
    const parents = new Set(rows.map((r) => r.ppid));
    expect(pids.size).toBe(2);
    expect(parents.size).toBe(1);
    expect(parents.has(process.pid)).toBe(false); // their parent is the forking process, not Lockstep
  });

  it('spawns each child itself by default, and for a polars side, which declines to be forked', async () => {
    for (const side of [whoami('pandas'), whoami('polars', { fork: true })]) {
      const rows = await answerers(side);

      expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
      expect(rows.every((r) => r.ppid === process.pid)).toBe(true);
    }
  });

  it('spawns each child itself when the program does not know how to fork (it answers the probe, or ends on it)', async () => {
    // `env -u` hides the request: serve_arrow then behaves as a side that predates forking.
    const side = open(
      frameSide({
        command: ['env', '-u', 'LOCKSTEP_FRAME_FORK', PYTHON, WHOAMI, 'pandas'],
        contract,
        concurrency: 2,
        fork: true,
      }),
    );

    const rows = (
      await Promise.all([side.compute(batch(1, [{ card: 'a' }])), side.compute(batch(2, [{ card: 'b' }]))])
    ).flat();

    const answers = rows.map((o) => featuresOf(o) as { pid: number; ppid: number });
    expect(new Set(answers.map((r) => r.pid)).size).toBe(2);
    expect(answers.every((r) => r.ppid === process.pid)).toBe(true);
  });

  it('spawns each child itself when the forking process reports pids that are not pids', async () => {
    // Asked to fork, it says it forked two children with garbage for pids and lingers; else it is a plain side.
    const script = `if [ -n "$LOCKSTEP_FRAME_FORK" ]; then printf 'fork 0 x\\nfork 1 -3\\n'; exec sleep 60; fi; exec "$0" "$@"`;
    const side = open(
      frameSide({ command: ['sh', '-c', script, PYTHON, WHOAMI, 'pandas'], contract, concurrency: 2, fork: true }),
    );

    const rows = await answerers(side);

    expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
    expect(rows.every((r) => r.ppid === process.pid)).toBe(true);
  });

  it('reports a forked child that crashes with its exit code and stderr, and replaces it', async () => {
    const side = whoami('pandas', { fork: true });
    await answerers(side); // both children have started and answered

    const [crashed] = await side.compute(batch(10, [{ card: 'a', action: 'crash' }]));
    const after = await answerers(side);

    expect(errorOf(crashed)).toMatch(/whoami\.py pandas exited with code 3 while computing this record's batch/);
    expect(errorOf(crashed)).toMatch(/whoami\.py: pid \d+ asked to crash/);
    expect(after).toHaveLength(3);
    expect(side.drainDiagnostics?.()).toEqual([
      expect.objectContaining({
        kind: 'restart',
        message: expect.stringContaining('exited with code 3; restarting it'),
      }),
    ]);
  });

  it('kills a forked child that hangs, by its own pid', async () => {
    const side = whoami('pandas', { fork: true, timeoutMs: 1500 });
    await answerers(side);

    const [hung] = await side.compute(batch(10, [{ card: 'a', action: 'hang' }]));

    expect(errorOf(hung)).toMatch(/gave no answer within the timeout \(1500 ms\) and was killed/);
    const pid = Number(/pid (\d+) asked to hang/.exec(errorOf(hung) ?? '')?.[1]);
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    expect(await answerers(side)).toHaveLength(3); // the side goes on with a fresh child
  }, 60_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
