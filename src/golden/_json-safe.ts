/** A decoded value as JSON can hold it, and where values JSON cannot hold were replaced. */
export interface JsonSafe {
  readonly value: unknown;
  /** JSON Pointers (as ajv's `instancePath`) of the values replaced: bigint, NaN and ±Infinity. */
  readonly replaced: readonly string[];
}

const escapeKey = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** A JSON Pointer from a path of keys and indices. */
export function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((k) => `/${escapeKey(String(k))}`).join('');
}

/**
 * Replaces each value JSON cannot hold (bigint, NaN, ±Infinity) by the number 0, so a JSON Schema validator sees the
 * rest of the record as it is; the caller checks the replaced values against the contract itself. -0 is a number a
 * validator handles as it is.
 */
export function jsonSafe(value: unknown): JsonSafe {
  const replaced: string[] = [];
  const walk = (v: unknown, at: string): unknown => {
    if (typeof v === 'bigint' || (typeof v === 'number' && !Number.isFinite(v))) {
      replaced.push(at);
      return 0;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${at}/${i}`));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${at}/${escapeKey(k)}`)]));
    }
    return v;
  };
  return { value: walk(value, ''), replaced };
}

/** Whether a JSON Pointer is `pointer` itself or inside it. */
export function isAtOrUnder(at: string, pointer: string): boolean {
  return at === pointer || at.startsWith(`${pointer}/`);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A readable path from a JSON Pointer inside `root`: `serving.amount_log`, `input[2].amount`, `input["odd key"]`
 * (array indices where the value is an array, so a numeric object key stays a key).
 */
export function readablePath(prefix: string, pointer: string, root: unknown): string {
  let out = prefix;
  let node = root;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) out += `[${key}]`;
    else out += IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return out;
}
