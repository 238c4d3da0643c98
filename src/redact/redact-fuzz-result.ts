import type { FuzzResult } from '../fuzz/fuzz-result.ts';
import type { StoredCase } from '../snapshot/corpus-entry.ts';
import { redactPaths } from './redact-paths.ts';
import type { Redactor } from './redactor.ts';
import { scrubStrings } from './scrub-strings.ts';
import { SecretTexts } from './secret-texts.ts';

/**
 * A fuzz run's result as reporters show it: each finding's minimal and original input, and the inputs of the corpus
 * cases it lists (fixed, stale), with their redacted fields replaced by their tokens, and those values replaced
 * wherever a cause, a detail or a message quotes them; `redacted` lists the fields. The regression corpus itself keeps
 * the real values (it replays them).
 * @param result - the result as the fuzz run built it
 * @param redactor - the contract's redactor
 * @remarks Since 0.1
 * @public
 */
export function redactFuzzResult(result: FuzzResult, redactor: Redactor): FuzzResult {
  const secrets = new SecretTexts();
  const hide = (input: unknown) =>
    redactPaths(input, redactor.fields, redactor.tokenOf, (value, token) => secrets.add(value, token));
  const stored = (s: StoredCase): StoredCase => ({ ...s, entry: { ...s.entry, input: hide(s.entry.input) } });
  const shown: FuzzResult = {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      minimalInput: hide(f.minimalInput),
      originalInput: hide(f.originalInput),
    })),
    ...(result.corpus === undefined
      ? {}
      : {
          corpus: { ...result.corpus, fixed: result.corpus.fixed.map(stored), stale: result.corpus.stale.map(stored) },
        }),
  };
  return { ...scrubStrings(shown, secrets), redacted: redactor.fields };
}
