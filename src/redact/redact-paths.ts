import { isPlainObject } from './_plain.ts';
import { isRedactionToken } from './redaction-token.ts';

/** How a redacted value is replaced: its field's path and the real value in, the token out. */
export type TokenOf = (field: string, value: unknown) => string;

/**
 * The redacted path (of `fields`) that `path` is, or lies under: `holder.name` under `holder`. Undefined when the path
 * is not redacted.
 * @remarks Since 0.1
 * @public
 */
export function redactedPathOf(path: string, fields: readonly string[]): string | undefined {
  return fields.find((f) => path === f || path.startsWith(`${f}.`));
}

function redactAt(
  value: unknown,
  parts: readonly string[],
  at: number,
  field: string,
  tokenOf: TokenOf,
  onValue: (value: unknown, token: string) => void,
): unknown {
  // A list along the way (a history, a list of objects): each of its items.
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = redactAt(item, parts, at, field, tokenOf, onValue);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (!isPlainObject(value)) return value;
  const key = parts[at] as string;
  if (!Object.hasOwn(value, key)) return value;
  const inner = value[key];
  let next: unknown;
  if (at < parts.length - 1) next = redactAt(inner, parts, at + 1, field, tokenOf, onValue);
  else if (inner === null || inner === undefined || inner === '' || isRedactionToken(inner)) next = inner;
  else {
    next = tokenOf(field, inner);
    onValue(inner, next as string);
  }
  return next === inner ? value : { ...value, [key]: next };
}

/**
 * An input with the values at `fields` (paths, dotted for nested fields) replaced by their tokens: a record, or a
 * list of them (an entity history); a list met along a path has each item redacted. A field that is absent, `null`
 * or the empty string (nothing to hide) or already a token is left as it is; what is not a plain object is returned unchanged. The input
 * itself is never modified.
 * @param input - the input as logged
 * @param fields - the redacted paths
 * @param tokenOf - the token of a path's value
 * @param onValue - told each real value replaced, with its token
 * @remarks Since 0.1
 * @public
 */
export function redactPaths(
  input: unknown,
  fields: readonly string[],
  tokenOf: TokenOf,
  onValue: (value: unknown, token: string) => void = () => {},
): unknown {
  let out = input;
  for (const field of fields) out = redactAt(out, field.split('.'), 0, field, tokenOf, onValue);
  return out;
}
