import type { ArbitraryOptions } from '../arbitraries/from-schema.ts';
import type { Contract } from '../contract/contract.ts';
import type { HistoryLimits } from '../fuzz/case-arbitrary.ts';
import { fuzzContract } from '../fuzz/fuzz-contract.ts';
import type { Finding, FuzzResult, SideFactory } from '../fuzz/fuzz-result.ts';
import type { Side } from '../implementations/side.ts';
import type { CorpusStore, UpdateMode } from '../snapshot/corpus-entry.ts';

/**
 * Options of {@link checkParity} and `parity`.
 * @public
 */
export interface ParityOptions {
  /** A side instance (started once, e.g. a command side) or a factory (a fresh side per case: stateful code). */
  readonly training: Side | SideFactory;
  readonly serving: Side | SideFactory;
  /** Generated cases (default 1,000). */
  readonly runs?: number;
  readonly seed?: number;
  /** With `seed`: replay exactly the case a report printed. */
  readonly path?: string;
  readonly arbitraries?: ArbitraryOptions;
  readonly history?: HistoryLimits;
  /** A regression corpus to replay first and write new counterexamples to. */
  readonly corpus?: CorpusStore;
  /** Default `none` when the `CI` environment variable is set, else `new`. */
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
  const ci = typeof process !== 'undefined' && (process.env.CI ?? '') !== '' && process.env.CI !== 'false';
  return await fuzzContract({
    ...rest,
    contract,
    sides: { training, serving },
    update: options.update ?? (ci ? 'none' : 'new'),
    now: () => new Date(),
    clock: () => performance.now(),
  });
}
