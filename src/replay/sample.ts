import { SkewError } from '../errors.ts';

/** One shard of a run: entities whose routing hash mod `count` is `index` (0-based). @public */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Which lines of the logs a run replays: its shard (`--shard i/n`) and its sample (`--sample <rate>`). Both are decided
 * by the line's routing key alone (its entity, else its record id, else its byte offset), so a run keeps an entity's
 * whole history or none of it, and sampling then sharding keeps the same lines as sharding then sampling.
 * @public
 */
export interface LineSelection {
  readonly shard?: Shard;
  /** The share of entities kept, in (0, 1]; absent (or 1): every entity. */
  readonly sample?: number;
}

/** What a selection does with one line: replay it, leave it to another shard, or leave it out of the sample. */
export type Selected = 'keep' | 'other-shard' | 'sampled-out';

/** 2^32: the sample hash is a 32-bit unsigned integer, kept when below `rate * 2^32`. */
const HASH_RANGE = 0x1_0000_0000;
const SEED = 0x5a17_e5a3;

/**
 * The sample hash of a routing key: MurmurHash3 (x86, 32-bit) of its UTF-8 bytes with a fixed seed. A different
 * function from the FNV-1a hash shards and partitions use (`hashKeyBytes`), so whether an entity is in the sample says
 * nothing of its shard: each shard of a sample holds about `rate` of the shard's entities. Integer arithmetic only, so
 * the same on every machine.
 * @param key - the routing key's bytes
 * @internal
 */
export function sampleHash(key: Uint8Array): number {
  return murmur3(key, SEED);
}

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's reference), of `key` with `seed`.
 * @internal
 */
export function murmur3(key: Uint8Array, seed: number): number {
  let h = seed | 0;
  const tail = key.length & ~3;
  for (let i = 0; i < tail; i += 4) {
    const k =
      (key[i] as number) |
      ((key[i + 1] as number) << 8) |
      ((key[i + 2] as number) << 16) |
      ((key[i + 3] as number) << 24);
    h ^= mixK(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe654_6b64) | 0;
  }
  const rest = key.length & 3;
  if (rest > 0) {
    let k = 0;
    for (let i = rest - 1; i >= 0; i--) k = (k << 8) | (key[tail + i] as number);
    h ^= mixK(k);
  }
  h ^= key.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixK(k: number): number {
  let m = Math.imul(k, 0xcc9e_2d51);
  m = (m << 15) | (m >>> 17);
  return Math.imul(m, 0x1b87_3593);
}

/**
 * Whether a routing key is in a sample of `rate`: its sample hash falls below `rate` of the hash range.
 * @param key - the routing key's bytes
 * @param rate - the share kept, in (0, 1]
 * @internal
 */
export function inSample(key: Uint8Array, rate: number): boolean {
  return rate >= 1 || sampleHash(key) < rate * HASH_RANGE;
}

/**
 * What a selection does with the line of routing key `key`, whose shard hash (`hashKeyBytes(key)`) is `hash`: another
 * shard's lines are not looked at further; this shard's lines outside the sample are left out.
 * @internal
 */
export function selectLine(key: Uint8Array, hash: number, selection: LineSelection): Selected {
  const { shard, sample } = selection;
  if (shard !== undefined && hash % shard.count !== shard.index) return 'other-shard';
  return sample === undefined || inSample(key, sample) ? 'keep' : 'sampled-out';
}

/**
 * Whether a selection keeps every line, so that a stage need not read routing keys for it.
 * @internal
 */
export function selectsAll(selection: LineSelection): boolean {
  return selection.shard === undefined && (selection.sample === undefined || selection.sample >= 1);
}

/**
 * Checks a sample rate: a number in (0, 1] (or its text, as a flag gives it). A rate of 1 keeps every entity.
 * @param rate - the rate asked for
 * @param api - the API or flag named in the message
 * @throws SkewError `SKEW_USAGE` for anything else
 * @remarks Since 0.1
 * @public
 */
export function checkSampleRate(rate: number | string, api: string): number {
  const n = typeof rate === 'number' ? rate : /^\s*$/.test(rate) ? Number.NaN : Number(rate);
  if (!Number.isFinite(n) || n <= 0 || n > 1) {
    throw new SkewError(
      'SKEW_USAGE',
      `${api}: the sample rate must be a number with 0 < rate <= 1 (e.g. 0.1 for 10% of entities); got ${JSON.stringify(String(rate))}`,
    );
  }
  return n;
}
