import type { ArbitraryOptions } from '../arbitraries/from-schema.ts';
import type { Side } from '../implementations/side.ts';
import type { HistoryLimits } from './case-arbitrary.ts';
import type { SideFactory } from './fuzz-result.ts';

/**
 * Fuzz settings of one contract in `lockstep.config.ts` (`contracts: [{ contract, training, serving, fuzz }]`):
 * what generated inputs need beyond the replay config.
 * @remarks Since 0.1
 * @public
 */
export interface FuzzSettings {
  /** Training side for fuzzing instead of the binding's: typically a factory, so a stateful side starts fresh. */
  readonly training?: Side | SideFactory;
  /** Serving side for fuzzing instead of the binding's (e.g. `() => recordSide(contract, createServing())`). */
  readonly serving?: Side | SideFactory;
  /** Budget of generated cases (default 1,000; `--runs` wins). */
  readonly runs?: number;
  /** Generator overrides by field path (e.g. `{ cardholder_tz: fc.constantFrom(...zones) }`), time zones, edge bias. */
  readonly arbitraries?: ArbitraryOptions;
  /** Entity history limits (events and entities per case, windows whose boundaries get events). */
  readonly history?: HistoryLimits;
}
