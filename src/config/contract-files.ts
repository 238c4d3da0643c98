import { dirname, resolve } from 'node:path';
import type { LockstepConfig, LockstepConfigSpec } from './define-config.ts';

/**
 * A config with each contract given as a file path (`contract: 'contracts/card-fraud.contract.json'`, relative to the
 * config file) loaded as a contract; contracts given as objects are kept as they are.
 * @param config - the config as its module exports it
 * @param file - the config file
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the contract file, the JSON path and what to write
 * @internal
 */
export async function resolveContractFiles(config: LockstepConfigSpec, file: string): Promise<LockstepConfig> {
  if (config.contracts.every((b) => typeof b?.contract !== 'string')) return config as LockstepConfig;
  // The contract-file reader (YAML, JSON Schema validation) is loaded only for a config that names contract files.
  const { loadContractFile } = await import('../io/contract-file.ts');
  return {
    ...config,
    contracts: config.contracts.map((binding) =>
      typeof binding?.contract === 'string'
        ? { ...binding, contract: loadContractFile(resolve(dirname(file), binding.contract)) }
        : (binding as LockstepConfig['contracts'][number]),
    ),
  };
}
