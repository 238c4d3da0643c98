/**
 * Deterministic generator of a card-transaction production log for the card-fraud example: records in time order
 * (not grouped by card), each with the features serving produced, plus the list of divergences it planted.
 *
 *   node --import tsx examples/card-fraud/generate-log.ts --records 5000 --out examples/card-fraud/logs/sample.jsonl
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CardTransaction, MERCHANT_CATEGORIES } from '../../contracts/card-fraud.ts';
import { createServingFeatures } from './serving.ts';

const DAY = 24 * 3_600_000;
const WEEK = 7 * DAY;
const START = Date.UTC(2026, 2, 1); // 1 March 2026: US and EU DST start, AU DST end inside the period
const DAYS = 35;
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Sydney',
  'UTC',
];
const CATEGORIES = [...MERCHANT_CATEGORIES, 'crypto', 'gambling']; // the last two are outside the vocabulary
const MERCHANTS = [
  'Blue Bottle Coffee',
  'Trader Joe’s',
  'Shell',
  'Delta Air Lines',
  'Best Buy',
  'Zara',
  'Netflix',
  'CVS Pharmacy',
  'Whole Foods Market',
  'Café Müller',
  'Aral',
  'Lufthansa',
  'MediaMarkt',
  'H&M',
  'Spotify',
  'Boots',
  'Tesco  Express',
  'Pret A Manger',
  'BP',
  'easyJet',
  'Currys',
  'Uniqlo',
  'Disney+',
  'Walgreens',
  'Coinbase',
  'PokerStars',
  'Ñandú Store',
  'Crème de la Crème',
  'Łódź Deli',
  'São Paulo Grill',
  '🍕 Pizza Planet',
  'Taco 🌮 Town',
  '𝔊𝔬𝔱𝔥𝔦𝔠 Books',
  'Shake Shack',
  'Chipotle',
  'Costco',
  'IKEA',
  'Apple Store',
  'Amazon',
  'Uber',
];

/** mulberry32: a small deterministic PRNG (the spark-sessions example's generator uses it too). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Txn {
  input: CardTransaction;
  t: number;
}

export interface PlantedDivergence {
  line: number;
  feature: string;
  kind: 'value' | 'null_mismatch';
  cause: string;
}

function amountFor(random: () => number): number {
  const roll = random();
  const whole = Math.floor(random() * 200) + 1;
  if (roll < 0.012) return whole - (whole % 2) + 0.5 + (whole % 2 === 0 ? 0 : 2); // even.5: Python round and Math.round differ
  if (roll < 0.024) return whole + (whole % 2 === 0 ? 1 : 0) + 0.5; // odd.5: both round the same way
  let cents = Math.floor(random() * 100);
  if (cents === 50) cents = 49;
  return whole + cents / 100;
}

function cardId(card: number): string {
  return `card_${String(card).padStart(5, '0')}`;
}

function generate(records: number, cards: number, seed: number): Txn[] {
  const random = rng(seed);
  const cardZone = Array.from({ length: cards }, () => ZONES[Math.floor(random() * ZONES.length)] as string);
  const txns: Txn[] = [];
  const used = new Set<string>();
  const add = (card: number, t: number, amount: number, m: number): void => {
    while (used.has(`${card}|${t}`)) t += 1;
    used.add(`${card}|${t}`);
    txns.push({
      t,
      input: {
        card_id: cardId(card),
        txn_id: `txn_${String(txns.length).padStart(9, '0')}`,
        ts: new Date(t).toISOString(),
        amount,
        merchant_name: MERCHANTS[m] as string,
        merchant_category: CATEGORIES[m % CATEGORIES.length] as string,
        cardholder_tz: cardZone[card] as string,
      },
    });
  };
  const repeats = Math.floor(records * 0.015);
  while (txns.length < records - repeats) {
    add(
      Math.floor(random() * cards),
      START + Math.floor(random() * (DAYS - 7) * DAY),
      amountFor(random),
      Math.floor(random() * MERCHANTS.length),
    );
  }
  // Weekly charges exactly 7 days after an earlier transaction: the window boundary both sides must agree on.
  const base = txns.length;
  while (txns.length < records) {
    const earlier = txns[Math.floor(random() * base)] as Txn;
    const card = Number(earlier.input.card_id.slice(5));
    if (used.has(`${card}|${earlier.t + WEEK}`)) continue;
    add(card, earlier.t + WEEK, earlier.input.amount, MERCHANTS.indexOf(earlier.input.merchant_name));
  }
  return txns.sort((a, b) => a.t - b.t || a.input.txn_id.localeCompare(b.input.txn_id));
}

const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();
function isLocalWeekend(t: number, tz: string): boolean {
  let fmt = weekdayFormatters.get(tz);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short' });
    weekdayFormatters.set(tz, fmt);
  }
  const day = fmt.format(t);
  return day === 'Sat' || day === 'Sun';
}

/** The divergences the serving bugs must cause, computed from the data by a plain reference, record by record. */
export function plantedDivergences(txns: readonly Txn[]): PlantedDivergence[] {
  const out: PlantedDivergence[] = [];
  const history = new Map<string, Txn[]>();
  txns.forEach((txn, index) => {
    const line = index + 1;
    const { amount, merchant_name: name, card_id: card, cardholder_tz: tz } = txn.input;
    const plant = (feature: string, kind: PlantedDivergence['kind'], cause: string): void => {
      out.push({ line, feature, kind, cause });
    };
    if (amount % 1 === 0.5 && Math.floor(amount) % 2 === 0)
      plant('amount_rounded', 'value', 'Python round() halves to even');
    if ([...name].length !== name.length) plant('merchant_name_length', 'value', 'UTF-16 length of astral characters');
    const utcDay = new Date(txn.t).getUTCDay();
    if (isLocalWeekend(txn.t, tz) !== (utcDay === 0 || utcDay === 6))
      plant('is_weekend', 'value', 'weekend by UTC calendar');
    const earlier = history.get(card) ?? [];
    const inTraining = earlier.filter((e) => e.t > txn.t - WEEK);
    const onBoundary = earlier.filter((e) => e.t === txn.t - WEEK);
    if (onBoundary.length > 0) {
      plant('txn_count_7d', 'value', 'window closed on the left');
      plant('amount_sum_7d', 'value', 'window closed on the left');
    }
    const trainingAvg =
      inTraining.length === 0 ? 0 : inTraining.reduce((s, e) => s + e.input.amount, 0) / inTraining.length;
    const servingSet = [...onBoundary, ...inTraining];
    if (servingSet.length === 0) plant('avg_amount_prev_7d', 'null_mismatch', 'fillna(0) vs null');
    else {
      const servingAvg = servingSet.reduce((s, e) => s + e.input.amount, 0) / servingSet.length;
      if (Math.abs(servingAvg - trainingAvg) > 1e-6 + 1e-9 * Math.max(servingAvg, trainingAvg)) {
        plant('avg_amount_prev_7d', 'value', 'window closed on the left');
      }
    }
    earlier.push(txn);
    history.set(
      card,
      earlier.filter((e) => e.t >= txn.t - WEEK),
    );
  });
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '5000' },
      cards: { type: 'string' },
      seed: { type: 'string', default: '20261122' },
      out: { type: 'string', default: 'examples/card-fraud/logs/sample.jsonl' },
      expected: { type: 'string' },
    },
  });
  const records = Number(values.records);
  const cards = Number(values.cards ?? Math.max(20, Math.round(records / 33)));
  const txns = generate(records, cards, Number(values.seed));
  const serve = createServingFeatures();
  const out = createWriteStream(values.out);
  let pending: string[] = [];
  for (const txn of txns) {
    pending.push(JSON.stringify({ timestamp: txn.input.ts, input: txn.input, served: serve(txn.input) }));
    if (pending.length >= 2000) {
      if (!out.write(`${pending.join('\n')}\n`))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      pending = [];
    }
  }
  out.end(pending.length > 0 ? `${pending.join('\n')}\n` : '');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  if (values.expected !== undefined) {
    await writeFile(
      values.expected,
      `${JSON.stringify(plantedDivergences(txns), null, 0).replaceAll('},{', '},\n{')}\n`,
    );
  }
  process.stderr.write(`wrote ${records} records for ${cards} cards to ${values.out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
