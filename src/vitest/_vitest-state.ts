import type { UpdateMode } from '../snapshot/corpus-entry.ts';

/** What `lockstep/vitest` follows of the vitest run it is called in: its project root and snapshot update state. */
export interface VitestState {
  readonly root?: string;
  readonly update?: UpdateMode;
}

/** vitest's per-worker state: present only while a vitest worker runs tests. */
interface WorkerState {
  readonly config?: { readonly root?: unknown };
}

/** What @vitest/snapshot's SnapshotState says of `-u`: the public getter (vitest 4), else the field before it. */
interface SnapshotStateLike {
  readonly snapshotUpdateState?: unknown;
  readonly _updateSnapshot?: unknown;
}

const isMode = (value: unknown): value is UpdateMode => value === 'all' || value === 'new' || value === 'none';

/**
 * The vitest project root and update mode (`all` under `vitest -u`, `none` on CI, else `new`: vitest's own rule for
 * snapshots) when called inside a vitest test; `{}` outside vitest (vitest is then not even imported), where the
 * caller falls back to the `CI` environment variable.
 * @internal
 */
export async function vitestState(): Promise<VitestState> {
  const worker = (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;
  if (worker === undefined) return {};
  const root = typeof worker.config?.root === 'string' ? worker.config.root : undefined;
  let update: UpdateMode | undefined;
  try {
    const { expect } = await import('vitest');
    const snapshot = expect.getState().snapshotState as unknown as SnapshotStateLike | undefined;
    const mode = snapshot?.snapshotUpdateState ?? snapshot?._updateSnapshot;
    if (isMode(mode)) update = mode;
  } catch {
    // vitest is an optional peer: not resolvable from here means there is no update state to follow.
  }
  return { ...(root === undefined ? {} : { root }), ...(update === undefined ? {} : { update }) };
}
