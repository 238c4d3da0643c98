import {
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  DOT,
  MINUS,
  NINE,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
  ZERO,
} from './json-bytes.ts';
import { endOfString } from './number-tokens.ts';

/** What `patchWideIntegers` answers when the text has a shape it leaves to the marker parse. @internal */
export const NOT_PATCHED: unique symbol = Symbol('not patched');

/** An integer token the native parse rounded: where it sits, and its exact value. */
interface Patch {
  readonly path: readonly (string | number)[];
  /** For each object on the path, its ordinal (objects numbered as they open): its key count is checked. */
  readonly objects: readonly number[];
  readonly value: bigint;
}

/** Deeper texts are left to the marker parse. */
const MAX_DEPTH = 64;

/**
 * The scan's state per open container, by depth, reused from text to text (the scan allocates nothing until it finds a
 * wide integer): whether it is an array, its index (arrays) or ordinal (objects), its keys seen and where the current
 * key is.
 */
const isArray = new Uint8Array(MAX_DEPTH);
const indexes = new Int32Array(MAX_DEPTH);
const ordinals = new Int32Array(MAX_DEPTH);
const keyCounts = new Int32Array(MAX_DEPTH);
const keyStarts = new Int32Array(MAX_DEPTH);
const keyEnds = new Int32Array(MAX_DEPTH);
/** Key counts of the objects as written, by ordinal (grown when a text opens more objects). */
let written = new Int32Array(256);

/** A key's text unquoted (unescaped by the native parser when it holds an escape). */
function keyText(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** The index just past the number token starting at `start`, negated when it has a fraction or an exponent. */
function numberEnd(text: string, start: number): number {
  let float = false;
  let end = start + 1;
  for (;;) {
    const c = text.charCodeAt(end);
    if (c >= ZERO && c <= NINE) end++;
    else if (c === DOT || c === 0x65 || c === 0x45) {
      float = true;
      end++;
    } else if (c === 0x2b || c === MINUS) end++;
    else break;
  }
  return float ? -end : end;
}

/** The path to the value at `depth`'s current place, and the ordinals of the objects on it; undefined at `__proto__`. */
function pathAt(text: string, depth: number): Omit<Patch, 'value'> | undefined {
  const path: (string | number)[] = [];
  const objects: number[] = [];
  for (let d = 0; d <= depth; d++) {
    if (isArray[d] === 1) {
      path.push(indexes[d] as number);
      continue;
    }
    const key = keyText(text, keyStarts[d] as number, keyEnds[d] as number);
    if (key === '__proto__') return undefined;
    path.push(key);
    objects.push(ordinals[d] as number);
  }
  return { path, objects };
}

/**
 * Makes the native reading `parsed` of the valid JSON `text` exact for integers beyond 2^53: one scan of the text
 * (strings skipped whole by `indexOf`) finds each such token and its path, and the token's `bigint` is written there.
 * No second parse, no copy of the text. Answers `NOT_PATCHED` where a path would not name one place (an object on it
 * with a duplicate key, a `__proto__` key) or the text nests deeper than 64: the caller then parses another way.
 * @internal
 */
export function patchWideIntegers(text: string, parsed: unknown): unknown {
  let patches: Patch[] | undefined;
  let objectCount = 0;
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
    if ((c >= ZERO && c <= NINE) || c === MINUS) {
      const signed = numberEnd(text, i);
      const end = signed < 0 ? -signed : signed;
      if (signed > 0 && end - i >= 16) {
        const token = text.slice(i, end);
        if (!Number.isSafeInteger(Number(token))) {
          const at = pathAt(text, depth);
          if (at === undefined) return NOT_PATCHED;
          patches ??= [];
          patches.push({ path: at.path, objects: at.objects, value: BigInt(token) });
        }
      }
      i = end;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth === MAX_DEPTH) return NOT_PATCHED;
      if (c === OPEN_OBJECT) {
        isArray[depth] = 0;
        if (objectCount === written.length) {
          const grown = new Int32Array(written.length * 2);
          grown.set(written);
          written = grown;
        }
        ordinals[depth] = objectCount;
        written[objectCount++] = 0;
        keyCounts[depth] = 0;
        expectingKey = true;
      } else {
        isArray[depth] = 1;
        indexes[depth] = 0;
      }
    } else if (c === CLOSE_OBJECT) {
      written[ordinals[depth] as number] = keyCounts[depth] as number;
      depth--;
      expectingKey = false;
    } else if (c === CLOSE_ARRAY) {
      depth--;
    } else if (c === COMMA) {
      if (isArray[depth] === 1) indexes[depth] = (indexes[depth] as number) + 1;
      else expectingKey = true;
    }
    i++;
  }
  return patches === undefined ? parsed : applyPatches(parsed, patches, written);
}

/** How many keys a parsed object has (its own, all enumerable: JSON.parse made it), without an array of them. */
function ownKeyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}

/** Writes each patch's value at its path, after checking each object on the path kept every key written in it. */
function applyPatches(parsed: unknown, patches: readonly Patch[], counts: Int32Array): unknown {
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
      if (!Array.isArray(at) && ownKeyCount(at) !== counts[objects[object++] as number]) return NOT_PATCHED;
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
