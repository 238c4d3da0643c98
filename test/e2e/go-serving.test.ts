import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCi } from '../../src/cli/is-ci.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/go-serving/', import.meta.url).pathname;
const CONFIG = join(EXAMPLE, 'lockstep.config.ts');
const SAMPLE = new URL('../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;
const PYTHON = new URL('../../.venv/bin/python', import.meta.url).pathname;
// Go's module and build caches live in the git-ignored node_modules, so a clean clone builds from scratch and a
// second run reuses them; -modcacherw keeps the module cache deletable (npm ci removes node_modules).
const GO_CACHE = new URL('../../node_modules/.cache/lockstep-go-serving/', import.meta.url).pathname;
const GO_ENV = { GOPATH: join(GO_CACHE, 'gopath'), GOCACHE: join(GO_CACHE, 'build'), GOFLAGS: '-modcacherw' };

/** Why the Go example cannot run here (no go, no venv python), or undefined when it can. */
function goMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `no ${PYTHON} (run npm run setup:python)`;
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    return 'no go on the PATH (install Go 1.21 or later)';
  }
  return undefined;
}

const missing = goMissing();
// On a developer machine without Go the example is skipped; on CI a missing tool fails the run instead.
const suite = missing === undefined || isCi(process.env) ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'lockstep-go-serving-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(dir, 'go-serving');

/** The first `n` lines of the card-fraud sample log. */
function sampleLines(n: number): string[] {
  return readFileSync(SAMPLE, 'utf8').split('\n').slice(0, n);
}

function writeLog(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Replays a log through the CLI: training.py against the Go binary; the JSON report and every divergence. */
async function replay(log: string, name: string, env: Record<string, string> = {}) {
  const out = join(dir, name);
  const result = await runCli(
    [
      'replay',
      '--config',
      CONFIG,
      '--log',
      log,
      '--reporter',
      'default',
      '--reporter',
      'json',
      '--output-dir',
      out,
      '--divergences',
      join(out, 'divergences.jsonl'),
      '--minimize-steps',
      '0',
    ],
    { cwd: dir, env: { GO_SERVING_BIN: bin, ...env } },
  );
  const report = (JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as { reports: ReplayReport[] })
    .reports[0] as ReplayReport;
  const divergences = readFileSync(join(out, 'divergences.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { line: number; feature: string; kind: string });
  return { result, report, divergences };
}

/** Writes request lines to the Go binary and reads its answers. */
async function serve(requests: readonly object[], env: Record<string, string> = {}) {
  const { stdout } = await execa(bin, [], {
    input: `${requests.map((r) => JSON.stringify(r)).join('\n')}\n`,
    env,
  });
  return stdout.split('\n').map((l) => JSON.parse(l) as { id?: string; features?: object; error?: string });
}

const TXN = {
  card_id: 'c-1',
  txn_id: 't-1',
  ts: '2026-03-01T10:00:00.000Z',
  amount: 12.5,
  merchant_name: 'Caf\u00e9 \u{1F600} Bar',
  merchant_category: 'fuel',
  cardholder_tz: 'Asia/Kolkata',
};
const AT = Date.parse(TXN.ts);

suite('a serving side in Go: the card-fraud features against the pandas training side', () => {
  beforeAll(async () => {
    if (missing !== undefined) throw new Error(`the Go serving example needs its tools on CI: ${missing}`);
    mkdirSync(GO_CACHE, { recursive: true });
    await execa('go', ['build', '-o', bin, '.'], { cwd: EXAMPLE, env: GO_ENV, timeout: 900_000 });
  }, 950_000);

  it('is gofmt-formatted and passes go vet', async () => {
    expect((await execa('gofmt', ['-l', '.'], { cwd: EXAMPLE })).stdout).toBe('');
    const vet = await execa('go', ['vet', '.'], { cwd: EXAMPLE, env: GO_ENV, all: true, reject: false });
    expect(vet.exitCode, vet.all).toBe(0);
  });

  it('computes every feature as training does: no divergence on a clean log', async () => {
    const lines = sampleLines(600);
    const { result, report, divergences } = await replay(writeLog('clean.jsonl', lines), 'clean');

    expect(result.exitCode, result.all).toBe(0);
    expect(report.counts).toMatchObject({ read: 600, compared: 600, invalid: 0, errored: 0, diverged: 0 });
    expect(divergences).toEqual([]);
    expect(report.sides.map((s) => s.diagnostics.count)).toEqual([0, 0]);
  }, 300_000);

  it('names exactly the records a half-up rounding in Go puts apart (GO_SERVING_BUG=1)', async () => {
    const lines = sampleLines(600);
    // Python's round() halves to even, Go's math.Round away from zero: they differ on x.5 with x even.
    const halves = lines.flatMap((l, i) => {
      const amount = (JSON.parse(l) as { input: { amount: number } }).input.amount;
      return amount % 1 === 0.5 && Math.floor(amount) % 2 === 0 ? [i + 1] : [];
    });
    const { result, report, divergences } = await replay(writeLog('skew.jsonl', lines), 'skew', {
      GO_SERVING_BUG: '1',
    });

    expect(result.exitCode).toBe(1);
    expect(halves.length).toBeGreaterThan(0);
    expect(divergences.map((d) => d.line).sort((a, b) => a - b)).toEqual(halves);
    expect(new Set(divergences.map((d) => `${d.feature} ${d.kind}`))).toEqual(new Set(['amount_rounded value']));
    expect(report.counts).toMatchObject({ compared: 600, diverged: halves.length, errored: 0 });
    expect(result.stdout).toContain(`✖ amount_rounded · value · serving higher — ${halves.length} records`);
  }, 300_000);

  it('leaves inputs that break the schema to Lockstep, which reports them invalid before any side sees them', async () => {
    const lines = sampleLines(100);
    const negative = JSON.parse(lines[10] as string) as { input: Record<string, unknown> };
    negative.input.amount = -5;
    const unnamed = JSON.parse(lines[20] as string) as { input: Record<string, unknown> };
    delete unnamed.input.merchant_name;
    const log = writeLog('invalid.jsonl', [...lines, JSON.stringify(negative), JSON.stringify(unnamed)]);

    const { result, report, divergences } = await replay(log, 'invalid');

    expect(result.exitCode).toBe(1);
    expect(report.counts).toMatchObject({ read: 102, compared: 100, invalid: 2, errored: 0, diverged: 0 });
    expect(report.invalid.map((i) => [i.line, i.reason, i.path])).toEqual([
      [101, 'schema', 'input.amount'],
      [102, 'schema', 'input.merchant_name'],
    ]);
    expect(divergences).toEqual([]);
  }, 300_000);

  it('answers an invalid input with its validator’s message at the JSON pointer, and goes on', async () => {
    const { merchant_name: _, ...unnamed } = TXN;
    const answers = await serve([
      { id: '1', entity: 'c-1', timestamp: AT, input: { ...TXN, amount: -5 } },
      { id: '2', entity: 'c-1', timestamp: AT, input: unnamed },
      // Decoded exactly (UseNumber): a float64 would round this to 1e6 and let it through.
      { id: '3', entity: 'c-1', timestamp: AT, input: { ...TXN, amount: 1_000_000 } },
      { id: '4', entity: 'c-1', timestamp: AT, input: TXN },
    ]);

    expect(answers[0]).toEqual({ id: '1', error: "input invalid: at '/amount': minimum: got -5, want 0" });
    expect(answers[1]).toEqual({ id: '2', error: "input invalid: at '': missing property 'merchant_name'" });
    expect(answers[2]?.features).toMatchObject({ amount_rounded: 1_000_000 });
    expect(answers[3]).toEqual({
      id: '4',
      features: {
        log_amount: Math.log1p(12.5),
        amount_rounded: 12,
        hour_of_day: 15,
        day_of_week: 6,
        is_weekend: true,
        merchant_category: 'fuel',
        txn_count_7d: 2,
        amount_sum_7d: 1_000_012.5,
        avg_amount_prev_7d: 1_000_000,
        merchant_name_length: 10,
        merchant_token_count: 3,
        prev_txn_at: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('decodes numbers exactly: an amount a hair above the maximum is invalid', async () => {
    const line = `{"id":"9","entity":"c-1","timestamp":${AT},"input":${JSON.stringify(TXN).replace('12.5', '1000000.000000000000000001')}}`;
    const { stdout } = await execa(bin, [], { input: `${line}\n{"reset":"r1"}\n` });

    const [answer, reset] = stdout.split('\n');
    expect(JSON.parse(answer as string)).toEqual({
      id: '9',
      error: expect.stringMatching(/^input invalid: at '\/amount': maximum: got /),
    });
    expect(reset).toBe('{"reset":"r1"}');
  });
});

describe('the Go example’s committed JSON Schema', () => {
  it('is what `lockstep schema` exports for its contract', async () => {
    const out = join(dir, 'schema');
    const result = await runCli(['schema', '--config', CONFIG, '--out-dir', out], { cwd: dir });

    expect(result.exitCode, result.all).toBe(0);
    const exported = JSON.parse(readFileSync(join(out, 'card_fraud.schema.json'), 'utf8')) as unknown;
    expect(JSON.parse(readFileSync(join(EXAMPLE, 'card_fraud.schema.json'), 'utf8'))).toEqual(exported);
  });
});
