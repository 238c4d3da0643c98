import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigEntityLog } from '../fixtures/big-entity/big-entity.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../fixtures/big-entity/lockstep.config.ts', import.meta.url).pathname;
let dir: string;
let log: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-big-entity-'));
  log = join(dir, 'u1-60.jsonl');
  await writeBigEntityLog(log, 60); // u1 has 60 events; v0, v1 and v2 one each
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lockstep replay --max-entity-events', () => {
  it.each([
    ['this thread', []],
    ['worker threads', ['--workers', '2']],
  ])(
    'refuses an entity above the limit (%s): its records are errored with why, and the gate fails',
    async (_where, extra) => {
      const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--max-entity-events', '50', ...extra]);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('records  read 63  compared 3  invalid 0  errored 60');
      expect(result.stdout).toContain('entity "u1" has 60 events, above --max-entity-events 50: not replayed');
      // One class for the refused records (neither side saw them), with the limit to raise; not one class per side.
      expect(result.stdout).toContain('not replayed: entity above --max-entity-events 50');
      expect(result.stdout).toContain('raise --max-entity-events');
      expect(result.stdout).not.toMatch(/(training|serving): entity "u1" has/);
    },
    60_000,
  );

  it('replays the entity under a higher limit', async () => {
    const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--max-entity-events', '60']);
    expect(result.stdout).toContain('records  read 63  compared 63  invalid 0  errored 0');
    expect(result.exitCode).toBe(0);
  }, 60_000);

  it('rejects a limit that is not a positive integer', async () => {
    const result = await runCli(['replay', '--config', CONFIG, '--log', log, '--max-entity-events', '0']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--max-entity-events: expected a positive integer, got "0"');
  }, 60_000);
});
