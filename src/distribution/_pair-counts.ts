/** Adds `other`'s [training, serving] counts per key into `into`. @internal */
export function addPairCounts<K>(
  into: Map<K, [number, number]>,
  other: ReadonlyMap<K, readonly [number, number]>,
): void {
  for (const [key, [t, s]] of other) {
    const known = into.get(key);
    if (known === undefined) into.set(key, [t, s]);
    else {
      known[0] += t;
      known[1] += s;
    }
  }
}
