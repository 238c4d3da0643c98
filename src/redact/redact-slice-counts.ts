import { isPlainObject } from './_plain.ts';
import { redactedPathOf, type TokenOf } from './redact-paths.ts';
import { isRedactionToken } from './redaction-token.ts';

type Plain = Readonly<Record<string, unknown>>;

/** A field's slicing counts as JSON: `{ keys: [...path], values: [[value, records], ...] | null, ... }`. */
function isFieldCounts(value: Plain): value is Plain & { keys: string[]; values: [unknown, number][] } {
  return (
    Array.isArray(value.keys) &&
    value.keys.every((k) => typeof k === 'string') &&
    Array.isArray(value.values) &&
    value.values.every((v) => Array.isArray(v) && v.length === 2)
  );
}

function walk(value: unknown, fields: readonly string[], tokenOf: TokenOf, onValue: TokenSeen): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, fields, tokenOf, onValue));
  if (!isPlainObject(value)) return value;
  if (isFieldCounts(value)) {
    const path = value.keys.join('.');
    if (redactedPathOf(path, fields) === undefined) return value;
    const values = value.values.map(([v, n]) => {
      if (isRedactionToken(v) || v === null) return [v, n];
      const token = tokenOf(path, v);
      onValue(v, token);
      return [token, n];
    });
    return { ...value, values };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, fields, tokenOf, onValue)]));
}

type TokenSeen = (value: unknown, token: string) => void;

/**
 * Merge data (a report's `mergeable` section) with the values root-cause slicing counted for redacted fields replaced
 * by their tokens, wherever field counts (`{ keys, values: [[value, records], …] }`) appear in it: merged shards then
 * rank the same slices and show the same tokens, and no real value is written. Counts are unchanged.
 * @param mergeable - the merge data
 * @param fields - the redacted paths
 * @param tokenOf - the token of a path's value
 * @param onValue - told each real value replaced, with its token
 * @remarks Since 0.1
 * @public
 */
export function redactSliceCounts<T>(
  mergeable: T,
  fields: readonly string[],
  tokenOf: TokenOf,
  onValue: TokenSeen = () => {},
): T {
  return walk(mergeable, fields, tokenOf, onValue) as T;
}
