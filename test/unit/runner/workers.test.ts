import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import type { DivergenceExample } from '../../../src/replay/replay-report.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';
import { divergenceKey, PLANTED } from '../../fixtures/card-fraud-planted.ts';

const EXAMPLE = new URL('../../../examples/card-fraud/', import.meta.url).pathname;
describe('replay on worker threads', () => {
  it('spilling many small partitions to disk and running them on 2 workers loses and corrupts nothing', async () => {
    const config = await loadConfig(`${EXAMPLE}lockstep.in-process.config.ts`, EXAMPLE);
    const found: string[] = [];
    const divergences = `${EXAMPLE}../../node_modules/.lockstep-test-divergences.jsonl`;
    const summary = await runReplay({
      config,
      cwd: EXAMPLE,
      reporters: [],
      workers: 2,
      partitionBytes: 64 * 1024,
      memoryBudgetBytes: 128 * 1024,
      minimizeSteps: 0,
      divergencesFile: divergences,
    });
    for (const line of readFileSync(divergences, 'utf8').trim().split('\n')) {
      const d = JSON.parse(line) as DivergenceExample;
      found.push(divergenceKey(d));
    }
    expect(summary.reports[0]?.counts).toMatchObject({ read: 5000, compared: 5000, invalid: 0, errored: 0 });
    expect(found.sort()).toEqual(PLANTED);
  }, 60_000);
});
