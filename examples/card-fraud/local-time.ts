/**
 * Local calendar fields of an instant in an IANA time zone. The zone offset is exact to the second (historical local
 * mean time, such as +05:21:10 in Kolkata before 1906, has seconds). It is cached per zone and UTC day when it is the
 * same at both ends of the day, else per UTC quarter hour when it is the same at both ends of the quarter; around a
 * transition inside a quarter it is computed for the instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, { byDay: Map<number, number>; byQuarter: Map<number, number> }>();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUARTER = 900_000;
/** Marks a UTC day with a transition inside it in the day cache. */
const MIXED = Number.NaN;

function formatter(tz: string): Intl.DateTimeFormat {
  let fmt = formatters.get(tz);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, fmt);
  }
  return fmt;
}

/** The zone's offset from UTC at `ms` (whole seconds), in milliseconds. */
function offsetAt(tz: string, ms: number): number {
  const at = Math.floor(ms / 1000) * 1000;
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  const local = new Date(0);
  local.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  local.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return local.getTime() - at;
}

/** The offset when it is the same at the first and the last second of the span of `size` ms numbered `index`. */
function steadyOffset(tz: string, index: number, size: number): number {
  const start = offsetAt(tz, index * size);
  return start === offsetAt(tz, index * size + size - 1000) ? start : MIXED;
}

function offsetMs(tz: string, ms: number): number {
  let zone = zones.get(tz);
  if (zone === undefined) {
    zone = { byDay: new Map(), byQuarter: new Map() };
    zones.set(tz, zone);
  }
  const day = Math.floor(ms / DAY);
  let daily = zone.byDay.get(day);
  if (daily === undefined) {
    daily = steadyOffset(tz, day, DAY);
    zone.byDay.set(day, daily);
  }
  if (!Number.isNaN(daily)) return daily;
  const quarter = Math.floor(ms / QUARTER);
  let quarterly = zone.byQuarter.get(quarter);
  if (quarterly === undefined) {
    quarterly = steadyOffset(tz, quarter, QUARTER);
    zone.byQuarter.set(quarter, quarterly);
  }
  return Number.isNaN(quarterly) ? offsetAt(tz, ms) : quarterly;
}

/** Hour (0-23) and weekday (Monday = 0) of the UTC calendar at `ms`. */
export function utcTime(ms: number): { hour: number; weekday: number } {
  const day = Math.floor(ms / DAY);
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return { hour: Math.floor((ms - day * DAY) / HOUR), weekday: (((day + 3) % 7) + 7) % 7 };
}

/** Hour (0-23) and weekday (Monday = 0) of `ms` in time zone `tz`. */
export function localTime(ms: number, tz: string): { hour: number; weekday: number } {
  return utcTime(ms + offsetMs(tz, ms));
}
