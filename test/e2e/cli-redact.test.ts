import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// A payments log whose card numbers, holder names (redacted by the contract) and time zones (by the config) are
// secrets; the sides disagree on records only the real values show, and 30 plain records make those records a slice.
const CONFIG = fileURLToPath(new URL('../fixtures/redact/lockstep.config.ts', import.meta.url));
const LOG = fileURLToPath(new URL('../fixtures/redact/payments.jsonl', import.meta.url));
const SECRETS = [
  '4111111111111111',
  'Secretname',
  '5555444433331111',
  '4000000000000002',
  'Hidden Person',
  'Australia/Sydney',
  'Europe/Berlin',
];
const REPORTERS = ['default', 'json', 'junit', 'markdown', 'github'].flatMap((r) => ['--reporter', r]);

/** The hex digits of a value's token: SHA-256 over the field, a NUL and the value as JSON (docs/report-format.md). */
function hexOf(field: string, value: unknown): string {
  return createHash('sha256')
    .update(`${field}\u0000${JSON.stringify(value)}`)
    .digest('hex')
    .slice(0, 12);
}

/** Every file under a folder, with its text. */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.set(path, readFileSync(path, 'utf8'));
  }
  return out;
}

describe('redact: fields of the contract and the config', () => {
  it('replay: no secret in stdout or any report, divergence file or history, the hash instead; the divergences are still found', async () => {
    // Arrange
    const cwd = mkdtempSync(join(tmpdir(), 'lockstep-redact-'));
    const out = join(cwd, 'lockstep-report');
    // Act
    const result = await runCli(
      ['replay', '--config', CONFIG, ...REPORTERS, '--output-dir', out, '--divergences', join(cwd, 'div.jsonl')],
      { cwd },
    );
    // Assert
    expect(result.exitCode, result.all).toBe(1);
    const files = filesUnder(cwd);
    expect([...files.keys()].map((f) => f.slice(cwd.length + 1)).sort()).toEqual(
      expect.arrayContaining([
        'div.jsonl',
        'lockstep-report/junit.xml',
        'lockstep-report/lockstep-report.json',
        'lockstep-report/summary.md',
      ]),
    );
    for (const [where, text] of [['stdout and stderr', result.all ?? ''], ...files] as const) {
      for (const secret of SECRETS) expect(text, `${secret} in ${where}`).not.toContain(secret);
    }
    const card = hexOf('card_number', '4111111111111111');
    const name = hexOf('holder.name', 'Zoë 😀 Secretname');
    for (const [where, text] of [['stdout', result.stdout], ...files] as const) {
      if (where.endsWith('history.jsonl')) continue;
      // Markdown shows the minimal input only (its card reduced to another value): a hash all the same.
      expect(text, `a hash in ${where}`).toMatch(/redacted:[0-9a-f]{12}/);
      if (!where.endsWith('.md')) expect(text, `the card's hash in ${where}`).toContain(card);
    }
    expect(result.stdout).toContain(`entity <redacted:${card}>`);
    expect(result.stdout).toMatch(/ {2}redacted [^\n]*card_number[^\n]*: shown as their hash/);
    expect(result.stdout).toContain(`"name":"<redacted:${name}>"`);
    // Root-cause slices on redacted fields, nested too, show the hash.
    expect(result.stdout).toContain(`shared by holder.name = <redacted:${name}> (100% of class, 10% of log)`);
    expect(result.stdout).toContain(`shared by card_number = <redacted:${card}>`);
    // The comparison saw the real values: the emoji name's length and the cents of 0.57 and 1.13 diverge, the declined card errors.
    const report = JSON.parse(files.get(join(out, 'lockstep-report.json')) as string);
    const [payments] = report.reports;
    expect(payments.redacted).toEqual(['card_number', 'holder.name', 'holder.tz']);
    expect(payments.classes[0].slices[0].predicate).toBe(`holder.name = <redacted:${name}>`);
    expect(payments.classes.map((c: { feature: string; count: number }) => [c.feature, c.count])).toEqual([
      ['name_length', 4],
      ['amount_cents', 2],
      ['(record)', 1],
    ]);
    expect(payments.classes[2].examples[0].detail).toBe(
      `serving failed: Error: card <redacted:${hexOf('card_number', '4000000000000002')}> declined`,
    );
    expect(payments.invalid[0].excerpt).toContain(
      `"card_number":"<redacted:${hexOf('card_number', '5555444433331111')}>"`,
    );
    const divergences = (files.get(join(cwd, 'div.jsonl')) as string).trim().split('\n');
    expect(divergences).toHaveLength(7);
    expect(JSON.parse(divergences[0] as string).input.card_number).toBe(`<redacted:${card}>`);
  });

  it('golden --from-log lists the redacted fields it copied, and the golden file keeps their real values', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lockstep-redact-golden-'));

    const result = await runCli(
      ['golden', '--config', CONFIG, '--snapshot-dir', join(cwd, 'snapshots'), '--from-log', LOG],
      { cwd, env: { CI: '' } },
    );

    expect(result.stdout).toContain(
      '! the cases copy the real values of redacted fields card_number, holder.name, holder.tz into the golden file',
    );
    expect(readFileSync(join(cwd, 'snapshots', 'payments', 'golden.jsonl'), 'utf8')).toContain('4111111111111111');
    // The report of the golden check shows the declined card's number hashed in the side's error.
    expect(result.stdout).toContain(`card <redacted:${hexOf('card_number', '4000000000000002')}> declined`);
    for (const secret of SECRETS) expect(result.all).not.toContain(secret);
  });
});
