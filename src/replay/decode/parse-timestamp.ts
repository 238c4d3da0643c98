const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The ASCII digit at `at` as a number, or NaN. */
function digit(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

function twoDigits(s: string, at: number): number {
  return digit(s, at) * 10 + digit(s, at + 1);
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468
  );
}

const DASH = 45;
const COLON = 58;
const T = 84;
const Z = 90;
const DOT = 46;

/**
 * Epoch ms of `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` with every field in its plain range, the way
 * production logs write instants: what `Date.parse` gives for it; undefined for anything else (the caller asks
 * `Date.parse`, which is slower).
 * @internal
 */
export function plainUtcInstant(s: string): number | undefined {
  const length = s.length;
  if (length !== 20 && length !== 24) return undefined;
  if (
    s.charCodeAt(4) !== DASH ||
    s.charCodeAt(7) !== DASH ||
    s.charCodeAt(10) !== T ||
    s.charCodeAt(13) !== COLON ||
    s.charCodeAt(16) !== COLON ||
    s.charCodeAt(length - 1) !== Z
  ) {
    return undefined;
  }
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  let ms = 0;
  if (length === 24) {
    if (s.charCodeAt(19) !== DOT) return undefined;
    ms = twoDigits(s, 20) * 10 + digit(s, 22);
  }
  // A NaN field (not a digit) fails these checks. Outside these ranges Date.parse has its own rules (day 30 of
  // February rolls over, 24:00 is accepted, ...).
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28)) return undefined;
  if (!(hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return undefined;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/** The most epoch milliseconds a JavaScript `Date` holds, either way from 1970 (about 275,000 years). */
const MAX_DATE_MS = 8.64e15;

/**
 * A record's timestamp in epoch ms: a number within a `Date`'s range as is, or an ISO 8601 string with a time zone;
 * undefined for anything else, including a string in that shape that names no real instant (month 13) and a number
 * no `Date` holds (a side given it would fail on it: the line is invalid, not the side).
 */
export function timestampOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Math.abs(value) <= MAX_DATE_MS ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const fast = plainUtcInstant(value);
  if (fast !== undefined) return fast;
  if (!ZONED_ISO.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
