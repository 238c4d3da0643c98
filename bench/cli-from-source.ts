// The `lockstep` CLI from its TypeScript sources, for the bench's own tests (test/bench/), which must not build dist/
// while other tests pack it: `node --import tsx bench/cli-from-source.ts replay …`.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
