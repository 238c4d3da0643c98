import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  isDigit,
  isNumberChar,
  MINUS,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes.ts';
import { endOfString, writtenAsFloat } from './number-tokens.ts';

/** What `patchWideIntegers` answers when the text has a shape it leaves to the marker parse. @internal */
export const NOT_PATCHED: unique symbol = Symbol('not patched');

/** An integer token the native parse rounded: where it sits, and its exact value. */
interface Patch {
  readonly path: readonly (string | number)[];
  /** For each object on the path, its ordinal (objects numbered as they open): its key count is checked. */
  readonly objects: readonly number[];
  readonly value: bigint;
}

/** A key's text unquoted (unescaped by the native parser when it holds an escape). */
function keyText(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/**
 * Makes the native reading `parsed` of the valid JSON `text` exact for integers beyond 2^53: one scan of the text
 * (strings skipped whole by `indexOf`) finds each such token and its path, and the token's `bigint` is written there.
 * No second parse, no copy of the text. Answers `NOT_PATCHED` where a path would not name one place (an object on it
 * with a duplicate key, a `__proto__` key): the caller then parses another way.
 * @internal
 */
export function patchWideIntegers(text: string, parsed: unknown): unknown {
  // Per open container, by depth: array (index) or object (its ordinal, keys seen, where the current key is)
  const isArray: boolean[] = [];
  const indexes: number[] = [];
  const ordinals: number[] = [];
  const keyCounts: number[] = [];
  const keyStarts: number[] = [];
  const keyEnds: number[] = [];
  /** Key counts of the objects as written, by ordinal. */
  const written: number[] = [];
  const patches: Patch[] = [];
  let depth = -1;
  let expectingKey = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      if (expectingKey) {
        keyStarts[depth] = i;
        keyEnds[depth] = end;
        keyCounts[depth] = (keyCounts[depth] as number) + 1;
        expectingKey = false;
      }
      i = end;
      continue;
    }
    if (isDigit(c) || c === MINUS) {
      let end = i + 1;
      while (isNumberChar(text.charCodeAt(end))) end++;
      if (end - i >= 16) {
        const token = text.slice(i, end);
        if (!writtenAsFloat(token) && !Number.isSafeInteger(Number(token))) {
          const path: (string | number)[] = [];
          const objects: number[] = [];
          for (let d = 0; d <= depth; d++) {
            if (isArray[d]) {
              path.push(indexes[d] as number);
              continue;
            }
            const key = keyText(text, keyStarts[d] as number, keyEnds[d] as number);
            if (key === '__proto__') return NOT_PATCHED;
            path.push(key);
            objects.push(ordinals[d] as number);
          }
          patches.push({ path, objects, value: BigInt(token) });
        }
      }
      i = end;
      continue;
    }
    if (c === OPEN_OBJECT) {
      depth++;
      isArray[depth] = false;
      ordinals[depth] = written.length;
      written.push(0);
      keyCounts[depth] = 0;
      expectingKey = true;
    } else if (c === OPEN_ARRAY) {
      depth++;
      isArray[depth] = true;
      indexes[depth] = 0;
    } else if (c === CLOSE_OBJECT) {
      written[ordinals[depth] as number] = keyCounts[depth] as number;
      depth--;
      expectingKey = false;
    } else if (c === CLOSE_ARRAY) {
      depth--;
    } else if (c === COMMA) {
      if (isArray[depth]) indexes[depth] = (indexes[depth] as number) + 1;
      else expectingKey = true;
    }
    i++;
  }
  return applyPatches(parsed, patches, written);
}

/** Writes each patch's value at its path, after checking each object on the path kept every key written in it. */
function applyPatches(parsed: unknown, patches: readonly Patch[], written: readonly number[]): unknown {
  let root = parsed;
  for (const { path, objects, value } of patches) {
    if (path.length === 0) {
      root = value;
      continue;
    }
    let at = root as Record<string | number, unknown>;
    let object = 0;
    for (let d = 0; d < path.length; d++) {
      if (at === null || typeof at !== 'object') return NOT_PATCHED;
      if (!Array.isArray(at) && Object.keys(at).length !== written[objects[object++] as number]) return NOT_PATCHED;
      const key = path[d] as string | number;
      if (d === path.length - 1) {
        if (typeof at[key] !== 'number') return NOT_PATCHED;
        at[key] = value;
      } else {
        at = at[key] as Record<string | number, unknown>;
      }
    }
  }
  return root;
}
