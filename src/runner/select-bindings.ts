import type { ContractBinding } from '../config/define-config.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';

/**
 * The contracts of a config a run covers: all of them, or the one named.
 * @param config - the loaded config
 * @param contract - the name asked for, if any
 * @param api - the public function asking, for the message (`runReplay`, …)
 * @throws SkewError `SKEW_USAGE` naming the contracts the config has, when none is called `contract`
 * @internal
 */
export function selectBindings(config: LoadedConfig, contract: string | undefined, api: string): ContractBinding[] {
  const all = config.config.contracts as readonly ContractBinding[];
  const bindings = all.filter((b) => contract === undefined || b.contract.name === contract);
  if (bindings.length === 0) {
    const names = all.map((b) => b.contract.name).join(', ');
    throw new SkewError('SKEW_USAGE', `${api}: no contract named "${contract}" in ${config.path} (it has: ${names})`);
  }
  return bindings;
}
