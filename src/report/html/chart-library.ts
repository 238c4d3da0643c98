import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SkewError } from '../../errors.ts';

let cached: string | undefined;

/**
 * Chart.js's minified UMD build (a runtime dependency), read from wherever npm installed it (beside this module in a
 * checkout, beside `dist/` once installed), for inlining: the report needs no network. Its source-map comment is
 * dropped (a browser would look for the map) and any `</script` is escaped.
 * @internal
 */
export function chartLibrary(): string {
  if (cached !== undefined) return cached;
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve('chart.js');
  } catch (error) {
    throw new SkewError(
      'SKEW_INTERNAL',
      `the HTML report needs the chart.js package, which could not be found (${error instanceof Error ? error.message : String(error)}); reinstall lockstep (npm ci)`,
    );
  }
  const text = readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
  cached = text.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
  return cached;
}
