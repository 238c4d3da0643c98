import type { GoldenResult } from '../golden/golden-result.ts';
import { redactPaths } from './redact-paths.ts';
import type { Redactor } from './redactor.ts';
import { scrubStrings } from './scrub-strings.ts';
import { SecretTexts } from './secret-texts.ts';

/**
 * A golden check's result as reporters show it: each change's input with its redacted fields replaced by their
 * tokens, and the values of those fields in the changes' and the checked cases' inputs replaced wherever a side's
 * error message or a reason quotes them; `redacted` lists the fields. The golden file itself keeps the real values (it
 * is checked from them).
 * @param result - the result as the check built it
 * @param redactor - the contract's redactor
 * @param inputs - the inputs of the cases checked (configured, offered and stored), whose values messages may quote
 * @remarks Since 0.1
 * @public
 */
export function redactGoldenResult(
  result: GoldenResult,
  redactor: Redactor,
  inputs: readonly unknown[] = [],
): GoldenResult {
  const secrets = new SecretTexts();
  const note = (value: unknown, token: string) => secrets.add(value, token);
  for (const input of inputs) redactPaths(input, redactor.fields, redactor.tokenOf, note);
  const changes = result.changes.map((c) =>
    c.input === undefined ? c : { ...c, input: redactPaths(c.input, redactor.fields, redactor.tokenOf, note) },
  );
  return { ...scrubStrings({ ...result, changes }, secrets), redacted: redactor.fields };
}
