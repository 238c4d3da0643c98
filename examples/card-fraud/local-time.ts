/**
 * Local calendar fields of an instant in an IANA time zone. The zone offset is exact to the second (historical local
 * mean time, such as +05:21:10 in Kolkata before 1906, has seconds) and cached per zone and UTC quarter hour when it
 * is the same at both ends of the quarter; around a transition inside a quarter it is computed for the instant.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const QUARTER = 900_000;

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

function offsetMs(tz: string, ms: number): number {
  const quarter = Math.floor(ms / QUARTER);
  let byQuarter = offsets.get(tz);
  if (byQuarter === undefined) {
    byQuarter = new Map();
    offsets.set(tz, byQuarter);
  }
  const cached = byQuarter.get(quarter);
  if (cached !== undefined) return cached;
  const start = offsetAt(tz, quarter * QUARTER);
  if (start === offsetAt(tz, quarter * QUARTER + QUARTER - 1000)) {
    byQuarter.set(quarter, start);
    return start;
  }
  return offsetAt(tz, ms);
}

/** Hour (0-23) and weekday (Monday = 0) of `ms` in time zone `tz`. */
export function localTime(ms: number, tz: string): { hour: number; weekday: number } {
  const local = new Date(ms + offsetMs(tz, ms));
  return { hour: local.getUTCHours(), weekday: (local.getUTCDay() + 6) % 7 };
}
