import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ContractBinding } from '../../config/define-config.ts';
import { loadConfig } from '../../config/load-config.ts';
import { SkewError } from '../../errors.ts';
import { loadContractFile } from '../../io/contract-file.ts';
import { generateContractTypes, typesFileState, writeTypesFile } from '../../runner/run-types.ts';
import { helpText, parseArgsOptions, typesFlags } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep types --contract <file> [--out <file.ts>] [--check]\n       lockstep types [--config <file>] [--check]',
  [
    'Generates TypeScript types for a contract file’s input and features (export interface <Name>Input,',
    '<Name>Features), so a TypeScript side written against a JSON or YAML contract is type-checked. Without',
    '--contract, regenerates the types file of every contract of the config that lists one (types: <file.ts>).',
    'With --check, writes nothing and exits 1 when a types file is stale or missing.',
  ].join('\n'),
  typesFlags,
);

interface Target {
  readonly binding: Pick<ContractBinding, 'contract'>;
  readonly source: string;
  readonly out?: string;
}

async function targets(flags: Record<string, string | boolean | undefined>): Promise<Target[]> {
  const file = (flags.contract ?? flags['contract-file']) as string | undefined;
  const out = flags.out as string | undefined;
  if (file !== undefined) {
    const path = resolve(file);
    return [{ binding: { contract: loadContractFile(path) }, source: file, ...(out === undefined ? {} : { out }) }];
  }
  if (out !== undefined) throw new SkewError('SKEW_USAGE', 'lockstep types: --out needs --contract <file>');
  const loaded = await loadConfig(flags.config as string | undefined, process.cwd());
  const listed = loaded.config.contracts.filter((b) => b.types !== undefined);
  if (listed.length === 0) {
    throw new SkewError(
      'SKEW_USAGE',
      `lockstep types: no contract of ${loaded.path} lists a types file; add types: '<file.ts>' to its binding, or pass --contract <file> --out <file.ts>`,
    );
  }
  return listed.map((b) => ({ binding: b, source: loaded.path, out: resolve(loaded.root, b.types as string) }));
}

/** `lockstep types`: generates (or, with `--check`, checks) the TypeScript types of contracts. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(typesFlags), strict: true });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const check = flags.check === true;
  let stale = 0;
  for (const { binding, source, out } of await targets(flags)) {
    if (out === undefined) {
      if (check) throw new SkewError('SKEW_USAGE', 'lockstep types: --check needs --out <file.ts> to compare with');
      process.stdout.write(await generateContractTypes(binding.contract, source));
    } else if (check) {
      const state = await typesFileState(binding.contract, resolve(out));
      if (state !== 'fresh') stale++;
      const say = state === 'fresh' ? 'fresh' : `${state}: regenerate it with lockstep types and commit it`;
      (state === 'fresh' ? process.stdout : process.stderr).write(`${out}: ${say}\n`);
    } else {
      await writeTypesFile(binding.contract, resolve(out));
      process.stdout.write(`wrote ${out}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}
