import { performance } from 'node:perf_hooks';
import { commandSide } from '../src/implementations/command-side.ts';

/** A Python child that answers each request with one feature holding `size` characters: one long response line. */
function longAnswer(size: number): string[] {
  const code = [
    'import json, sys',
    'for line in sys.stdin:',
    '    req = json.loads(line)',
    `    sys.stdout.write(json.dumps({"id": req["id"], "features": {"blob": "x" * ${size}}}) + "\\n")`,
    '    sys.stdout.flush()',
  ].join('\n');
  return ['python3', '-c', code];
}

/** One measured read of a long response line: wall and this process's CPU (the reading side), in ms. */
export interface LongLineRow {
  readonly megabytes: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Times how long the command side takes to receive one response line of `megabytes` MB (the child is started and
 * warmed up first, so start-up is not counted). Reading is linear when 20 MB costs about twice 10 MB.
 */
export async function benchLongLine(megabytes: number): Promise<LongLineRow> {
  const size = megabytes * 1_000_000;
  const side = commandSide({ command: longAnswer(size), timeoutMs: 300_000 });
  await side.start?.();
  const record = (id: number) => ({ id: String(id), line: id, entity: 'e', timestamp: 0, input: { x: 1 } });
  try {
    await side.compute([record(1)]); // warm-up: the child's interpreter and first answer
    const cpu = process.cpuUsage();
    const started = performance.now();
    const [outcome] = await side.compute([record(2)]);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (outcome === undefined || !('features' in outcome) || String(outcome.features.blob).length !== size) {
      throw new Error(`long-line bench: the ${megabytes} MB answer did not arrive whole`);
    }
    return { megabytes, wallMs, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await side.close?.();
  }
}
