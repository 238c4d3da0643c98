import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// A side that cannot be reached is a configuration error (exit 2, with its address) for replay, fuzz and golden; one
// unavailable for part of a run is its own class, "side unavailable", never minimized and never given a schema hint.
const CONFIG = new URL('../fixtures/unavailable/lockstep.config.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-unavailable-'));
const line = (i: number) =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: `u${i}`, amount: i } });
const LOG = join(dir, 'log.jsonl');
writeFileSync(LOG, `${Array.from({ length: 40 }, (_, i) => line(i + 1)).join('\n')}\n`);

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return await new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** Serves `{ double_amount }`, but answers 503 to every request holding the record of user `u7`. */
async function flakyServer(): Promise<string> {
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk;
    });
    req.on('end', () => {
      const { records } = JSON.parse(body) as { records: { id: string; input: { user_id: string; amount: number } }[] };
      if (records.some((r) => r.input.user_id === 'u7')) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"detail":"overloaded"}');
        return;
      }
      const results = records.map((r) => ({ id: r.id, features: { double_amount: r.input.amount * 2 } }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results }));
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/features`;
}

describe('a side that cannot be reached for any record exits 2 with its address', () => {
  it('replay', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/features`;
    const result = await runCli(['replay', '--config', CONFIG, '--log', LOG], { env: { LOCKSTEP_SERVING_URL: url } });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(`side unavailable at ${url}: connection refused`);
    expect(result.stdout).not.toMatch(/narrow the input schema|minimal input/);
  }, 120_000);

  it('fuzz: no findings, no minimal input, no hint', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/features`;
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-unavailable-fuzz-'));
    const result = await runCli(
      ['fuzz', '--config', CONFIG, '--runs', '50', '--seed', '1', '--snapshot-dir', snapshots],
      { env: { LOCKSTEP_SERVING_URL: url, CI: '' } },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(
      new RegExp(
        `ERROR .*users: the serving side was unavailable at ${url.replace(/[.]/g, '\\.')} \\(connection refused\\) from the first case`,
      ),
    );
    expect(result.stdout).not.toMatch(/minimal input|hint|divergence class/);
  }, 120_000);

  it('golden', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/features`;
    const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-unavailable-golden-'));
    const result = await runCli(['golden', '--config', CONFIG, '--snapshot-dir', snapshots], {
      env: { LOCKSTEP_SERVING_URL: url, CI: '' },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(
      `users: the serving side was unavailable at ${url} (connection refused) for all 2 golden cases`,
    );
  }, 120_000);
});

describe('a side unavailable for part of a replay', () => {
  it('is the class "side unavailable" with address and status, not minimized, with no schema hint', async () => {
    const url = await flakyServer();
    const out = mkdtempSync(join(tmpdir(), 'lockstep-unavailable-json-'));
    const result = await runCli(
      ['replay', '--config', CONFIG, '--log', LOG, '--reporter', 'default', '--reporter', 'json', '--output-dir', out],
      { env: { LOCKSTEP_SERVING_URL: url } },
    );
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8'));
    const classes = report.reports[0].classes as {
      cause: string;
      count: number;
      minimal?: unknown;
      hints?: string[];
    }[];
    expect(classes).toHaveLength(1);
    const [cls] = classes;
    expect(cls?.cause).toBe(`serving: side unavailable at ${url}: answered 503`);
    expect(cls?.minimal).toBeUndefined();
    expect(cls?.hints?.join('\n')).not.toMatch(/narrow the input schema/);
    expect(cls?.hints?.[0]).toMatch(
      /was unavailable at http:\/\/127\.0\.0\.1:\d+\/features \(answered 503\), not a skew/,
    );
    expect(report.reports[0].counts.compared).toBeGreaterThan(0);
  }, 120_000);
});
