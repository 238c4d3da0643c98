/**
 * `lockstep/vitest`: property-based parity tests inside vitest (or any test runner).
 *
 * ```ts
 * import { parity } from 'lockstep/vitest';
 * it('serving computes the training features', () => parity(cardFraud, { training, serving: () => makeServing() }));
 * ```
 */
export type { HistoryLimits } from '../fuzz/case-arbitrary.ts';
export type { Finding, FuzzResult, FuzzSides, SideFactory } from '../fuzz/fuzz-result.ts';
export type { CorpusStore, UpdateMode } from '../snapshot/corpus-entry.ts';
export { fsCorpusStore } from '../snapshot/fs-corpus-store.ts';
export { memoryCorpusStore } from '../snapshot/memory-corpus-store.ts';
export { checkParity, type ParityOptions } from './check-parity.ts';
export { ParityError, parity } from './parity.ts';
