import { afterEach, describe, expect, it } from 'vitest';
import { isUnavailableCause, sideUnavailable, unavailableCause } from '../../../src/compare/side-unavailable.ts';
import { skewHints } from '../../../src/explain/skew-hints.ts';
import { formatFuzzReport } from '../../../src/fuzz/format-fuzz-report.ts';
import { fuzzContract } from '../../../src/fuzz/fuzz-contract.ts';
import { fuzzVerdict } from '../../../src/gate/fuzz-verdict.ts';
import { httpSide } from '../../../src/implementations/http-side.ts';
import { parity } from '../../../src/vitest/parity.ts';
import { type Received, sendJson, startServer, type TestServer } from '../implementations/_http-server.ts';
import { reference, referenceSide, tiny } from './_tiny.ts';

// Fuzz against a real HTTP side on 127.0.0.1 that stops being available: the run stops at that case and says so.
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** What a test server answers instead of the features: a status, its headers and a detail. */
type Failure = { status: number; headers?: Record<string, string>; detail: string } | undefined;

/** Serves tiny's reference features, unless `failure` says otherwise for a request. */
async function tinyServer(failure: (request: Received) => Failure): Promise<TestServer> {
  const server = await startServer((request, res) => {
    const f = failure(request);
    if (f !== undefined) {
      res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
      res.end(JSON.stringify({ detail: f.detail }));
      return;
    }
    const results = request.records.map((r) => ({ id: r.id, features: reference(r.input as never) }));
    sendJson(res, 200, { results });
  });
  servers.push(server);
  return server;
}

/** Fuzzes `tiny` (seed 3) with its serving side at `server`. */
async function fuzzAgainst(server: TestServer, runs: number) {
  const serving = httpSide({ url: server.url, retryDelayMs: 1 });
  return await fuzzContract({ contract: tiny, sides: { training: referenceSide, serving }, runs, seed: 3 });
}

/** Answers its first `healthy` requests, then 503 (Retry-After 0) for good. */
const failingAfter = (healthy: number) =>
  tinyServer((request) =>
    request.n > healthy ? { status: 503, headers: { 'retry-after': '0' }, detail: 'shutting down' } : undefined,
  );

describe('fuzzContract with a side that becomes unavailable', () => {
  it('never reached: stops at the first case with no finding, and the gate exits 2 with the address', async () => {
    // Arrange / Act
    const server = await failingAfter(0);
    const result = await fuzzAgainst(server, 200);

    // Assert
    expect(result.findings).toEqual([]);
    expect(result.unavailable).toMatchObject({
      side: 'serving',
      address: server.url,
      status: 'answered 503',
      afterCases: 0,
    });
    // The empty request of start(), then one case: an attempt and 10 retries of the 503.
    expect(server.received).toHaveLength(1 + 11);
    const verdict = fuzzVerdict([result]);
    expect(verdict).toMatchObject({ status: 'error', exitCode: 2 });
    expect(verdict.headline).toBe(
      `tiny: the serving side was unavailable at ${server.url} (answered 503) from the first case, so nothing was fuzzed. Check that it runs and can be reached`,
    );
    expect(formatFuzzReport(result)).not.toMatch(/minimal input|hint|no divergence/);
  });

  it('unavailable part-way: stops there, keeps what it checked, and fails (exit 1)', async () => {
    // Arrange / Act
    const server = await failingAfter(20);
    const result = await fuzzAgainst(server, 200);

    // Assert
    expect(result.findings).toEqual([]);
    // The empty request of start() is the first of the 20 answered; 19 cases were.
    expect(result.unavailable).toMatchObject({ side: 'serving', status: 'answered 503', afterCases: 19 });
    expect(server.received).toHaveLength(20 + 11);
    const verdict = fuzzVerdict([result]);
    expect(verdict).toMatchObject({ status: 'fail', exitCode: 1 });
    expect(verdict.reasons.map((r) => r.code)).toEqual(['side_unavailable']);
    expect(formatFuzzReport(result)).toContain(
      '✖ side unavailable: the serving side, after 19 cases; the run stopped there',
    );
  });
});

describe('parity() with a side that is unavailable', () => {
  it('throws instead of passing on the cases it never ran', async () => {
    const server = await failingAfter(0);
    const serving = httpSide({ url: server.url, retryDelayMs: 1 });
    await expect(parity(tiny, { training: referenceSide, serving, runs: 50, seed: 3 })).rejects.toThrow(
      `tiny: the serving side was unavailable, so fuzzing stopped: side unavailable at ${server.url}: answered 503`,
    );
  });
});

describe('fuzzContract with an endpoint that fails on some inputs', () => {
  it('reports a finding shrunk to the input, not side unavailable', async () => {
    // Arrange
    const server = await tinyServer((request) => {
      const input = request.records[0]?.input as { x: number } | undefined;
      return input !== undefined && input.x > 100 ? { status: 500, detail: 'OverflowError' } : undefined;
    });

    // Act
    const result = await fuzzAgainst(server, 100);

    // Assert
    expect(result.unavailable).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.kind).toBe('error');
    expect(isUnavailableCause(finding?.cause ?? '')).toBe(false);
    expect(finding?.minimalInput).toMatchObject({ x: 101 });
  }, 60_000);
});

describe('the side unavailable class', () => {
  const message = 'side unavailable at http://10.0.0.12:8080/v2/features: answered 503 (after 3 attempts): {"id":17}';

  it('reads address and status from the message, and keeps their digits in the class label', () => {
    const failure = sideUnavailable(message);
    expect(failure).toEqual({ address: 'http://10.0.0.12:8080/v2/features', status: 'answered 503' });
    const cause = unavailableCause('serving', failure as NonNullable<typeof failure>);
    expect(cause).toBe('serving: side unavailable at http://10.0.0.12:8080/v2/features: answered 503');
    expect(isUnavailableCause(cause)).toBe(true);
    expect(sideUnavailable('httpSide: POST http://x answered 500 for this record alone')).toBeUndefined();
  });

  it('gets no "narrow the input schema" hint', () => {
    const hints = skewHints({
      contract: tiny,
      feature: '(record)',
      kind: 'error',
      side: 'serving',
      input: { id: 'a', x: 1, s: '' },
      serving: { error: message },
    });
    expect(hints).toEqual([
      'the serving side was unavailable at http://10.0.0.12:8080/v2/features (answered 503), not a skew: check that it is up, reachable and not rate-limiting, then run again',
    ]);
  });
});
