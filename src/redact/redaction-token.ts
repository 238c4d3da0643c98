import { createHash, createHmac } from 'node:crypto';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';

/** A token as shown: `<redacted:` and 12 lowercase hex digits and `>`. */
const TOKEN = /^<redacted:[0-9a-f]{12}>$/;

/** Tokens inside a longer text. @internal */
export const TOKEN_IN_TEXT: RegExp = /<redacted:[0-9a-f]{12}>/g;

/**
 * The text that stands for a redacted input value in every output: `<redacted:` + the first 12 hex digits of
 * SHA-256 over the field's path, a NUL character and the value as JSON (as logged: 64-bit integers exact) + `>`, e.g.
 * `<redacted:3f9a1c0b2e4d>`. Equal values of a field show the same token in every report, run and shard, so a
 * reader can still tell them apart and group them; the value cannot be read back. With a `key` (the
 * `LOCKSTEP_REDACT_KEY` environment variable) the hash is HMAC-SHA-256 under it: without one, anyone can check a guess,
 * and a value with few possibilities (a card number of a known bank, a phone number) can be found by trying them all.
 * @param field - the field's path as the `redact` list names it (`holder.name`)
 * @param value - the real value
 * @param key - the secret of a keyed hash
 * @remarks Since 0.1
 * @public
 */
export function redactionToken(field: string, value: unknown, key?: string): string {
  const data = `${field}\u0000${stringifyLosslessJson(value)}`;
  const hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  return `<redacted:${hash.update(data).digest('hex').slice(0, 12)}>`;
}

/** Whether a value is already a redaction token (redacting is idempotent: a merged report's tokens stay). @public */
export function isRedactionToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}
