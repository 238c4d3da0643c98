import type { StoredCase } from '../snapshot/corpus-entry.ts';
import type { GoldenCaseSpec } from './golden-result.ts';

/**
 * A contract's regression corpus offered as golden cases: each counterexample is a case named `corpus/<key>` of source
 * `corpus`, in its shape (a record, or an entity's history). `checkGolden` records one once both sides agree on it,
 * and skips it while they still disagree (fuzz reports those).
 * @param corpus - the stored cases of one contract's corpus
 * @remarks Since 0.1
 * @public
 */
export function goldenCasesFromCorpus(corpus: readonly StoredCase[]): GoldenCaseSpec[] {
  return corpus.map(({ key, entry }) => ({
    name: `corpus/${key}`,
    input: entry.input,
    source: 'corpus',
    ...(entry.shape === 'history' ? { shape: 'history' as const } : {}),
  }));
}
