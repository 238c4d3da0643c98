/**
 * Fixed, data-independent buckets for numeric values: every shard and every worker puts a value in the same bucket,
 * so bucket counts add up exactly when they merge (docs/report-format.md, "Distributions").
 */

/** Sub-buckets per power of two in the log-linear scheme: 2^7 = 128, so a bucket is at most 0.79% of its values. */
export const SUB_BUCKET_BITS = 7;
const SHIFT = 20 - SUB_BUCKET_BITS;
const SUB_BUCKET = 2 ** SHIFT;
/** Width of a timestamp bucket: one hour of epoch milliseconds. */
export const TIMESTAMP_BUCKET_MS = 3_600_000;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the 32-bit word holding a double's sign, exponent and top mantissa bits. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** How a feature's numbers are put in buckets: `log` for int and float, `hour` for timestamps. @public */
export type BucketSchemeName = 'log' | 'hour';

/** A bucket scheme: the bucket of a value (ordered like the values) and a bucket's edges. @internal */
export interface BucketScheme {
  readonly name: BucketSchemeName;
  /** The bucket of a value that is not NaN; bucket numbers are ordered like the values they hold. */
  bucketOf(x: number): number;
  /** The bucket's lower and upper edge. */
  bounds(bucket: number): readonly [lo: number, hi: number];
}

/** |x| >= the returned value for every x in magnitude bucket `m` (sign, exponent, top 7 mantissa bits of a double). */
function magnitudeLower(m: number): number {
  u32[HIGH] = m * SUB_BUCKET;
  u32[1 - HIGH] = 0;
  const v = f64[0] as number;
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}

/**
 * Log-linear buckets, as an HDR histogram: a double's exponent and its top 7 mantissa bits, by sign. Integers up to 128
 * get a bucket each; beyond, a bucket spans 1/128 of its power of two. Zero (and -0) is bucket 0.
 * @internal
 */
export const LOG_LINEAR: BucketScheme = {
  name: 'log',
  bucketOf(x) {
    if (x === 0) return 0;
    f64[0] = x;
    const magnitude = ((u32[HIGH] as number) & 0x7fffffff) >>> SHIFT;
    return x > 0 ? magnitude : -magnitude - 1;
  },
  bounds(bucket) {
    if (bucket >= 0) return [magnitudeLower(bucket), magnitudeLower(bucket + 1)];
    const m = -bucket - 1;
    // + 0: the upper edge of bucket -1 is 0, not -0.
    return [-magnitudeLower(m + 1), -magnitudeLower(m) + 0];
  },
};

/** Hour-wide buckets of epoch milliseconds (log-linear buckets would span weeks at today's epoch). @internal */
export const HOURLY: BucketScheme = {
  name: 'hour',
  bucketOf: (x) => Math.floor(x / TIMESTAMP_BUCKET_MS),
  bounds: (bucket) => [bucket * TIMESTAMP_BUCKET_MS, (bucket + 1) * TIMESTAMP_BUCKET_MS],
};

/** The scheme by its name. @internal */
export function bucketScheme(name: BucketSchemeName): BucketScheme {
  return name === 'hour' ? HOURLY : LOG_LINEAR;
}
