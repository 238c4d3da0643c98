import { endOfValue } from '../codec/json-span.ts';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { escapeRegExp } from './_plain.ts';
import type { TokenOf } from './redact-paths.ts';
import { isRedactionToken } from './redaction-token.ts';

/** What stands for a value cut off by the end of the text (an excerpt cut to a readable length): it has no token. */
export const CUT_VALUE = '<redacted>';

/**
 * Raw JSON text (a log line, or its excerpt, which may be cut short or not be JSON at all) with the value after every
 * key named like the last part of a redacted path replaced: by its token when the value is whole, by
 * {@link CUT_VALUE} through the end of the text when the text ends inside it. The key is matched wherever it is, at
 * any depth, so a field of another object with the same name is replaced too (more is hidden, never less); `null`
 * is kept. Keys written with escapes are not recognised.
 * @param text - the raw text
 * @param fields - the redacted paths
 * @param tokenOf - the token of a path's value
 * @param onValue - told each real value replaced, with its token
 * @remarks Since 0.1
 * @public
 */
export function redactJsonText(
  text: string,
  fields: readonly string[],
  tokenOf: TokenOf,
  onValue: (value: unknown, token: string) => void = () => {},
): string {
  const byKey = new Map<string, string>();
  for (const field of fields) {
    const key = field.split('.').at(-1) as string;
    if (!byKey.has(key)) byKey.set(key, field);
  }
  if (byKey.size === 0) return text;
  const keys = [...byKey.keys()].map((k) => escapeRegExp(JSON.stringify(k))).join('|');
  const pattern = new RegExp(`(${keys})\\s*:\\s*`, 'g');
  let out = '';
  let done = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    const start = found.index + found[0].length;
    if (start < done || start >= text.length) continue;
    const field = byKey.get(JSON.parse(found[1] as string) as string) as string;
    const end = endOfValue(text, start);
    if (end < 0) {
      out += `${text.slice(done, start)}${CUT_VALUE}`;
      done = text.length;
      break;
    }
    const raw = text.slice(start, end);
    let value: unknown;
    try {
      value = parseLosslessJson(raw);
    } catch {
      value = raw;
    }
    if (value === null || isRedactionToken(value)) continue;
    const token = tokenOf(field, value);
    onValue(value, token);
    out += `${text.slice(done, start)}${JSON.stringify(token)}`;
    done = end;
    pattern.lastIndex = end;
  }
  return out + text.slice(done);
}
