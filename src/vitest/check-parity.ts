import { join } from 'node:path';
import type { ArbitraryOptions } from '../arbitraries/from-schema.ts';
import type { Contract } from '../contract/contract.ts';
import type { HistoryLimits } from '../fuzz/case-arbitrary.ts';
import { fuzzContract } from '../fuzz/fuzz-contract.ts';
import type { Finding, FuzzResult, SideFactory } from '../fuzz/fuzz-result.ts';
import type { Side } from '../implementations/side.ts';
import type { CorpusStore, UpdateMode } from '../snapshot/corpus-entry.ts';
import { fsCorpusStore } from '../snapshot/fs-corpus-store.ts';
import { vitestState } from './_vitest-state.ts';

/**
 * Options of {@link checkParity} and `parity`.
 * @public
 */
export interface ParityOptions {
  /**
   * A side instance or a factory. An instance (e.g. a command side: one child for the whole run) is yours: parity
   * starts it if needed and never closes it, so it can serve several tests; close it yourself (`afterAll`). A
   * factory makes a fresh side per case (stateful code); Lockstep starts and closes every side it makes.
   */
  readonly training: Side | SideFactory;
  readonly serving: Side | SideFactory;
  /** Generated cases (default 1,000). */
  readonly runs?: number;
  readonly seed?: number;
  /** With `seed`: replay exactly the case a report printed. */
  readonly path?: string;
  readonly arbitraries?: ArbitraryOptions;
  readonly history?: HistoryLimits;
  /**
   * The regression corpus replayed first and written per `update`. Default: `fsCorpusStore('<root>/snapshots')`,
   * the folder `lockstep fuzz` uses, with `<root>` the vitest project root (the working directory outside vitest).
   * `memoryCorpusStore()` keeps it in memory.
   */
  readonly corpus?: CorpusStore;
  /**
   * Default: vitest's snapshot update state — `all` under `vitest -u` (fixed and stale cases removed), `none` on CI
   * (nothing written), else `new`; outside vitest, `none` when the `CI` environment variable is set, else `new`.
   */
  readonly update?: UpdateMode;
  readonly onFinding?: (finding: Finding) => void;
}

/**
 * Fuzzes a contract's two sides inside a test and returns the result as data (fast-check's `check`); `parity`
 * throws instead (`assert`).
 * @param contract - the contract
 * @param options - sides, budget, seed (and path), generator options, corpus
 * @remarks Since 0.1
 * @public
 */
export async function checkParity(contract: Contract, options: ParityOptions): Promise<FuzzResult> {
  const { training, serving, ...rest } = options;
  const vitest = await vitestState();
  const ci = (process.env.CI ?? '') !== '' && process.env.CI !== 'false';
  return await fuzzContract({
    ...rest,
    contract,
    sides: { training, serving },
    corpus:
      options.corpus ??
      fsCorpusStore(join(vitest.root ?? process.cwd(), 'snapshots'), 'checkParity (snapshots/ of the vitest root)'),
    update: options.update ?? vitest.update ?? (ci ? 'none' : 'new'),
    now: () => new Date(),
    clock: () => performance.now(),
  });
}
