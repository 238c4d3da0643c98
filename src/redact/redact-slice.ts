import { parseLosslessJson } from '../codec/lossless-json.ts';
import type { ClassSlice } from '../slicing/class-slice.ts';
import { redactedPathOf, type TokenOf } from './redact-paths.ts';
import { isRedactionToken } from './redaction-token.ts';

/**
 * A class slice whose field is redacted (or lies under a redacted path) with the value of its equality predicate
 * shown as the value's token, as in the examples: `card_number = <redacted:3f9a1c0b2e4d>`. Shape predicates
 * (`has length 16–31`, `ends in .5`, `is absent`) name no value and are kept: they are what slicing is for.
 * @param slice - the slice as ranked
 * @param fields - the redacted paths
 * @param tokenOf - the token of a path's value
 * @param onValue - told each real value replaced, with its token
 * @remarks Since 0.1
 * @public
 */
export function redactSlice(
  slice: ClassSlice,
  fields: readonly string[],
  tokenOf: TokenOf,
  onValue: (value: unknown, token: string) => void = () => {},
): ClassSlice {
  if (redactedPathOf(slice.field, fields) === undefined) return slice;
  const head = `${slice.field} = `;
  if (!slice.predicate.startsWith(head)) return slice;
  const text = slice.predicate.slice(head.length);
  let value: unknown;
  try {
    value = parseLosslessJson(text);
  } catch {
    value = text;
  }
  if (isRedactionToken(value)) return { ...slice, predicate: `${head}${value}` };
  const token = tokenOf(slice.field, value);
  onValue(value, token);
  return { ...slice, predicate: `${head}${token}` };
}
