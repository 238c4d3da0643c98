/**
 * The shape predicates of one input value: its type; for numbers integer or fractional, the fractional part when it
 * has at most two decimals (`.5`, `.99`), sign and decade; for strings empty, length bucket, non-ASCII, leading or
 * trailing whitespace, numeric, and for timestamps the time-zone offset; for lists the number of items.
 *
 * Each shape but the offset is a slot of a fixed counter array (counting it costs an array increment; the tally runs
 * per record); a slot's key (`dec:+2`, `len:3`, `.5`) names it in JSON and `keyText` says what it means.
 */

/** Decades kept apart: |x| below 1e-5 share the lowest, from 1e12 up the highest. */
const DECADE_MIN = -6;
const DECADE_MAX = 12;
const DECADES = DECADE_MAX - DECADE_MIN + 1;
/** Length buckets: 1, 2–3, 4–7, … 512+; index = bit length of the length. */
const BUCKETS = 10;

const FIXED_KEYS = [
  'null',
  'type:number',
  'type:string',
  'type:boolean',
  'type:object',
  'type:list',
  'nan',
  'infinite',
  'zero',
  'neg',
  'pos',
  'int',
  'frac',
  'frac:long',
  'empty',
  'space',
  'nonascii',
  'numeric',
  'tz:none',
] as const;
type FixedKey = (typeof FIXED_KEYS)[number];

const fractionKey = (cents: number): string =>
  cents % 10 === 0 ? `.${cents / 10}` : `.${String(cents).padStart(2, '0')}`;

/** Every slot's key, in slot order. */
export const SLOT_KEYS: readonly string[] = [
  ...FIXED_KEYS,
  ...Array.from({ length: DECADES }, (_, i) => `dec:+${i + DECADE_MIN}`),
  ...Array.from({ length: DECADES }, (_, i) => `dec:-${i + DECADE_MIN}`),
  ...Array.from({ length: 99 }, (_, i) => fractionKey(i + 1)),
  ...Array.from({ length: BUCKETS + 1 }, (_, i) => `len:${i}`),
  ...Array.from({ length: BUCKETS + 1 }, (_, i) => `items:${i}`),
];
/** The slot of each key. */
export const SLOT_OF: ReadonlyMap<string, number> = new Map(SLOT_KEYS.map((key, i) => [key, i]));
/** Slots a field's counter array has. */
export const SLOTS: number = SLOT_KEYS.length;

const at = (key: string): number => SLOT_OF.get(key) as number;
const NULL = at('null');
const NUMBER = at('type:number');
const STRING = at('type:string');
const BOOLEAN = at('type:boolean');
const OBJECT = at('type:object');
const LIST = at('type:list');
const NAN = at('nan');
const INFINITE = at('infinite');
const ZERO = at('zero');
const NEG = at('neg');
const POS = at('pos');
const INT = at('int');
const FRAC = at('frac');
const FRAC_LONG = at('frac:long');
const EMPTY = at('empty');
const SPACE = at('space');
const NON_ASCII_SLOT = at('nonascii');
const NUMERIC_SLOT = at('numeric');
const TZ_NONE = at('tz:none');
const POSITIVE_DECADE = at(`dec:+${DECADE_MIN}`) - DECADE_MIN;
const NEGATIVE_DECADE = at(`dec:-${DECADE_MIN}`) - DECADE_MIN;
const FRACTION = at('.01') - 1;
const LENGTH = at('len:0');
const ITEMS = at('items:0');

const TIMESTAMP = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/;
const OFFSET = /^[+-]\d\d:?\d\d$/;
const NON_ASCII = /[^\u0000-\u007f]/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function inc(slots: Float64Array, slot: number, n: number): void {
  slots[slot] = (slots[slot] as number) + n;
}

/** A timestamp's trailing offset: `Z`, `+10:00`, `-0500`. */
function offsetOf(s: string): string | undefined {
  const n = s.length;
  const last = s.charCodeAt(n - 1);
  if (last === 90 || last === 122) return 'Z';
  if (last < 48 || last > 57) return undefined;
  const tail = s.slice(s.charCodeAt(n - 3) === 58 ? n - 6 : n - 5);
  return OFFSET.test(tail) ? tail : undefined;
}

function bucket(n: number): number {
  return Math.min(BUCKETS, 32 - Math.clz32(n));
}

/** Counts the shapes of a number into `slots`, `n` times (a value seen `n` times). */
export function numberShapes(x: number, slots: Float64Array, n = 1): void {
  inc(slots, NUMBER, n);
  if (!Number.isFinite(x)) {
    inc(slots, Number.isNaN(x) ? NAN : INFINITE, n);
    return;
  }
  if (x === 0) {
    inc(slots, ZERO, n);
    inc(slots, INT, n);
    return;
  }
  const decade = Math.max(DECADE_MIN, Math.min(DECADE_MAX, Math.floor(Math.log10(Math.abs(x)))));
  if (x < 0) {
    inc(slots, NEG, n);
    inc(slots, NEGATIVE_DECADE + decade, n);
  } else {
    inc(slots, POS, n);
    inc(slots, POSITIVE_DECADE + decade, n);
  }
  if (Number.isInteger(x)) {
    inc(slots, INT, n);
    return;
  }
  inc(slots, FRAC, n);
  // Division is correctly rounded: r / 100 is x exactly when x is the double nearest a number with two decimals,
  // i.e. when it prints with at most two.
  const r = Math.round(x * 100);
  inc(slots, r / 100 === x ? FRACTION + (Math.abs(r) % 100) : FRAC_LONG, n);
}

/** Counts the shapes of a string into `slots`; returns its time-zone offset when it is a timestamp that has one. */
export function stringShapes(s: string, slots: Float64Array, n = 1): string | undefined {
  inc(slots, STRING, n);
  const length = s.length;
  if (length === 0) {
    inc(slots, EMPTY, n);
    return undefined;
  }
  inc(slots, LENGTH + bucket(length), n);
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(length - 1) <= 32) inc(slots, SPACE, n);
  if (NON_ASCII.test(length > 1024 ? s.slice(0, 1024) : s)) inc(slots, NON_ASCII_SLOT, n);
  const c = s.charCodeAt(0);
  if (length > 40 || !((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return undefined;
  if (TIMESTAMP.test(s)) {
    const offset = offsetOf(s);
    if (offset === undefined) inc(slots, TZ_NONE, n);
    return offset;
  }
  if (NUMERIC.test(s)) inc(slots, NUMERIC_SLOT, n);
  return undefined;
}

/** Counts the shapes of a list into `slots`. */
export function listShapes(length: number, slots: Float64Array, n = 1): void {
  inc(slots, LIST, n);
  inc(slots, ITEMS + (length === 0 ? 0 : bucket(length)), n);
}

/** Counts a null into `slots`. */
export function nullShape(slots: Float64Array, n = 1): void {
  inc(slots, NULL, n);
}

/** Counts a boolean into `slots`. */
export function booleanShape(slots: Float64Array, n = 1): void {
  inc(slots, BOOLEAN, n);
}

/** Counts an object into `slots`. */
export function objectShape(slots: Float64Array, n = 1): void {
  inc(slots, OBJECT, n);
}

function bucketText(b: number): string {
  const low = 2 ** (b - 1);
  if (b >= BUCKETS) return `${low}+`;
  return b === 1 ? '1' : `${low}–${2 * low - 1}`;
}

function power(e: number): string {
  return e >= -4 && e <= 6 ? String(10 ** e) : `1e${e}`;
}

function decadeText(sign: string, e: number): string {
  if (sign === '+') {
    if (e === DECADE_MAX) return `≥ ${power(e)}`;
    return e === DECADE_MIN ? `in (0, ${power(e + 1)})` : `in [${power(e)}, ${power(e + 1)})`;
  }
  if (e === DECADE_MAX) return `≤ -${power(e)}`;
  return e === DECADE_MIN ? `in (-${power(e + 1)}, 0)` : `in (-${power(e + 1)}, -${power(e)}]`;
}

const FIXED_TEXT: Record<FixedKey | 'items:0', string> = {
  null: 'is null',
  'type:number': 'is a number',
  'type:string': 'is a string',
  'type:boolean': 'is a boolean',
  'type:object': 'is an object',
  'type:list': 'is a list',
  nan: 'is NaN',
  infinite: 'is infinite',
  zero: '= 0',
  neg: '< 0',
  pos: '> 0',
  int: 'is an integer',
  frac: 'is fractional',
  'frac:long': 'has more than 2 decimals',
  empty: 'is empty',
  space: 'has leading or trailing whitespace',
  nonascii: 'has non-ASCII characters',
  numeric: 'is a numeric string',
  'tz:none': 'has no time-zone offset',
  'items:0': 'is an empty list',
};

/** What a shape key says of its field, e.g. `ends in .5`, `has length 4–7`; an offset key is the offset itself. */
export function keyText(key: string): string {
  const fixed = (FIXED_TEXT as Record<string, string>)[key];
  if (fixed !== undefined) return fixed;
  if (key.startsWith('.')) return `ends in ${key}`;
  if (key.startsWith('dec:')) return decadeText(key.charAt(4), Number(key.slice(5)));
  if (key.startsWith('len:')) return `has length ${bucketText(Number(key.slice(4)))}`;
  if (key.startsWith('items:')) {
    const b = Number(key.slice(6));
    return `has ${bucketText(b)} item${b === 1 ? '' : 's'}`;
  }
  return `has time-zone offset ${key}`;
}
