/**
 * Local calendar fields of an instant in an IANA time zone, with the zone offset cached per zone and UTC quarter
 * hour: offsets are multiples of 15 minutes, so transitions (even in :30 zones such as America/St_Johns) fall on one.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const QUARTER = 900_000;

function offsetMinutes(tz: string, ms: number): number {
  const quarter = Math.floor(ms / QUARTER);
  let byQuarter = offsets.get(tz);
  if (byQuarter === undefined) {
    byQuarter = new Map();
    offsets.set(tz, byQuarter);
  }
  const cached = byQuarter.get(quarter);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(tz);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, fmt);
  }
  const start = quarter * QUARTER;
  const p = Object.fromEntries(fmt.formatToParts(start).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const offset = Math.round((asUtc - start) / 60_000);
  byQuarter.set(quarter, offset);
  return offset;
}

/** Hour (0-23) and weekday (Monday = 0) of `ms` in time zone `tz`. */
export function localTime(ms: number, tz: string): { hour: number; weekday: number } {
  const local = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  return { hour: local.getUTCHours(), weekday: (local.getUTCDay() + 6) % 7 };
}
