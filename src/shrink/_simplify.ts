/**
 * Simpler alternatives of one value, simplest first, for greedy input minimisation. Validity is not checked here:
 * the contract's input schema decides which alternatives are legal.
 */

/** Marks "drop this key" among the alternatives. @internal */
export const ABSENT: unique symbol = Symbol('absent');

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

function* chunksRemoved<T>(items: readonly T[]): Generator<T[]> {
  const n = items.length;
  if (n === 0) return;
  yield [];
  if (n > 1) {
    yield items.slice(0, Math.ceil(n / 2));
    yield items.slice(Math.ceil(n / 2));
  }
  for (let k = Math.floor(n / 4); k >= 1; k = Math.floor(k / 2)) {
    for (let i = 0; i + k <= n; i += k) yield [...items.slice(0, i), ...items.slice(i + k)];
    if (k === 1) break;
  }
  if (n > 1 && n < 4) for (let i = 0; i < n; i++) yield [...items.slice(0, i), ...items.slice(i + 1)];
}

function* datetimes(s: string): Generator<string> {
  const m = ISO.exec(s);
  if (m === null) return;
  const [, date, time, fraction, zone = ''] = m;
  yield `${date}T00:00:00${zone}`;
  if (fraction !== undefined) yield `${date}T${time}${zone}`;
  const ms = Date.parse(s);
  if (Number.isFinite(ms) && zone !== 'Z') yield new Date(ms).toISOString();
}

function* strings(s: string): Generator<string> {
  yield* datetimes(s);
  const cps = Array.from(s);
  for (const kept of chunksRemoved(cps)) yield kept.join('');
  if (cps.length > 0) yield 'a'.repeat(cps.length);
}

function* numbers(x: number): Generator<number> {
  yield 0;
  if (!Number.isFinite(x)) return;
  const trunc = Math.trunc(x);
  if (trunc !== x) {
    yield x - trunc;
    yield trunc;
  }
  yield x < 0 ? -1 : 1;
  const decimals = (String(x).split('.')[1] ?? '').length;
  for (let d = 0; d < decimals && d < 15; d++) yield Number(x.toFixed(d));
  // Halve the integer part, keeping the fraction: 94.5 -> 47.5 -> 23.5 ...
  for (let i = Math.trunc(trunc / 2); i !== 0; i = Math.trunc(i / 2)) yield i + (x - trunc);
}

function* bigints(x: bigint): Generator<bigint> {
  yield 0n;
  yield x < 0n ? -1n : 1n;
  for (let i = x / 2n; i !== 0n; i /= 2n) yield i;
}

/**
 * Alternatives of a value, simplest first: absent, null, then by type — strings emptied, halved and cut chunk by
 * chunk (by code point, never splitting a surrogate pair), ISO datetimes at midnight, without fraction, in UTC;
 * numbers to 0, their fraction, their integer part, ±1, fewer decimals, a halved integer part keeping the
 * fraction; booleans to false; arrays emptied, halved and cut; dates to the epoch.
 * @internal
 */
export function* alternatives(value: unknown): Generator<unknown> {
  yield ABSENT;
  if (value !== null) yield null;
  if (typeof value === 'string') yield* strings(value);
  else if (typeof value === 'number') yield* numbers(value);
  else if (typeof value === 'bigint') yield* bigints(value);
  else if (value === true) yield false;
  else if (value instanceof Date) yield new Date(0);
  else if (Array.isArray(value)) yield* chunksRemoved(value);
  else if (value !== null && typeof value === 'object') yield {};
}

/** Structural equality for plain data (-0 and 0 differ, NaN equals NaN, dates by time). @internal */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function complexity(v: unknown): number[] {
  if (v === ABSENT) return [0];
  if (v === null) return [1];
  if (typeof v === 'boolean') return [2, v ? 1 : 0];
  if (typeof v === 'number' || typeof v === 'bigint') {
    const x = Number(v);
    if (!Number.isFinite(x)) return [3, Number.POSITIVE_INFINITY];
    const decimals = (String(Math.abs(x)).split('.')[1] ?? '').length;
    return [3, decimals, Math.abs(x), x < 0 || Object.is(x, -0) ? 1 : 0];
  }
  if (typeof v === 'string') {
    const cps = Array.from(v);
    return [4, cps.length, cps.filter((c) => c !== 'a' && c !== '0').length];
  }
  if (v instanceof Date) return [5, v.getTime() === 0 ? 0 : 1];
  if (Array.isArray(v)) return [6, v.length];
  if (typeof v === 'object') return [7, Object.keys(v).length];
  return [8];
}

/** Whether `a` is strictly simpler than `b`: the order minimisation descends, so it always ends. @internal */
export function simpler(a: unknown, b: unknown): boolean {
  const ca = complexity(a);
  const cb = complexity(b);
  for (let i = 0; i < Math.max(ca.length, cb.length); i++) {
    const x = ca[i] ?? 0;
    const y = cb[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
