import type { Contract } from '../contract/contract.ts';
import type { Finding } from './fuzz-result.ts';
import { timestampMs } from './run-case.ts';

const DAY = 86_400_000;
const WINDOWS: readonly [number, string][] = [
  [7 * DAY, '7 days'],
  [DAY, '1 day'],
  [3_600_000, '1 hour'],
];
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const ZONE = /^[A-Z][\w+-]*\/\w/;

function localDate(ms: number, zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(ms)
      .slice(0, 10);
  } catch {
    return undefined;
  }
}

function calendarHint(record: Record<string, unknown>, contract: Contract): string | undefined {
  if (contract.timestamp === undefined) return undefined;
  const raw = record[contract.timestamp];
  const ms = timestampMs(raw);
  if (!Number.isFinite(ms)) return undefined;
  const utc = new Date(ms).toISOString().slice(0, 10);
  const zones = Object.values(record).filter((v): v is string => typeof v === 'string' && ZONE.test(v));
  const written = typeof raw === 'string' ? raw.slice(0, 10) : utc;
  const differs = written !== utc || zones.some((z) => localDate(ms, z) !== utc);
  return differs
    ? 'the event falls on a different calendar day locally than in UTC: compute calendar features (day, weekend, hour) in the same time zone on both sides'
    : undefined;
}

/** An earlier event of the same entity exactly one window before the divergent event `j`. */
function windowHint(history: readonly Record<string, unknown>[], j: number, contract: Contract): string | undefined {
  if (contract.timestamp === undefined) return undefined;
  const field = contract.timestamp;
  const b = history[j] as Record<string, unknown>;
  for (let i = 0; i < j; i++) {
    const a = history[i] as Record<string, unknown>;
    if (a[contract.entity] !== b[contract.entity]) continue;
    const window = WINDOWS.find(([w]) => w === timestampMs(b[field]) - timestampMs(a[field]));
    if (window !== undefined) {
      return `event ${i} is exactly ${window[1]} before event ${j}: one side's window includes that boundary and the other's does not (pandas rolling('7D') is (t - 7d, t])`;
    }
  }
  return undefined;
}

/** Hints from the shape of a finding's minimal input: the classic causes of training/serving skew. @internal */
export function hintsFor(finding: Finding, contract: Contract): string[] {
  const type = contract.features[finding.feature]?.type;
  const history = (Array.isArray(finding.minimalInput) ? finding.minimalInput : [finding.minimalInput]) as Record<
    string,
    unknown
  >[];
  const record = history[finding.event ?? 0] ?? {};
  const values = Object.values(record);
  const hints: string[] = [];
  if (finding.kind === 'error') {
    hints.push(
      `the ${finding.side} side failed on an input the contract accepts: handle it, narrow the input schema (an enum, a refine), or give the generator an override for the field`,
    );
  }
  if (finding.kind === 'null_mismatch') {
    hints.push('one side returns null where the other returns a value: a default (fillna(0), ?? 0) on one side only?');
  }
  const both = [finding.training, finding.serving];
  if (finding.kind === 'value' && type === 'int') {
    const half = values.some((v) => typeof v === 'number' && Math.abs(v % 1) === 0.5 && both.includes(Math.round(v)));
    if (half) {
      hints.push('the input has a value ending in .5: Python round() and numpy round half to even, Math.round half up');
    }
    const astral = values.some(
      (v) => typeof v === 'string' && ASTRAL.test(v) && both.includes(v.length) && both.includes([...v].length),
    );
    if (astral) {
      hints.push(
        "the input has characters outside the BMP (emoji): JavaScript's .length counts UTF-16 units, Python's len() code points",
      );
    }
  }
  if (finding.kind === 'value' && (type === 'int' || type === 'bool' || type === 'category')) {
    const calendar = calendarHint(record, contract);
    if (calendar !== undefined) hints.push(calendar);
    const historic = contract.timestamp !== undefined && timestampMs(record[contract.timestamp]) < Date.UTC(1970, 0);
    if (historic && values.some((v) => typeof v === 'string' && ZONE.test(v) && v !== 'UTC')) {
      hints.push(
        'the event predates 1970 in a named zone: historical offsets (local mean time, with seconds) differ between time-zone libraries, or get rounded to minutes',
      );
    }
  }
  // Generated histories always hold window boundaries: the window is the explanation only when nothing else is.
  if (finding.kind === 'value' && history.length > 1 && hints.length === 0) {
    const window = windowHint(history, finding.event ?? 0, contract);
    if (window !== undefined) hints.push(window);
  }
  if (finding.corpusKey !== undefined) {
    hints.push(`stored in the regression corpus as ${finding.corpusKey}: it is replayed first on every run`);
  }
  return hints;
}
