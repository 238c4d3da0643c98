import { SkewError } from '../errors.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import type { Side, SideOutcome, SideRecord } from '../implementations/side.ts';
import type { SideFactory } from './fuzz-result.ts';

/**
 * One side for the length of a fuzz run: an instance is started once and reused for every case (an out-of-process
 * side costs one child session); a factory makes a fresh side per case. `compute` never throws for a case: a side
 * that throws or answers malformed fails the case's records, which become `error` divergences.
 * @internal
 */
export class SideSession {
  private started = false;

  private constructor(
    private readonly name: string,
    private readonly source: Side | SideFactory,
    readonly shape: Side['shape'],
    readonly description: string,
  ) {}

  /** Opens a session; a factory is called once to learn its shape and description. */
  static async open(name: string, source: Side | SideFactory): Promise<SideSession> {
    const probe = typeof source === 'function' ? await source() : source;
    if (probe === null || typeof probe !== 'object' || typeof probe.compute !== 'function') {
      throw new SkewError('SKEW_USAGE', `fuzzContract: the ${name} side is not a side (an object with compute)`);
    }
    const description = typeof source === 'function' ? `${probe.description} (fresh per case)` : probe.description;
    return new SideSession(name, source, probe.shape, description);
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    if (typeof this.source !== 'function') {
      if (!this.started) {
        this.started = true;
        await this.source.start?.();
      }
      return computeSafely(this.source, this.name, batch);
    }
    const side = await this.source();
    await side.start?.();
    try {
      return await computeSafely(side, this.name, batch);
    } finally {
      await side.close?.();
    }
  }

  async close(): Promise<void> {
    if (typeof this.source !== 'function' && this.started) await this.source.close?.();
  }
}
