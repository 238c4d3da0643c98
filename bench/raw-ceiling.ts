/** The raw ceiling: stream a JSONL file with Lockstep's own line splitter and JSON.parse every line; nothing else. */
import { fileLineSource } from '../src/io/line-source.ts';
import { splitLines } from '../src/replay/decode/split-lines.ts';

const path = process.argv[2] as string;
const started = performance.now();
const cpu = process.cpuUsage();
let records = 0;
let checksum = 0;
for await (const { buf, starts, ends } of splitLines(fileLineSource(path).open())) {
  for (let i = 0; i < starts.length; i++) {
    const value = JSON.parse(buf.toString('utf8', starts[i], ends[i])) as { input: { amount: number } };
    checksum += value.input.amount;
    records++;
  }
}
const seconds = (performance.now() - started) / 1000;
const spent = process.cpuUsage(cpu);
const cpuSeconds = (spent.user + spent.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ records, seconds, cpuSeconds, checksum, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
