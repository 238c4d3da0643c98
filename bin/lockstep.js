#!/usr/bin/env node
// Lockstep runs its TypeScript sources (and the user's lockstep.config.ts) through tsx: no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
