import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const CONFIG = new URL('../fixtures/golden/lockstep.config.ts', import.meta.url).pathname;

describe('lockstep golden on a hand-edited golden file', () => {
  it('exits 2 naming the line and the path of a wrong type and of a missing feature', async () => {
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-edit-'));
    const file = join(snapshots, 'golden_demo', 'golden.jsonl');
    const golden = (env: Record<string, string>) =>
      runCli(['golden', '--config', CONFIG, '--snapshot-dir', snapshots], { env });
    expect((await golden({ CI: '' })).exitCode).toBe(0);

    const lines = readFileSync(file, 'utf8').split('\n');
    const edited = lines.map((text, i) => {
      if (i === 0 || text === '') return text;
      const c = JSON.parse(text);
      if (c.name === 'astral') c.serving.label_chars = 'four';
      if (c.name === 'nan') delete c.training.label;
      return JSON.stringify(c);
    });
    writeFileSync(file, edited.join('\n'));
    const lineOf = (name: string) => edited.findIndex((t) => t.includes(`"name":"${name}"`)) + 1;

    const result = await golden({ CI: '1' });
    expect(result.exitCode).toBe(2);
    // The file is named relative to the working directory, wherever the temporary folder is.
    const shown = `${basename(snapshots)}/golden_demo/golden.jsonl`;
    expect(result.stderr).toContain(`${shown}:${lineOf('astral')}: serving.label_chars: must be integer`);
    expect(result.stderr).toContain(
      `${shown}:${lineOf('nan')}: training.label: is missing (other cases record it on the training side)`,
    );
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, never a stack trace
  });
});
