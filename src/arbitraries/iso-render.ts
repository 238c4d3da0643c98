import { offsetMinutes } from './timestamp-edges.ts';

/**
 * How an instant is written: which zone's wall clock, and how many fraction digits when the schema lets us choose.
 * @internal
 */
export interface IsoStyle {
  /** Render the wall time of this IANA zone with its offset (or without, for local datetimes); UTC with `Z` when absent. */
  zone?: string | undefined;
  /** `ms` = .SSS, `micro` = .SSS000 (Python's isoformat), `none` = no fraction (truncates the milliseconds). */
  fraction: 'ms' | 'micro' | 'none';
}

/**
 * The datetime options zod keeps on `z.iso.datetime()`.
 * @internal
 */
export interface DatetimeFormat {
  offset?: boolean | undefined;
  local?: boolean | undefined;
  precision?: number | null | undefined;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff…` from a wall-clock ISO string, per zod's `precision`. */
function clock(wallIso: string, precision: number | null | undefined, fraction: IsoStyle['fraction']): string {
  const minutes = wallIso.slice(11, 16);
  const seconds = wallIso.slice(16, 19);
  const ms = wallIso.slice(20, 23);
  if (precision === -1) return minutes;
  if (precision === 0) return minutes + seconds;
  if (typeof precision === 'number') return `${minutes}${seconds}.${ms.padEnd(precision, '0').slice(0, precision)}`;
  if (fraction === 'none') return minutes + seconds;
  return `${minutes}${seconds}.${fraction === 'micro' ? `${ms}000` : ms}`;
}

function wall(ms: number, zone: string | undefined): { iso: string; offset: number } {
  const offset = zone === undefined ? 0 : offsetMinutes(zone, ms);
  return { iso: new Date(ms + offset * 60_000).toISOString(), offset };
}

/**
 * Writes an instant as an ISO 8601 datetime that `z.iso.datetime(format)` accepts.
 * @param ms - epoch milliseconds (years 0000–9999)
 * @param format - the schema's offset/local/precision options
 * @param style - zone and fraction choice
 * @internal
 */
export function renderDatetime(ms: number, format: DatetimeFormat, style: IsoStyle): string {
  const zone = format.offset === true || format.local === true ? style.zone : undefined;
  const w = wall(ms, zone);
  const head = `${w.iso.slice(0, 10)}T${clock(w.iso, format.precision, style.fraction)}`;
  if (zone === undefined) return `${head}Z`;
  return format.offset === true ? head + formatOffset(w.offset) : head;
}

/**
 * Writes the calendar date of an instant (`YYYY-MM-DD`) in a zone, or in UTC.
 * @internal
 */
export function renderDate(ms: number, style: IsoStyle): string {
  return wall(ms, style.zone).iso.slice(0, 10);
}

/**
 * Writes the wall-clock time of an instant (`HH:MM[:SS[.fff]]`) per the schema's precision.
 * @internal
 */
export function renderTime(ms: number, precision: number | null | undefined, style: IsoStyle): string {
  return clock(wall(ms, style.zone).iso, precision, style.fraction);
}
