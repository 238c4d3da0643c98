import { isPlainObject } from './_plain.ts';
import type { SecretTexts } from './secret-texts.ts';

function scrubAny(value: unknown, secrets: SecretTexts): unknown {
  if (typeof value === 'string') return secrets.scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubAny(item, secrets));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[secrets.scrub(key)] = scrubAny(item, secrets);
  return out;
}

/**
 * A copy of plain data (objects, lists) with every known value in every string, and in every key, replaced by its
 * token (see {@link SecretTexts.scrub}): what free text (causes, details, hints, messages, stderr lines) echoes of a
 * redacted input. Values that are not plain data (a Map, a Date) are kept as they are.
 * @remarks Since 0.1
 * @public
 */
export function scrubStrings<T>(value: T, secrets: SecretTexts): T {
  return secrets.size === 0 ? value : (scrubAny(value, secrets) as T);
}
