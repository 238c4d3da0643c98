import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = fileURLToPath(new URL('../../examples/card-fraud/lockstep.config.ts', import.meta.url));
const FILE = fileURLToPath(new URL('../../snapshots/card_fraud/golden.jsonl', import.meta.url));

describe('the card-fraud example carries a golden file', () => {
  it('lockstep golden on CI: pandas training and TypeScript serving still compute what each recorded, nothing written', async () => {
    const before = readFileSync(FILE, 'utf8');
    const result = await runCli(['golden', '--config', CONFIG], { cwd: ROOT, env: { CI: '1' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('golden card_fraud@1.0.0 (snapshots/card_fraud/golden.jsonl, update mode none)');
    expect(result.stdout).toContain('4 matched · 0 changed · 0 added · 0 updated · 0 obsolete');
    expect(readFileSync(FILE, 'utf8')).toBe(before);
  });
});
