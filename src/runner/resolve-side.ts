import { resolve } from 'node:path';
import type { SideSpec } from '../config/define-config.ts';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { loggedSide } from '../implementations/in-process.ts';
import type { Side } from '../implementations/side.ts';

/** Run-wide settings a config-level side spec may inherit. */
export interface SideDefaults {
  readonly root: string;
  readonly concurrency?: number;
  /** The contract the side computes: a frame side types its columns from it. */
  readonly contract?: Contract;
}

/**
 * Builds the `Side` a config or flag describes; relative working directories and features files resolve against the
 * config folder.
 * Out-of-process adapters are loaded only when used (execa is not loaded for in-process runs).
 */
export async function resolveSide(spec: SideSpec, defaults: SideDefaults): Promise<Side> {
  if (spec === 'logged') return loggedSide();
  if ('compute' in spec) return spec;
  if ('features' in spec) {
    const { featureFileSide } = await import('../implementations/feature-file-side.ts');
    const { features, ...rest } = spec;
    return featureFileSide({ ...rest, path: resolve(defaults.root, features) });
  }
  const concurrency = defaults.concurrency === undefined ? {} : { concurrency: defaults.concurrency };
  if ('command' in spec && 'protocol' in spec) {
    if (spec.protocol !== 'arrow')
      throw new SkewError(
        'SKEW_CONFIG_INVALID',
        `side protocol must be 'arrow' (or left out for the line protocol), got ${String(spec.protocol)}`,
      );
    const { frameSide } = await import('../implementations/frame-side.ts');
    const { protocol: _arrow, ...rest } = spec;
    const contract = defaults.contract === undefined ? {} : { contract: defaults.contract };
    return frameSide({ ...concurrency, ...contract, ...rest, cwd: resolve(defaults.root, spec.cwd ?? '.') });
  }
  if ('command' in spec) {
    const { commandSide } = await import('../implementations/command-side.ts');
    return commandSide({ ...concurrency, ...spec, cwd: resolve(defaults.root, spec.cwd ?? '.') });
  }
  const { httpSide } = await import('../implementations/http-side.ts');
  const { http, ...rest } = spec;
  return httpSide({ ...concurrency, ...rest, url: http });
}
