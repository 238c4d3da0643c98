import { basename, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A place in a source file: 1-based line (and column when known). @public */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

// A side table, not a field of the contract: the contract object stays exactly what its author declared (its JSON
// Schema export, equality and spread copies are unchanged), and a contract from JSON Schema simply has no site. One
// table per process, not per module instance: a CommonJS config's `require('lockstep')` and the ESM CLI load two
// copies of this module, and the CLI must still find the site the config's copy recorded.
const REGISTRY = Symbol.for('lockstep.contractDefinitionSites');
const shared = globalThis as { [REGISTRY]?: WeakMap<object, SourceLocation> };
shared[REGISTRY] ??= new WeakMap<object, SourceLocation>();
const sites: WeakMap<object, SourceLocation> = shared[REGISTRY];

// `    at make (file:///repo/contracts/x.ts?load=2:12:5)` or `    at /repo/contracts/x.ts:12:5`.
const FRAME = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?$/;

// Lockstep's own code: `src/` when it runs from source (this file is src/contract/definition-site.ts), `dist/` when
// built (bundled into dist/*.js). A contract that Lockstep's own code made on a user's behalf (contractFromJsonSchema)
// gets no site rather than one in Lockstep's sources.
const here = dirname(fileURLToPath(import.meta.url));
const OWN = `${basename(here) === 'contract' ? dirname(here) : here}${sep}`;

function frameLocation(frame: string): SourceLocation | undefined {
  const m = FRAME.exec(frame);
  if (m === null || m[1] === undefined) return undefined;
  // A config is imported with a cache-busting query (`?load=N`); the file is what matters.
  const raw = m[1].replace(/\?[^/\\]*$/, '');
  try {
    return { file: raw.startsWith('file://') ? fileURLToPath(raw) : raw, line: Number(m[2]), column: Number(m[3]) };
  } catch {
    return undefined;
  }
}

/** The first frame of a V8 stack outside Lockstep's own code, as a file and line; undefined when there is none. */
function callerSite(stack: string | undefined): SourceLocation | undefined {
  for (const line of stack?.split('\n') ?? []) {
    if (!line.trimStart().startsWith('at ')) continue;
    const site = frameLocation(line);
    if (site === undefined || site.file.startsWith(OWN)) return undefined;
    return site;
  }
  return undefined;
}

/**
 * Remembers where `contract` was declared: the caller of `api` (the function the user called, e.g. `defineContract`),
 * read from a V8 stack trace. Best-effort: nothing is recorded when the stack has no file frame.
 * @param contract - the contract just made
 * @param api - the function whose caller is the declaration site
 * @internal
 */
export function recordDefinitionSite(contract: object, api: (...args: never[]) => unknown): void {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, api);
  const site = callerSite(holder.stack);
  if (site !== undefined) sites.set(contract, site);
}

/**
 * Where a contract was declared (the file and line of its `defineContract` call), when known. CI annotations point
 * there. Line numbers come from the running code's stack, so they are the source's own when the code runs from
 * source or with source maps (tsx, jiti, vitest).
 * @param contract - a contract made by `defineContract`
 * @returns the declaration site, or undefined (e.g. a contract loaded from JSON Schema)
 * @remarks Since 0.1
 * @public
 */
export function contractDefinitionSite(contract: object): SourceLocation | undefined {
  return sites.get(contract);
}
