import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { SkewError } from '../../../src/errors.ts';

const CONTRACT = new URL('../../../examples/card-fraud/contracts/card_fraud.contract.json', import.meta.url).pathname;

/** Loads a config whose one binding is `binding` (JavaScript source of an object literal's fields). */
async function loadBinding(binding: string): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-config-shape-'));
  const file = join(dir, 'lockstep.config.mjs');
  writeFileSync(file, `export default { contracts: [{ contract: ${JSON.stringify(CONTRACT)}, ${binding} }] };\n`);
  try {
    await loadConfig(file, dir);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a config binding of the wrong shape: a config error naming the field and what to write', () => {
  it.each([
    [
      "training: 'http://127.0.0.1:1/x', serving: 'logged'",
      `.training is the string "http://127.0.0.1:1/x"; write { http: "http://127.0.0.1:1/x" }`,
    ],
    [
      "training: 'python3 train.py', serving: 'logged'",
      '.training is the string "python3 train.py"; write { command: ["python3","train.py"] }',
    ],
    [
      "training: 'features/day-1.parquet', serving: 'logged'",
      '.training is the string "features/day-1.parquet"; write { features: "features/day-1.parquet" }',
    ],
    ["training: 'logged', serving: 5", '.serving is 5; a side is'],
    ["training: null, serving: 'logged'", '.training is null; a side is'],
    ["training: (batch) => batch, serving: 'logged'", '.training is a bare function; wrap it as recordSide(fn)'],
    ["training: {}, serving: 'logged'", '.training has none of compute, command, http or features'],
    [
      "training: { command: 'python3 train.py' }, serving: 'logged'",
      '.training.command must be a non-empty array of strings',
    ],
    [
      "training: { http: 'localhost:8080' }, serving: 'logged'",
      '.training.http must be a URL starting with http:// or https://, got "localhost:8080"',
    ],
    ["training: { compute: 1 }, serving: 'logged'", '.training has a compute that is not a function'],
    [
      "training: 'logged', serving: 'logged', logs: 'day-1.jsonl'",
      `.logs must be an array of log paths, e.g. ['logs/day-1.jsonl'], got "day-1.jsonl"`,
    ],
    ["training: 'logged', serving: 'logged', logs: [5]", '.logs must be an array of log paths'],
  ])('%s', async (binding, message) => {
    const error = await loadBinding(binding);
    expect(error).toBeInstanceOf(SkewError);
    expect((error as SkewError).code).toBe('SKEW_CONFIG_INVALID');
    expect((error as SkewError).message).toContain(`contracts[0]${message}`);
  });

  it('a contract object not made with defineContract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-config-shape-'));
    const file = join(dir, 'lockstep.config.mjs');
    writeFileSync(
      file,
      "export default { contracts: [{ contract: { name: 'x' }, training: 'logged', serving: 'logged' }] };\n",
    );
    await expect(loadConfig(file, dir)).rejects.toThrow(
      'contracts[0].contract must be a contract made with defineContract, or a contract file',
    );
  });

  it('the same contract listed twice', async () => {
    const error = await loadBinding(
      `training: 'logged', serving: 'logged' }, { contract: ${JSON.stringify(CONTRACT)}, training: 'logged', serving: 'logged'`,
    );
    expect((error as SkewError).message).toContain(
      'contracts[1] is contract "card_fraud" again (as contracts[0]); list each contract once',
    );
  });

  it('every side form a config takes still loads', async () => {
    const sides = [
      "training: 'logged', serving: { http: 'http://127.0.0.1:1/features' }",
      "training: { command: ['python3', 'train.py'] }, serving: { features: 'features.parquet' }",
      "training: { compute: async (batch) => batch.map(() => ({ features: {} })), shape: 'record', description: 'x' }, serving: 'logged', logs: ['day-1.jsonl']",
    ];
    for (const binding of sides) expect(await loadBinding(binding), binding).toBeUndefined();
  });
});
