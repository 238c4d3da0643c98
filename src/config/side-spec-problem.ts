/** The forms a side takes in a config, for messages. */
const SIDE_FORMS =
  "'logged', an in-process side (recordSide(fn) or entitySide(fn)), { command: [...] }, { http: 'http://…' } or { features: '<file>' }";

/** What to write instead of a side given as a string other than `logged`. */
function stringHint(text: string): string {
  if (/^https?:\/\//.test(text)) return `write { http: ${JSON.stringify(text)} }`;
  if (/\.(parquet|jsonl|jsonl\.gz)$/i.test(text)) return `write { features: ${JSON.stringify(text)} }`;
  return `write { command: ${JSON.stringify(text.trim().split(/\s+/))} }`;
}

/**
 * What is wrong with a side as a config gives it (`contracts[i].training` or `.serving`), or undefined when it has a
 * side's shape. The flags' string forms (a URL, a command line) are not a config's: the message says what to write.
 * @internal
 */
export function sideSpecProblem(spec: unknown): string | undefined {
  if (spec === 'logged') return undefined;
  if (typeof spec === 'string')
    return `is the string ${JSON.stringify(spec)}; ${stringHint(spec)} (a side is ${SIDE_FORMS})`;
  if (typeof spec === 'function')
    return `is a bare function; wrap it as recordSide(fn) (one record at a time) or entitySide(fn) (an entity's history)`;
  if (spec === null || typeof spec !== 'object') return `is ${String(spec)}; a side is ${SIDE_FORMS}`;
  const side = spec as Record<string, unknown>;
  if ('compute' in side) return typeof side.compute === 'function' ? undefined : 'has a compute that is not a function';
  if ('command' in side) {
    const { command } = side;
    const ok = Array.isArray(command) && command.length > 0 && command.every((a) => typeof a === 'string');
    return ok ? undefined : `.command must be a non-empty array of strings, e.g. ["python3", "side.py"]`;
  }
  if ('http' in side) {
    const { http } = side;
    return typeof http === 'string' && /^https?:\/\//.test(http)
      ? undefined
      : `.http must be a URL starting with http:// or https://, got ${JSON.stringify(http)}`;
  }
  if ('features' in side) {
    return typeof side.features === 'string' && side.features !== ''
      ? undefined
      : `.features must be the path of a features file, got ${JSON.stringify(side.features)}`;
  }
  return `has none of compute, command, http or features; a side is ${SIDE_FORMS}`;
}
