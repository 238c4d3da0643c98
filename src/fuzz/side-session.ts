import { SkewError } from '../errors.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import type { Side, SideOutcome, SideRecord } from '../implementations/side.ts';
import type { SideFactory } from './fuzz-result.ts';

/**
 * One side for the length of a fuzz run, with explicit ownership:
 * - a **factory** makes a fresh side per case; every side it makes is Lockstep's, so the session starts and closes
 *   each one (the side made to learn the shape serves the first case, or is closed unused by `close()`);
 * - an **instance** belongs to the caller: the session calls its `start()` (which must be idempotent, as
 *   `commandSide`'s is) before the first case and never closes it, so the same instance can serve several runs and
 *   be used afterwards. Whoever created it closes it (e.g. in `afterAll`); the CLI closes the sides it resolved.
 *   An instance with `reset` is reset before every case, so a stateful side (an online store) starts each case empty.
 *
 * `compute` never throws for a case: a side that throws or answers malformed fails the case's records, which become
 * `error` divergences.
 * @internal
 */
export class SideSession {
  private started = false;

  private constructor(
    private readonly name: string,
    private readonly source: Side | SideFactory,
    readonly shape: Side['shape'],
    readonly description: string,
    /** A side the factory made to learn the shape, not used yet. */
    private spare: Side | undefined,
  ) {}

  /** Opens a session; a factory is called once to learn its shape and description. */
  static async open(name: string, source: Side | SideFactory): Promise<SideSession> {
    const probe = typeof source === 'function' ? await source() : source;
    if (probe === null || typeof probe !== 'object' || typeof probe.compute !== 'function') {
      throw new SkewError('SKEW_USAGE', `fuzzContract: the ${name} side is not a side (an object with compute)`);
    }
    if (typeof source !== 'function') return new SideSession(name, source, probe.shape, probe.description, undefined);
    return new SideSession(name, source, probe.shape, `${probe.description} (fresh per case)`, probe);
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    if (typeof this.source !== 'function') {
      if (!this.started) {
        this.started = true;
        await this.source.start?.();
      }
      await this.source.reset?.(); // each case starts from a cleared state when the side can reset
      return computeSafely(this.source, this.name, batch);
    }
    const side = this.spare ?? (await this.source());
    this.spare = undefined;
    try {
      await side.start?.();
      return await computeSafely(side, this.name, batch);
    } finally {
      await side.close?.();
    }
  }

  /** Ends the session: closes the factory's unused side, if any; never closes a caller's instance. */
  async close(): Promise<void> {
    const spare = this.spare;
    this.spare = undefined;
    await spare?.close?.();
  }
}
