import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cardFraud } from '../../contracts/card-fraud.ts';
import { contractFromJsonSchema } from '../../src/contract/from-json-schema.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../../examples/card-fraud/lockstep.config.ts', import.meta.url).pathname;
const PYTHON = new URL('../../.venv/bin/python', import.meta.url).pathname;
const META = new URL('../../schemas/contract.schema.json', import.meta.url).pathname;

describe('lockstep schema', () => {
  it('writes <name>.contract.json (the whole contract) and <name>.schema.json (plain 2020-12, ajv strict, Python jsonschema)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-schema-'));
    const result = await runCli(['schema', '--config', CONFIG, '--out-dir', dir]);
    expect(result.exitCode).toBe(0);
    const contractFile = join(dir, 'card_fraud.contract.json');
    const schemaFile = join(dir, 'card_fraud.schema.json');
    expect(result.stdout).toBe(`wrote ${contractFile}\nwrote ${schemaFile}`);

    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    expect(() => new Ajv2020({ strict: true }).compile(schema)).not.toThrow();
    const check =
      'import json, sys\nfrom jsonschema import Draft202012Validator\nDraft202012Validator.check_schema(json.load(open(sys.argv[1])))\nprint("ok")';
    expect(execFileSync(PYTHON, ['-c', check, schemaFile], { encoding: 'utf8' }).trim()).toBe('ok');

    const loaded = contractFromJsonSchema(JSON.parse(readFileSync(contractFile, 'utf8')), contractFile);
    expect(loaded.features).toEqual(cardFraud.features);
    expect(loaded.extraFields).toBe('strip');
  });

  it('--help names both files', async () => {
    const result = await runCli(['schema', '--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('<name>.contract.json');
    expect(result.stdout).toContain('<name>.schema.json');
  });
});

describe('lockstep schema --contract-file: the round trip through a contract file', () => {
  it('exports a contract file exactly as it exports the TypeScript contract it came from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-schema-file-'));
    const fromTs = await runCli(['schema', '--config', CONFIG, '--out-dir', join(dir, 'ts')]);
    expect(fromTs.exitCode, fromTs.all).toBe(0);
    const contractFile = join(dir, 'ts', 'card_fraud.contract.json');
    const yamlFile = join(dir, 'card_fraud.contract.yaml');
    writeFileSync(yamlFile, stringify(JSON.parse(readFileSync(contractFile, 'utf8'))));
    for (const [source, out] of [
      [contractFile, 'json'],
      [yamlFile, 'yaml'],
    ] as const) {
      const again = await runCli(['schema', '--contract-file', source, '--out-dir', join(dir, out)]);
      expect(again.exitCode, again.all).toBe(0);
      for (const name of ['card_fraud.contract.json', 'card_fraud.schema.json']) {
        expect(readFileSync(join(dir, out, name), 'utf8')).toBe(readFileSync(join(dir, 'ts', name), 'utf8'));
      }
    }
  });

  it('<name>.contract.json passes ajv strict mode (its input) and Python jsonschema (against the meta-schema)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-schema-meta-'));
    const result = await runCli(['schema', '--config', CONFIG, '--out-dir', dir]);
    expect(result.exitCode).toBe(0);
    const contractFile = join(dir, 'card_fraud.contract.json');
    const doc = JSON.parse(readFileSync(contractFile, 'utf8'));
    expect(() => new Ajv2020({ strict: true }).compile(doc.input)).not.toThrow();
    const check = [
      'import json, sys',
      'from jsonschema import Draft202012Validator',
      'meta, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))',
      'Draft202012Validator.check_schema(doc["input"])',
      'Draft202012Validator(meta).validate(doc)',
      'print("ok")',
    ].join('\n');
    expect(execFileSync(PYTHON, ['-c', check, META, contractFile], { encoding: 'utf8' }).trim()).toBe('ok');
  });
});
