import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../contracts/card-fraud.ts';
import { contractFromJsonSchema } from '../../src/contract/from-json-schema.ts';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../../examples/card-fraud/lockstep.config.ts', import.meta.url).pathname;
const PYTHON = new URL('../../.venv/bin/python', import.meta.url).pathname;

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
