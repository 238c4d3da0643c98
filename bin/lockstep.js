#!/usr/bin/env node
// The `lockstep` command: runs the compiled CLI (dist/cli.js, built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'lockstep: dist/cli.js is missing: this is a source checkout that was not built; run `npm run build` (npm ci runs it)\n',
  );
  process.exit(3);
}
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
