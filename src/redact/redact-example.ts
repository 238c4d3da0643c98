import type { DivergenceExample } from '../replay/replay-report.ts';
import { redactedPathOf, redactPaths } from './redact-paths.ts';
import { isRedactionToken } from './redaction-token.ts';
import type { Redactor } from './redactor.ts';
import { scrubStrings } from './scrub-strings.ts';
import { SecretTexts } from './secret-texts.ts';

/** The example with its input redacted (and its entity, when the entity field is), noting the real values. @internal */
export function redactExampleInput(e: DivergenceExample, r: Redactor, secrets: SecretTexts): DivergenceExample {
  const note = (value: unknown, token: string) => secrets.add(value, token);
  const input = redactPaths(e.input, r.fields, r.tokenOf, note);
  const entityField = r.entity;
  const hidden = e.entity === undefined || isRedactionToken(e.entity);
  if (entityField === undefined || hidden || redactedPathOf(entityField, r.fields) === undefined)
    return input === e.input ? e : { ...e, input };
  const logged = (e.input as Record<string, unknown> | null)?.[entityField];
  const entity = r.tokenOf(entityField, logged ?? e.entity);
  secrets.add(e.entity, entity);
  return { ...e, input, entity };
}

/**
 * One divergence as the divergence file (`--divergences`) writes it: its input's redacted fields replaced by their
 * tokens, and those values replaced wherever its cause, detail or values quote them.
 * @param example - the divergence with its record, as the replay streams it
 * @param redactor - the contract's redactor
 * @remarks Since 0.1
 * @public
 */
export function redactExample<E extends DivergenceExample>(example: E, redactor: Redactor): E {
  const secrets = new SecretTexts();
  const shown = redactExampleInput(example, redactor, secrets) as E;
  return scrubStrings(shown, secrets);
}
