import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
const JSON_CONTRACT = join(EXAMPLE, 'contracts/card_fraud.contract.json');
const LOG = join(EXAMPLE, 'logs/sample.jsonl');

/** A folder with a config that names its contract by path, and that contract file. */
function project(contractFile: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-contract-file-'));
  writeFileSync(join(dir, contractFile), text);
  writeFileSync(
    join(dir, 'lockstep.config.mjs'),
    `export default { contracts: [{ contract: './${contractFile}', training: 'logged', serving: 'logged' }] };\n`,
  );
  return dir;
}

const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('a config naming a contract file', () => {
  it.each([
    ['card.contract.json', readFileSync(JSON_CONTRACT, 'utf8')],
    ['card.contract.yaml', stringify(JSON.parse(readFileSync(JSON_CONTRACT, 'utf8')))],
  ])('loads %s as the contract (lockstep schema writes it back unchanged)', async (name, text) => {
    const dir = project(name, text);
    const result = await runCli(['schema', '--out-dir', 'out'], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'out/card_fraud.contract.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(readFileSync(JSON_CONTRACT, 'utf8')));
  });

  it('exits 2 on a wrong contract, with every problem on its own line: file, JSON path, what to write', async () => {
    const doc = JSON.parse(readFileSync(JSON_CONTRACT, 'utf8'));
    doc.version = 1;
    doc.features.hour_of_day.tolerance = { abs: 0.5 };
    doc.features.log_amount.tolerance = { ms: 5 };
    doc.features.merchant_category.values = [];
    const dir = project('card.contract.json', JSON.stringify(doc, null, 2));
    const result = await runCli(['replay'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    const file = join(dir, 'card.contract.json');
    expect(result.stderr.trim().split('\n')).toEqual([
      'lockstep replay: contractFromJsonSchema: contract "card_fraud" has 4 problems:',
      `${file}: /version: must be string; write the version as a string, e.g. "1.0.0"`,
      `${file}: /features/log_amount/tolerance/ms: is not a field of a float tolerance; a float tolerance is { "abs": 1e-9, "rel": 1e-12 } ("ms" is for timestamps)`,
      `${file}: /features/hour_of_day/tolerance: is not a field of an int feature; int features are compared exactly and take no tolerance: remove it, or write "type": "float" if the values are fractional`,
      `${file}: /features/merchant_category/values: must NOT have fewer than 1 items; write the vocabulary as a non-empty list of distinct strings, e.g. ["grocery", "fuel"] (integers with "kind": "index"), or leave it out for an open category`,
    ]);
  });

  it.each([
    ['card.contract.txt', 'name: card', 'is not a JSON or YAML contract file (.json, .yaml, .yml)'],
    ['card.contract.json', '{ "name": "card_fraud",\n  "version": "1", }', 'is not valid JSON'],
    ['card.contract.yaml', 'name: card\n  version: [1\n', 'is not valid YAML at line 1, column 7'],
  ])('exits 2 on %s, which is not a JSON/YAML contract, naming the file and the reason', async (name, text, reason) => {
    const dir = project(name, text);
    const result = await runCli(['schema'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`lockstep schema: loadContractFile: ${join(dir, name)}: ${reason}`);
    noStack(result.all ?? '');
  });

  it('exits 2 on a contract path that names no file, relative to the config', async () => {
    const dir = project('card.contract.json', '{}');
    writeFileSync(
      join(dir, 'lockstep.config.mjs'),
      "export default { contracts: [{ contract: 'contracts/nope.json', training: 'logged', serving: 'logged' }] };\n",
    );
    const result = await runCli(['replay'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`loadContractFile: ${join(dir, 'contracts/nope.json')}: does not exist`);
    noStack(result.all ?? '');
  });

  it('an input construct the engine cannot check exactly: exit 2 with its path and what to write', async () => {
    const doc = JSON.parse(readFileSync(JSON_CONTRACT, 'utf8'));
    doc.input.properties.amount = JSON.parse(
      '{ "type": "number", "if": { "minimum": 100 }, "then": { "multipleOf": 10 } }',
    );
    const dir = project('card.contract.json', JSON.stringify(doc));
    const result = await runCli(['schema'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `/input/properties/amount/if: "if" is not supported by Lockstep's input checks; conditional schemas cannot be checked: write the cases as "anyOf" branches`,
    );
    expect(result.stderr).toContain('/input/properties/amount/then: "then" is not supported');
    noStack(result.all ?? '');
  });
});

describe('a JSON contract and the TypeScript contract it was exported from are the same at run time', () => {
  it('replaying the same log through the same sides gives the same report', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-contract-file-replay-'));
    const log = join(dir, 'log.jsonl');
    writeFileSync(log, `${readFileSync(LOG, 'utf8').split('\n').slice(0, 400).join('\n')}\n`);
    const replay = (config: string, out: string) =>
      runCli(
        [
          'replay',
          '--config',
          join(EXAMPLE, config),
          '--serving',
          'logged',
          '--log',
          log,
          '--minimize-steps',
          '0',
        ].concat(['--reporter', 'json', '--output-dir', out]),
        { cwd: dir },
      );
    const ts = await replay('lockstep.config.ts', join(dir, 'ts'));
    const json = await replay('lockstep.json-contract.config.ts', join(dir, 'json'));
    expect(ts.exitCode, ts.all).toBeLessThan(2);
    expect(json.exitCode).toBe(ts.exitCode);
    const report = (sub: string) => {
      const r = JSON.parse(readFileSync(join(dir, sub, 'lockstep-report.json'), 'utf8')).reports[0];
      return { contract: r.contract, counts: r.counts, features: r.features, classes: r.classes, invalid: r.invalid };
    };
    const fromTs = report('ts');
    expect(fromTs.counts).toBeDefined();
    expect(report('json')).toEqual(fromTs);
  });
});
