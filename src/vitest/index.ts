/**
 * `lockstep/vitest`: property-based parity tests and golden snapshots inside vitest (or any test runner).
 *
 * ```ts
 * import { golden, parity } from 'lockstep/vitest';
 * it('serving computes the training features', () => parity(cardFraud, { training, serving: () => makeServing() }));
 * it('no feature moved', (context) => golden(cardFraud, { training, serving, cases, context }));
 * ```
 */
export type { HistoryLimits } from '../fuzz/case-arbitrary.ts';
export type { Finding, FuzzResult, FuzzSides, SideFactory } from '../fuzz/fuzz-result.ts';
export type {
  GoldenCaseSpec,
  GoldenChange,
  GoldenCounts,
  GoldenObsolete,
  GoldenResult,
  GoldenSideError,
} from '../golden/golden-result.ts';
export type { GoldenStore } from '../golden/golden-store.ts';
export type { CorpusStore, UpdateMode } from '../snapshot/corpus-entry.ts';
export { fsCorpusStore } from '../snapshot/fs-corpus-store.ts';
export { fsGoldenStore } from '../snapshot/fs-golden-store.ts';
export { memoryCorpusStore } from '../snapshot/memory-corpus-store.ts';
export { memoryGoldenStore } from '../snapshot/memory-golden-store.ts';
export { checkParity, type ParityOptions } from './check-parity.ts';
export { GoldenError, type GoldenOptions, type GoldenTestContext, golden } from './golden.ts';
export { ParityError, parity } from './parity.ts';
