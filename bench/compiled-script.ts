/**
 * The bench measures the JavaScript a user runs, not TypeScript compiled on the fly: `npm run build` first (the
 * package's own build, dist/), then each measured script is bundled once with esbuild into bench/.build/ with every
 * package left external, so that its `import … from 'lockstep'` loads the built package (Node resolves a package's own
 * name to its `exports`) and it runs under plain `node`, without tsx's loader thread. A config written in TypeScript
 * still registers tsx when it is loaded, as it does for a user.
 */
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';

const OUT_DIR = 'bench/.build';
let built = false;
const compiled = new Map<string, string>();

/** Builds the package (dist/) once per bench run. */
export function buildPackage(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

/**
 * The path of `script` (a bench entry point in TypeScript) compiled to one ES module, after the package is built.
 * @param script - e.g. `bench/replay-in-process.ts`
 */
export function compiledScript(script: string): string {
  const known = compiled.get(script);
  if (known !== undefined) return known;
  buildPackage();
  const outfile = join(OUT_DIR, `${basename(script, '.ts')}.mjs`);
  buildSync({
    entryPoints: [script],
    outfile,
    bundle: true,
    packages: 'external',
    // By name, before tsconfig.json's `paths` (which map it to src/ for the typecheck) could bundle the sources.
    external: ['lockstep'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  compiled.set(script, outfile);
  return outfile;
}
