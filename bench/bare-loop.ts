/**
 * A bare hand-written replay loop over the same log and the same example sides, for context: parse every line,
 * hold every record in memory grouped by card (no partitioning, unbounded memory), run the entity-wise training code
 * per card and the serving code per record, and compare features with `!==` (no contract, no tolerance, no report).
 */

import type { CardTransaction } from '../contracts/card-fraud.ts';
import { createServingFeatures } from '../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../examples/card-fraud/training.ts';
import { fileLineSource } from '../src/io/line-source.ts';
import { splitLines } from '../src/replay/decode/split-lines.ts';

interface Logged {
  timestamp: string;
  input: CardTransaction;
}

const path = process.argv[2] as string;
const started = performance.now();
const byCard = new Map<string, { input: CardTransaction; timestamp: number }[]>();
let records = 0;
for await (const { buf, starts, ends } of splitLines(fileLineSource(path).open())) {
  for (let i = 0; i < starts.length; i++) {
    const record = JSON.parse(buf.toString('utf8', starts[i], ends[i])) as Logged;
    const event = { input: record.input, timestamp: Date.parse(record.timestamp) };
    const history = byCard.get(record.input.card_id);
    if (history === undefined) byCard.set(record.input.card_id, [event]);
    else history.push(event);
    records++;
  }
}
const serve = createServingFeatures();
let diverged = 0;
for (const history of byCard.values()) {
  const training = trainingFeatures(history);
  history.forEach((event, i) => {
    const t = training[i] as Record<string, unknown>;
    const s = serve(event.input) as Record<string, unknown>;
    for (const key in t) if (t[key] !== s[key]) diverged++;
  });
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ records, seconds, diverged, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
