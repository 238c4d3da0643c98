import { ABSENT, sameValue } from './_simplify.ts';

/** A path into an input: object keys and array indices. @internal */
export type InputPath = readonly (string | number)[];

/** Dotted form of a path, as arbitrary overrides write it: `merchant.name`, `items.0`. @internal */
export function dotted(path: InputPath): string {
  return path.map(String).join('.');
}

/** Every node under `value` in pre-order (containers before their children), root excluded. @internal */
export function nodePaths(value: unknown, prefix: InputPath = []): InputPath[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  const out: InputPath[] = [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  for (const key of keys) {
    const path = [...prefix, key];
    out.push(path, ...nodePaths((value as Record<string | number, unknown>)[key], path));
  }
  return out;
}

/** The value at a path, or ABSENT when the path does not exist. @internal */
export function getAt(value: unknown, path: InputPath): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return ABSENT;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `value` with the node at `path` replaced (or deleted, for ABSENT). @internal */
export function setAt(value: unknown, path: InputPath, next: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  const child = rest.length === 0 ? next : setAt(copy[key], rest, next);
  if (child === ABSENT) delete copy[key];
  else copy[key] = child;
  return copy;
}

/** The paths where two inputs differ: changed leaves, and containers whose shape changed. @internal */
export function diffPaths(a: unknown, b: unknown, prefix: InputPath = []): string[] {
  if (sameValue(a, b)) return [];
  const plain = (v: unknown) => v !== null && typeof v === 'object' && !(v instanceof Date);
  const bothArrays = Array.isArray(a) && Array.isArray(b) && a.length === b.length;
  const bothObjects = plain(a) && plain(b) && !Array.isArray(a) && !Array.isArray(b);
  if (!bothArrays && !bothObjects) return [dotted(prefix)];
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  return [...keys].flatMap((k) => {
    const key = bothArrays ? Number(k) : k;
    return diffPaths(getAt(a, [key]), getAt(b, [key]), [...prefix, key]);
  });
}
