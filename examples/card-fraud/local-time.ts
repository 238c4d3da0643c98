/** Local calendar fields of an instant in an IANA time zone, cached per zone and UTC hour (offsets change on the hour). */
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const HOUR = 3_600_000;

function offsetMinutes(tz: string, ms: number): number {
  const key = `${tz}|${Math.floor(ms / HOUR)}`;
  const cached = offsets.get(key);
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
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  const p = Object.fromEntries(fmt.formatToParts(hourStart).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  const offset = Math.round((asUtc - hourStart) / 60_000);
  offsets.set(key, offset);
  return offset;
}

/** Hour (0-23) and weekday (Monday = 0) of `ms` in time zone `tz`. */
export function localTime(ms: number, tz: string): { hour: number; weekday: number } {
  const local = new Date(ms + offsetMinutes(tz, ms) * 60_000);
  return { hour: local.getUTCHours(), weekday: (local.getUTCDay() + 6) % 7 };
}
