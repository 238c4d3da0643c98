import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { thrownAt } from './thrown-at.ts';

let registered: Promise<void> | undefined;

/**
 * Registers tsx's loaders (ESM and CommonJS) in this thread, once: a config, and the contracts and sides it imports,
 * may be TypeScript in an ESM or a CommonJS package, or ESM syntax in a `.js` file of a CommonJS package. Lockstep's
 * own code is compiled JavaScript; tsx is only there to load the user's code.
 */
function registerTsx(): Promise<void> {
  registered ??= (async () => {
    const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    esm.register();
    cjs.register();
  })();
  return registered;
}

let loads = 0;

/** The exports of a config module, with a CommonJS module's `exports.default` (compiled `export default`) unwrapped. */
function unwrap(module: Record<string, unknown>): Record<string, unknown> {
  const value = module.default;
  if (value !== null && typeof value === 'object' && '__esModule' in value) return value as Record<string, unknown>;
  return module;
}

/**
 * Imports a config file of any flavour (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`), evaluated afresh on every call
 * so that state its sides hold (an online store, a cache) starts empty on every run.
 * @throws whatever the module throws while loading; see `explainLoadError`
 */
export async function importConfigModule(file: string): Promise<Record<string, unknown>> {
  await registerTsx();
  // CommonJS modules are cached by path whatever the URL's query; drop the config's entry for a fresh evaluation.
  const cache = createRequire(file).cache;
  delete cache[file];
  const url = `${pathToFileURL(file).href}?lockstep-load=${++loads}`;
  return unwrap((await import(url)) as Record<string, unknown>);
}

/** What to do about an error thrown while loading a config, in one sentence. */
export function explainLoadError(file: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
  if (missing !== undefined && !missing.startsWith('.') && !missing.startsWith('/')) {
    const pkg = missing.startsWith('@') ? missing.split('/').slice(0, 2).join('/') : (missing.split('/')[0] ?? missing);
    return `it imports "${missing}", which is not installed where the config is: run \`npm install --save-dev ${pkg}\` in that project`;
  }
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return 'a file it imports does not exist: check the import paths (relative to the config file)';
  }
  if (error instanceof SyntaxError || /Transform failed|Expected|Unexpected/.test(message)) {
    return `it is not valid ${/\.[cm]?ts$/.test(extname(file)) ? 'TypeScript' : 'JavaScript'}: fix the syntax error above`;
  }
  const at = thrownAt(error);
  return `the error was thrown while the config and the modules it imports were evaluated${at === undefined ? '' : `, at ${at}`}: fix it there`;
}
