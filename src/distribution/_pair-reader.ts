/**
 * Reads both sides' values of a record's features into one array (training at `2i`, serving at `2i + 1`) with each
 * feature read by its name written in generated code: a load by a name that changes at every step of a loop costs
 * several times one by a fixed name (see compare-features.ts, which does the same for the comparator).
 * @internal
 */
export type PairReader = (
  training: Readonly<Record<string, unknown>>,
  serving: Readonly<Record<string, unknown>>,
  out: unknown[],
) => void;

/** The reader of each name list seen (a contract's `featureNames` is one list for the run). */
const byList = new WeakMap<readonly string[], PairReader>();
/** Readers by their names, for callers that pass a new list each time; a few contracts per process. */
const byNames = new Map<string, PairReader>();
const NAMES_KEPT = 64;

function dynamicReader(names: readonly string[]): PairReader {
  return (training, serving, out) => {
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      out[2 * i] = training[name];
      out[2 * i + 1] = serving[name];
    }
  };
}

function generatedReader(names: readonly string[]): PairReader | undefined {
  const steps = names.map((name, i) => {
    const key = JSON.stringify(name);
    return `out[${2 * i}] = training[${key}]; out[${2 * i + 1}] = serving[${key}];`;
  });
  try {
    return new Function('training', 'serving', 'out', steps.join('\n')) as PairReader;
  } catch {
    return undefined; // code generation disallowed (--disallow-code-generation-from-strings, a CSP)
  }
}

/** The reader of `names`' values. @internal */
export function pairReader(names: readonly string[]): PairReader {
  let reader = byList.get(names);
  if (reader !== undefined) return reader;
  const key = names.join('\u0000');
  reader = byNames.get(key);
  if (reader === undefined) {
    reader = generatedReader(names) ?? dynamicReader(names);
    if (byNames.size >= NAMES_KEPT) byNames.clear();
    byNames.set(key, reader);
  }
  byList.set(names, reader);
  return reader;
}
