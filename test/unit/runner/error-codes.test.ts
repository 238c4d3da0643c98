import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { parseSideFlag } from '../../../src/config/parse-side-flag.ts';
import { SkewError } from '../../../src/errors.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';

const FIXTURES = new URL('../../fixtures/hostile/', import.meta.url).pathname;

async function caught(work: () => unknown): Promise<SkewError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof SkewError) return error;
    throw error;
  }
  throw new Error('expected a SkewError');
}

describe('error codes and messages', () => {
  it('SKEW_CONFIG_INVALID: a config file that does not exist', async () => {
    const error = await caught(() => loadConfig('missing.config.ts', FIXTURES));
    expect(error.code).toBe('SKEW_CONFIG_INVALID');
    expect(error.message).toBe(`loadConfig: config file ${FIXTURES}missing.config.ts does not exist`);
  });

  it('SKEW_CONFIG_INVALID: no config file in the folder', async () => {
    const error = await caught(() => loadConfig(undefined, '/'));
    expect(error.code).toBe('SKEW_CONFIG_INVALID');
    expect(error.message).toMatch(
      /^loadConfig: no config file found in \/ \(looked for lockstep\.config\.ts, .*\); pass --config <file>$/,
    );
  });

  it('SKEW_LOG_UNREADABLE: a log that does not exist', async () => {
    const config = await loadConfig('lockstep.config.ts', FIXTURES);
    const error = await caught(() => runReplay({ config, cwd: FIXTURES, reporters: [], logs: ['nope.jsonl'] }));
    expect(error.code).toBe('SKEW_LOG_UNREADABLE');
    expect(error.message).toBe(`runReplay: log file ${FIXTURES}nope.jsonl does not exist`);
  });

  it('SKEW_USAGE: a side flag that is not a JSON array of strings', async () => {
    const error = await caught(() => parseSideFlag('training', '["python3", 3]'));
    expect(error.code).toBe('SKEW_USAGE');
    expect(error.message).toBe('--training: expected a non-empty JSON array of strings, e.g. ["python3","train.py"]');
  });

  it('SKEW_USAGE: an unknown contract name', async () => {
    const config = await loadConfig('lockstep.config.ts', FIXTURES);
    const error = await caught(() => runReplay({ config, cwd: FIXTURES, reporters: [], contract: 'other' }));
    expect(error.code).toBe('SKEW_USAGE');
    expect(error.message).toBe(`runReplay: no contract named "other" in ${FIXTURES}lockstep.config.ts (it has: users)`);
  });
});
