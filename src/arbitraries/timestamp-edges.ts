/**
 * Time zones whose DST transitions and local midnights are used by default: two northern DST rules,
 * one southern, and one half-hour offset without DST.
 * @remarks Since 0.1
 * @public
 */
export const DEFAULT_TIME_ZONES: readonly string[] = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
];

/** Years scanned for DST transitions; fixed so generated values do not depend on the clock. */
const DST_YEARS: readonly number[] = [2024, 2025];
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const transitionCache = new Map<string, readonly number[]>();
const edgeCache = new Map<string, readonly number[]>();

/**
 * The UTC offset of `timeZone` at instant `ms`, in minutes (e.g. -240 for New York in summer, 330 for Kolkata).
 * Throws a RangeError for an unknown time zone.
 * @internal
 */
export function offsetMinutes(timeZone: string, ms: number): number {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (m === null) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * The instants (epoch ms) at which `timeZone` changes its UTC offset during `year`: each is the first
 * millisecond of the new offset. Found by a daily scan and a binary search, and cached.
 * @param timeZone - an IANA time zone such as `America/New_York`
 * @param year - the calendar year to scan
 * @remarks Since 0.1
 * @public
 */
export function dstTransitions(timeZone: string, year: number): readonly number[] {
  const key = `${timeZone}|${year}`;
  const cached = transitionCache.get(key);
  if (cached !== undefined) return cached;
  const found: number[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  for (let day = Date.UTC(year, 0, 1); day < end; day += DAY) {
    if (offsetMinutes(timeZone, day) === offsetMinutes(timeZone, day + DAY)) continue;
    let [lo, hi] = [day, day + DAY];
    const before = offsetMinutes(timeZone, lo);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(timeZone, mid) === before) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  transitionCache.set(key, found);
  return found;
}

/** Midnight of a local calendar date in `timeZone`, as epoch ms. */
function localMidnight(timeZone: string, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month, day);
  const guess = wall - offsetMinutes(timeZone, wall) * 60_000;
  return wall - offsetMinutes(timeZone, guess) * 60_000;
}

/** UTC calendar edges: leap days, month and year ends, ISO-week boundaries, the epoch, the 2038 rollover. */
const CALENDAR_EDGES: readonly number[] = [
  [2024, 1, 29], // leap day
  [2024, 2, 1],
  [2023, 2, 1], // day after a non-leap Feb 28
  [2024, 1, 1],
  [2024, 4, 1],
  [2024, 0, 1], // year end
  [2025, 0, 1],
  [2000, 0, 1],
  [2024, 0, 8], // Monday after Sunday 2024-01-07
  [2021, 0, 4], // Monday after Sunday 2021-01-03, the last day of ISO week 2020-W53
  [2025, 11, 29], // Monday that starts ISO week 2026-W01
].flatMap(([y = 0, m = 0, d = 1]) => [Date.UTC(y, m, d) - 1, Date.UTC(y, m, d)]);
/** Local dates whose midnight in each zone is an edge: New Year, the leap day, a Monday. */
const LOCAL_MIDNIGHTS: ReadonlyArray<readonly [number, number, number]> = [
  [2024, 0, 1],
  [2024, 1, 29],
  [2024, 0, 8],
];
const FIXED_EDGES: readonly number[] = [0, -1, 1, Date.UTC(2024, 1, 29, 12), 2 ** 31 * 1000 - 1000, 2 ** 31 * 1000];

/**
 * Timestamp edge instants (epoch ms): for each time zone its DST transitions in 2024–2025 (the instant, and
 * 1 ms either side) and local midnights on New Year, the leap day and a Monday; plus UTC leap days, month and
 * year ends (23:59:59.999 and 00:00:00.000), ISO-week boundaries (Sunday→Monday), the epoch and 2^31 seconds.
 * @param timeZones - IANA time zones
 * @remarks Since 0.1
 * @public
 */
export function timestampEdges(timeZones: readonly string[] = DEFAULT_TIME_ZONES): readonly number[] {
  const key = timeZones.join('|');
  const cached = edgeCache.get(key);
  if (cached !== undefined) return cached;
  const edges = new Set<number>([...CALENDAR_EDGES, ...FIXED_EDGES]);
  for (const zone of timeZones) {
    const transitions = DST_YEARS.flatMap((year) => dstTransitions(zone, year));
    for (const t of transitions.flatMap((x) => [x - 1, x, x + 1])) edges.add(t);
    for (const [y, m, d] of LOCAL_MIDNIGHTS) edges.add(localMidnight(zone, y, m, d));
  }
  const result = [...edges].sort((a, b) => a - b);
  edgeCache.set(key, result);
  return result;
}
