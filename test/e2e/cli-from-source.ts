// The `lockstep` CLI run from its TypeScript sources (through `node --import tsx`), so that end-to-end tests check
// the code as it is now; test/e2e/package/ checks the built, packed and installed package.
import { main } from '../../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
