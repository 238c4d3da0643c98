/**
 * Deterministic generator of the session-spend production log: events of a few dozen users in time order, each with
 * the features the online store served. A handful of events are planted exactly 7 days after an earlier event of the
 * same user; the online store counts that earlier event (its week is inclusive, the planted bug) and Spark's
 * `rangeBetween` does not, so exactly those events diverge. `--week-boundary exclusive` writes the log of a fixed
 * store, which agrees with the Spark job everywhere.
 *
 *   node --import tsx examples/spark-sessions/generate-log.ts --out examples/spark-sessions/logs/sessions.jsonl
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { rng } from '../card-fraud/generate-log.ts';
import type { SpendEvent } from './contract.ts';
import { createOnlineStore } from './online-store.ts';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const START = Date.UTC(2026, 2, 1);
const DAYS = 21;

/** What {@link generateSessionLog} takes. */
export interface SessionLogOptions {
  readonly records?: number;
  readonly users?: number;
  /** Events planted exactly 7 days after an earlier event of their user. */
  readonly planted?: number;
  readonly seed?: number;
  /** The online store's week: `inclusive` is the planted bug (the default), `exclusive` the fixed store. */
  readonly weekBoundary?: 'exclusive' | 'inclusive';
}

/** The log's lines and the ids of the planted events. */
export interface SessionLog {
  readonly lines: readonly string[];
  readonly planted: readonly string[];
}

interface Draft {
  user: string;
  at: number;
  amount: number;
  planted: boolean;
}

/** Events of one user: bursts of a few events minutes apart, bursts hours to days apart. */
function userEvents(user: string, count: number, next: () => number): Draft[] {
  const out: Draft[] = [];
  let at = START + Math.floor(next() * 2 * 24 * HOUR);
  while (out.length < count) {
    const burst = 1 + Math.floor(next() * 4);
    for (let i = 0; i < burst && out.length < count; i++) {
      out.push({ user, at, amount: Math.round((1 + next() * 250) * 100) / 100, planted: false });
      at += 1 + Math.floor(next() * 20 * 60_000);
    }
    at += Math.floor(next() * 30 * HOUR);
  }
  return out.filter((e) => e.at < START + DAYS * 24 * HOUR);
}

/** Throws when an event that was not planted sits exactly 7 days or 1 hour after another of its user, or on a tie. */
function checkNoAccidents(events: readonly Draft[]): void {
  const byUser = new Map<string, Set<number>>();
  for (const e of events) {
    const seen = byUser.get(e.user) ?? new Set<number>();
    if (seen.has(e.at)) throw new Error(`generate-log: two events of ${e.user} at ${e.at}; change the seed`);
    seen.add(e.at);
    byUser.set(e.user, seen);
  }
  for (const e of events) {
    const seen = byUser.get(e.user) as Set<number>;
    if ((!e.planted && seen.has(e.at - WEEK)) || seen.has(e.at - HOUR)) {
      throw new Error(`generate-log: an event of ${e.user} on a window boundary by chance; change the seed`);
    }
  }
}

/**
 * Generates the log. Deterministic: the same options give the same lines.
 * @param options - size, seed, planted events and the online store's week boundary
 */
export function generateSessionLog(options: SessionLogOptions = {}): SessionLog {
  const next = rng(options.seed ?? 7);
  const users = options.users ?? 40;
  const perUser = Math.ceil((options.records ?? 2000) / users);
  const events: Draft[] = [];
  for (let u = 0; u < users; u++) events.push(...userEvents(`user_${String(u + 1).padStart(3, '0')}`, perUser, next));
  // Planted: an event exactly one week after an event of the first week, for users spread over the list.
  const wanted = options.planted ?? 6;
  for (let p = 0; p < wanted; p++) {
    const user = `user_${String(1 + p * Math.floor(users / wanted)).padStart(3, '0')}`;
    const base = events.find((e) => e.user === user && e.at < START + 10 * 24 * HOUR) as Draft;
    events.push({ user, at: base.at + WEEK, amount: Math.round((5 + next() * 100) * 100) / 100, planted: true });
  }
  events.sort((a, b) => a.at - b.at || (a.user < b.user ? -1 : 1));
  checkNoAccidents(events);
  const observe = createOnlineStore({ weekBoundary: options.weekBoundary ?? 'inclusive' });
  const planted: string[] = [];
  const lines = events.map((e, i) => {
    const id = `ev-${String(i + 1).padStart(6, '0')}`;
    if (e.planted) planted.push(id);
    const ts = new Date(e.at).toISOString();
    const input: SpendEvent = { user_id: e.user, ts, amount: e.amount };
    return JSON.stringify({ id, timestamp: ts, input, served: observe(input) });
  });
  return { lines, planted };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      records: { type: 'string' },
      'week-boundary': { type: 'string' },
    },
  });
  const boundary = values['week-boundary'] === 'exclusive' ? 'exclusive' : 'inclusive';
  const log = generateSessionLog({ records: Number(values.records ?? 2000), weekBoundary: boundary });
  writeFileSync(values.out ?? 'sessions.jsonl', `${log.lines.join('\n')}\n`);
  process.stdout.write(`${log.lines.length} records; planted: ${log.planted.join(', ')}\n`);
}
