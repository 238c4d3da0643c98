import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import type { Contract } from '../../contract/contract.ts';
import { contractToJson, contractToJsonSchema } from '../../contract/to-json-schema.ts';
import { SkewError } from '../../errors.ts';
import { loadContractFile } from '../../io/contract-file.ts';
import { outputDirectory, writeOutputFile } from '../../io/output-file.ts';
import { helpText, parseArgsOptions, schemaFlags } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep schema [options]',
  [
    'Exports each contract of the config (or the --contract-file) twice: <name>.contract.json, the whole contract',
    '(tolerances included) as a contract file a config can name and loadContractFile loads back (docs/contracts.md),',
    'and <name>.schema.json, a plain JSON Schema 2020-12 of { input, features } for Python, Java or Go code to validate',
    'inputs and features against the same source of truth.',
  ].join('\n'),
  schemaFlags,
);

function writeJson(file: string, value: unknown): void {
  writeOutputFile(file, `${JSON.stringify(value, null, 2)}\n`, '--out-dir');
  process.stdout.write(`wrote ${file}\n`);
}

/** The config's contracts, or the one `--contract` names. */
async function configContracts(flags: Record<string, string | boolean | undefined>): Promise<Contract[]> {
  const loaded = await loadConfig(flags.config as string | undefined, process.cwd());
  const wanted = flags.contract as string | undefined;
  const contracts = loaded.config.contracts
    .map((b) => b.contract)
    .filter((c) => wanted === undefined || c.name === wanted);
  if (contracts.length === 0)
    throw new SkewError('SKEW_USAGE', `lockstep schema: no contract named "${wanted}" in ${loaded.path}`);
  return contracts;
}

/** `lockstep schema`: writes each contract as `<name>.contract.json` and `<name>.schema.json`. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(schemaFlags), strict: true });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = flags['contract-file'] as string | undefined;
  const contracts = file === undefined ? await configContracts(flags) : [loadContractFile(resolve(file))];
  const dir = resolve((flags['out-dir'] as string | undefined) ?? '.');
  outputDirectory(dir, '--out-dir');
  for (const contract of contracts) {
    writeJson(join(dir, `${contract.name}.contract.json`), contractToJson(contract));
    writeJson(join(dir, `${contract.name}.schema.json`), contractToJsonSchema(contract));
  }
  return 0;
}
