import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../../src/config/load-config.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { contractDefinitionSite } from '../../../src/contract/definition-site.ts';
import { contractFromJsonSchema } from '../../../src/contract/from-json-schema.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';

const HOSTILE = fileURLToPath(new URL('../../fixtures/hostile/lockstep.config.ts', import.meta.url));

describe('contractDefinitionSite', () => {
  it('is the file and line of the defineContract call', () => {
    const contract = defineContract({
      name: 'site',
      version: '1',
      entity: 'id',
      input: z.object({ id: z.string() }),
      features: { n: { type: 'int' } },
    });
    const self = fileURLToPath(import.meta.url);
    const callLine =
      readFileSync(self, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('= defineContract({')) + 1;
    expect(contractDefinitionSite(contract)).toMatchObject({ file: self, line: callLine });
  });

  it('points into a config loaded with loadConfig, without its cache-busting query', async () => {
    const { config } = await loadConfig(HOSTILE, process.cwd());
    const site = contractDefinitionSite(config.contracts[0]?.contract as object);
    expect(site).toEqual({ file: HOSTILE, line: 7, column: expect.any(Number) });
  });

  it('is unknown for a contract loaded from JSON (callers fall back to the config file)', async () => {
    const { config } = await loadConfig(HOSTILE, process.cwd());
    const contract = config.contracts[0]?.contract;
    if (contract === undefined) throw new Error('fixture has no contract');
    expect(contractDefinitionSite(contractFromJsonSchema(contractToJson(contract)))).toBeUndefined();
  });
});
