const NANOS = { ms: 1_000_000n, us: 1000n, ns: 1n } as const;
const PER_MS = { ms: 1, us: 1000, ns: 1_000_000 } as const;

/** A timestamp column's unit. @internal */
export type TimeUnit = keyof typeof NANOS;

/**
 * A raw timestamp's instant split into its milliseconds (floor) and the nanoseconds past them: a column's numbers
 * without a bigint.
 * @internal
 */
export function splitInstant(value: number | bigint, unit: TimeUnit): { readonly ms: number; readonly nanos: number } {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const per = PER_MS[unit];
    const within = ((value % per) + per) % per;
    return { ms: (value - within) / per, nanos: within * (1_000_000 / per) };
  }
  const nanos = BigInt(value) * NANOS[unit];
  const ms = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  return { ms: Number(ms), nanos: Number(nanos - ms * 1_000_000n) };
}

/** A raw timestamp as the ISO-8601 text the row path's input holds (what `isoFromNanos` renders). @internal */
export function isoOf(value: number | bigint, unit: TimeUnit): string {
  if (unit === 'ms') {
    const ms = Number(value);
    if (Math.abs(ms) <= 8.64e15) return new Date(ms).toISOString();
  }
  const { ms, nanos } = splitInstant(value, unit);
  const iso = new Date(ms).toISOString();
  if (nanos === 0) return iso;
  const digits = String(nanos).padStart(6, '0');
  return `${iso.slice(0, -1)}${digits.endsWith('000') ? digits.slice(0, 3) : digits}Z`;
}

/** Years 0000–9999: an instant in them renders as `YYYY-MM-DDTHH:mm:ss.sss` and its fraction digits, then `Z`. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/**
 * The form of a raw timestamp's `isoOf` text, without making it: how many fraction digits follow the milliseconds
 * (0, 3 or 6) for an instant in years 0000–9999, whose texts of one form differ only in their digits; undefined for
 * any other instant.
 * @internal
 */
export function isoForm(value: number | bigint, unit: TimeUnit): 0 | 3 | 6 | undefined {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return undefined;
  const { ms, nanos } = splitInstant(value, unit);
  if (!(ms >= MIN_MS && ms <= MAX_MS)) return undefined;
  return nanos === 0 ? 0 : nanos % 1000 === 0 ? 3 : 6;
}
