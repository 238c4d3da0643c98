import { afterEach, describe, expect, it } from 'vitest';
import { sideUnavailable } from '../../../src/compare/side-unavailable.ts';
import { httpSide } from '../../../src/implementations/http-side.ts';
import { doubles, errorOf, makeRecords, plain, runSide } from './_helpers.ts';
import {
  answerDoubles,
  poisonedBy,
  rateLimited,
  redirecting,
  reloading,
  sendJson,
  startServer,
  type TestServer,
} from './_http-server.ts';

// Real servers on 127.0.0.1 that misbehave the way production endpoints do. No test asserts a duration.
const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const fast = { timeoutMs: 10_000, retries: 2, retryDelayMs: 5 } as const;

describe('httpSide against a server that asks to wait (Retry-After)', () => {
  it.each(['seconds', 'date'] as const)(
    'waits out a 1 s reload window given in %s and loses no record',
    async (form) => {
      // Arrange
      const server = await serve(reloading(1000, form));
      const side = httpSide({ ...fast, url: server.url, batchSize: 20, concurrency: 4 });

      // Act
      const outcomes = await runSide(side, makeRecords(200), 100);

      // Assert
      expect(plain(outcomes)).toEqual(doubles(200));
      const retries = side.drainDiagnostics?.() ?? [];
      expect(retries.length).toBeGreaterThan(0);
      expect(retries[0]?.message).toMatch(/answered 503 \(attempt 1\) for 20 records; retrying in \d+ ms/);
    },
    60_000,
  );

  it('retries 429 with backoff until the rate limit lets it through', async () => {
    // Arrange
    const server = await serve(rateLimited(20));
    const side = httpSide({ ...fast, url: server.url, batchSize: 10, concurrency: 4 });

    // Act
    const outcomes = await runSide(side, makeRecords(200), 50);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(200));
    expect(server.received.filter((r) => r.n <= 20)).toHaveLength(20);
  }, 60_000);

  it('gives up at once when Retry-After asks for more than the retry budget, as side unavailable', async () => {
    // Arrange
    const server = await serve(rateLimited(1_000, '3600'));
    const side = httpSide({ ...fast, url: server.url, retryBudgetMs: 5_000 });

    // Act
    const outcomes = await side.compute(makeRecords(3));

    // Assert
    const error = errorOf(outcomes[0]) ?? '';
    expect(sideUnavailable(error)).toEqual({ address: server.url, status: 'answered 429' });
    expect(error).toMatch(/Retry-After asked for 3600 s\) would pass the retry budget of 5000 ms \(retryBudgetMs\)/);
    expect(server.received).toHaveLength(1);
  });

  it('stops retrying a 429 that never ends after a bounded number of attempts', async () => {
    // Arrange
    const server = await serve(rateLimited(1_000, '0'));
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(2));

    // Assert
    expect(plain(outcomes)).toEqual([
      { error: expect.stringMatching(/^side unavailable at .*: answered 429 \(after 11 attempts\): /) },
      { error: expect.stringMatching(/answered 429/) },
    ]);
    expect(server.received).toHaveLength(11);
  });
});

describe('httpSide against a server that redirects the POST', () => {
  it('follows a same-origin 307 with the same POST body', async () => {
    // Arrange
    const server = await serve(redirecting(307, '/v2/features'));
    const side = httpSide({ ...fast, url: server.url, batchSize: 5 });

    // Act
    const outcomes = await side.compute(makeRecords(10));

    // Assert
    expect(plain(outcomes)).toEqual(doubles(10));
    const moved = server.received.filter((r) => r.path === '/v2/features');
    expect(moved.map((r) => `${r.method} ${r.records.length}`)).toEqual(['POST 5', 'POST 5']);
  });

  it('names a 302 and its target instead of following it as a GET', async () => {
    // Arrange
    const server = await serve(redirecting(302, '/v2/features'));
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(2));

    // Assert
    const error = errorOf(outcomes[1]) ?? '';
    expect(sideUnavailable(error)).toEqual({
      address: server.url,
      status: `redirected (302) to ${server.origin}/v2/features`,
    });
    expect(error).toMatch(/a 302 would turn the POST into a GET; set url to http:\/\/127\.0\.0\.1:\d+\/v2\/features$/);
    expect(server.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /features']);
  });

  it('does not follow a 307 to another origin, and names it', async () => {
    // Arrange
    const other = await serve(answerDoubles);
    const server = await serve(redirecting(307, other.url));
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(1));

    // Assert
    expect(errorOf(outcomes[0])).toMatch(
      /^side unavailable at http:\/\/127\.0\.0\.1:\d+\/features: redirected \(307\) to http:\/\/127\.0\.0\.1:\d+\/features: Lockstep follows 307\/308 only on the same origin/,
    );
    expect(other.received).toHaveLength(0);
  });
});

describe('httpSide isolates the record a request fails on', () => {
  it('splits a batch that gets 500 because of one record, so only that record errors', async () => {
    // Arrange
    const server = await serve(poisonedBy('37', 500));
    const side = httpSide({ ...fast, url: server.url, batchSize: 20 });

    // Act
    const outcomes = await runSide(side, makeRecords(100), 50);

    // Assert
    const error = expect.stringMatching(
      /^httpSide: POST http:\/\/127\.0\.0\.1:\d+\/features answered 500 for this record alone, while it answers others: \{"detail":"KeyError: record 37"\}$/,
    );
    expect(plain(outcomes)).toEqual(doubles(100, { 36: { error } }));
    expect(sideUnavailable(errorOf(outcomes[36]) ?? '')).toBeUndefined();
    expect(side.drainDiagnostics?.().map((d) => d.message)).toContainEqual(
      expect.stringMatching(/answered 500 for 20 records; sending each half alone to isolate/),
    );
  }, 60_000);

  it('splits a batch that hangs because of one record, so only that record errors', async () => {
    // Arrange
    const server = await serve(poisonedBy('7', 'hang'));
    const side = httpSide({ ...fast, timeoutMs: 1_000, url: server.url, batchSize: 8, concurrency: 2 });

    // Act
    const outcomes = await runSide(side, makeRecords(16), 16);

    // Assert
    const error = expect.stringMatching(
      /^httpSide: POST \S+ no response within 1000 ms for this record alone, while it answers others: /,
    );
    expect(plain(outcomes)).toEqual(doubles(16, { 6: { error } }));
  }, 60_000);

  it('keeps an entity whole while isolating, and blames the whole entity', async () => {
    // Arrange
    const server = await serve(poisonedBy('5', 500));
    const entities = ['a', 'a', 'b', 'b', 'b', 'c', 'd', 'd'];
    const records = makeRecords(entities.length).map((r, i) => ({ ...r, entity: entities[i] as string }));
    const side = httpSide({ ...fast, url: server.url, shape: 'entity' });

    // Act
    const outcomes = await side.compute(records);

    // Assert
    const error = expect.stringMatching(/answered 500 for this entity's records alone, while it answers others/);
    expect(plain(outcomes)).toEqual(doubles(8, { 2: { error }, 3: { error }, 4: { error } }));
    for (const request of server.received) {
      const seen = new Set(request.records.map((r) => r.entity));
      for (const e of seen)
        expect(request.records.filter((r) => r.entity === e)).toHaveLength(entities.filter((x) => x === e).length);
    }
  });

  it('blames a lone record for a 500 once start() found the endpoint up, and the side otherwise', async () => {
    // Arrange
    const server = await serve(poisonedBy('1', 500));
    const started = httpSide({ ...fast, url: server.url });
    const unstarted = httpSide({ ...fast, url: server.url });

    // Act
    await started.start?.();
    const [own] = await started.compute(makeRecords(1));
    const [side] = await unstarted.compute(makeRecords(1));

    // Assert
    expect(server.received[0]?.body).toBe('{"records":[]}');
    expect(errorOf(own)).toMatch(/^httpSide: POST \S+ answered 500 \(after 3 attempts\) for this record alone, while/);
    expect(sideUnavailable(errorOf(side) ?? '')).toEqual({ address: server.url, status: 'answered 500' });
  });

  it('stops splitting when no part is answered: a server failing as a whole is side unavailable', async () => {
    // Arrange
    const failing = await serve((request, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(`{"detail":"down","n":${request.n}}`);
    });
    const side = httpSide({ ...fast, url: failing.url, batchSize: 64 });

    // Act
    const outcomes = await side.compute(makeRecords(64));

    // Assert
    expect(new Set(outcomes.map((o) => sideUnavailable(errorOf(o) ?? '')?.status))).toEqual(new Set(['answered 500']));
    expect(failing.received).toHaveLength(3 + 2);
  });
});

describe('httpSide against an endpoint that is down', () => {
  it('makes one attempt per request once a request ended unavailable, until the endpoint answers again', async () => {
    // Arrange
    const server = await serve((request, res) =>
      request.n <= 7 ? sendJson(res, 500, { detail: 'down' }) : answerDoubles(request, res),
    );
    const side = httpSide({ ...fast, url: server.url, batchSize: 4, concurrency: 1 });

    // Act
    const outcomes = await runSide(side, makeRecords(16), 4);

    // Assert
    const statuses = outcomes.slice(0, 12).map((o) => sideUnavailable(errorOf(o) ?? '')?.status);
    expect(statuses).toEqual(Array(12).fill('answered 500'));
    expect(plain(outcomes.slice(12))).toEqual(doubles(16).slice(12));
    // 3 attempts and 2 halves for the first request; then one attempt each until it answers.
    expect(server.received).toHaveLength(5 + 1 + 1 + 1);
  });
});

describe('httpSide marks transport failures as side unavailable', () => {
  it('names the address and "connection refused" when nothing listens', async () => {
    // Arrange
    const server = await serve(answerDoubles);
    const url = server.url;
    await server.close();
    servers.length = 0;
    const side = httpSide({ ...fast, url });

    // Act
    const outcomes = await side.compute(makeRecords(4));

    // Assert
    for (const o of outcomes)
      expect(sideUnavailable(errorOf(o) ?? '')).toEqual({ address: url, status: 'connection refused' });
    expect(errorOf(outcomes[0])).toMatch(
      /connection refused \(after 3 attempts\): TypeError: fetch failed \(.*ECONNREFUSED/,
    );
  });
});
