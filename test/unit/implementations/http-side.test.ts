import { afterEach, describe, expect, it } from 'vitest';
import { httpSide } from '../../../src/implementations/http-side.ts';
import { doubles, featuresOf, makeRecords, plain, runSide } from './_helpers.ts';
import { answerDoubles, sendJson, startServer, type TestServer } from './_http-server.ts';

const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// A timeout no answer from a loaded machine comes near; the slow-server test sets its own short one.
const fast = { timeoutMs: 10_000, retries: 2, retryDelayMs: 5 } as const;

describe('httpSide', () => {
  it('posts sub-batches of batchSize concurrently and matches results by id', async () => {
    // Arrange
    const server = await serve(answerDoubles);
    const side = httpSide({
      ...fast,
      url: server.url,
      batchSize: 25,
      concurrency: 3,
      headers: { authorization: 'Bearer t0k' },
    });

    // Act
    const outcomes = await runSide(side, makeRecords(300), 100);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(300));
    expect(server.received).toHaveLength(12);
    expect(server.received.every((r) => r.records.length === 25 && r.headers.authorization === 'Bearer t0k')).toBe(
      true,
    );
    expect(server.received[0]?.records[0]).toEqual({ id: '1', input: { x: 0 } });
    expect(side.drainDiagnostics?.()).toEqual([]);
  });

  it('sends int64 exactly and reads NaN and Infinity', async () => {
    // Arrange
    const server = await serve((request, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        `{"results":[{"id":"${request.records[0]?.id}","features":{"uid":${request.records[0]?.input.user_id},"nan":NaN,"inf":-Infinity}}]}`,
      );
    });
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const [outcome] = await side.compute(makeRecords(1, () => ({ user_id: 9007199254740993n })));

    // Assert
    expect(server.received[0]?.body).toContain('"user_id":9007199254740993');
    const features = featuresOf(outcome);
    expect(features.uid).toBe(9007199254740993n);
    expect(features.nan).toBeNaN();
    expect(features.inf).toBe(Number.NEGATIVE_INFINITY);
  });

  it('never splits an entity across requests for entity-wise sides and sends entity and timestamp', async () => {
    // Arrange
    const server = await serve(answerDoubles);
    const sizes = [3, 1, 4, 1, 5, 9, 2, 6];
    const entities = sizes.flatMap((n, e) => Array.from({ length: n }, () => `card${e}`));
    const records = makeRecords(entities.length).map((r, i) => ({ ...r, entity: entities[i] as string }));
    const side = httpSide({ ...fast, url: server.url, shape: 'entity', batchSize: 5 });

    // Act
    const outcomes = await side.compute(records);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(records.length));
    const requests = [...server.received].sort((a, b) => Number(a.records[0]?.id) - Number(b.records[0]?.id));
    const perRequest = requests.map((r) => [...new Set(r.records.map((x) => x.entity))]);
    expect(perRequest.flat()).toEqual(sizes.map((_, e) => `card${e}`));
    expect(requests.map((r) => r.records.length)).toEqual([4, 5, 5, 9, 2, 6]);
    expect(requests[0]?.records[0]).toMatchObject({ id: '1', entity: 'card0', timestamp: 1_700_000_000_000 });
  });

  it('reports a server slower than timeoutMs as side unavailable, without retrying', async () => {
    // Arrange
    const server = await serve((request, res) => setTimeout(() => answerDoubles(request, res), 30_000).unref());
    const side = httpSide({ ...fast, timeoutMs: 300, url: server.url, batchSize: 10 });

    // Act
    const outcomes = await side.compute(makeRecords(20));

    // Assert
    const error = expect.stringMatching(
      /^side unavailable at http:\/\/127\.0\.0\.1:\d+\/features: no response within 300 ms: the timeoutMs of an attempt/,
    );
    expect(plain(outcomes)).toEqual(makeRecords(20).map(() => ({ error })));
    // Each request once, then each of its halves once: no half answered, so the server is down, not a record.
    expect(server.received).toHaveLength(2 + 4);
  });

  it('retries a 500 now and then, with backoff, and succeeds', async () => {
    // Arrange
    const server = await serve((request, res) =>
      request.n % 3 === 1 ? sendJson(res, 500, { error: 'busy' }) : answerDoubles(request, res),
    );
    const side = httpSide({ ...fast, url: server.url, batchSize: 10, concurrency: 1 });

    // Act
    const outcomes = await runSide(side, makeRecords(50), 25);

    // Assert
    expect(plain(outcomes)).toEqual(doubles(50));
    const retries = side.drainDiagnostics?.() ?? [];
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatchObject({
      kind: 'retry',
      line: 1,
      message: expect.stringMatching(/answered 500 \(attempt 1\) for 10 records; retrying in 5 ms/),
    });
  });

  it('reports a server that always answers 500 as side unavailable, with the status and body', async () => {
    // Arrange
    const server = await serve((_request, res) => sendJson(res, 500, { detail: 'feature store down' }));
    const side = httpSide({ ...fast, url: server.url, batchSize: 5 });

    // Act
    const outcomes = await side.compute(makeRecords(10));

    // Assert
    const error = expect.stringMatching(
      /^side unavailable at \S+: answered 500 \(after 3 attempts\): \{"detail":"feature store down"\}$/,
    );
    expect(plain(outcomes)).toEqual(makeRecords(10).map(() => ({ error })));
    expect(server.received).toHaveLength(2 * 3 + 2 * 2);
  });

  it('does not retry a 4xx', async () => {
    // Arrange
    const server = await serve((_request, res) => sendJson(res, 401, { detail: 'bad token' }));
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(3));

    // Assert
    const error = expect.stringMatching(/answered 401: \{"detail":"bad token"\}$/);
    expect(plain(outcomes)).toEqual(makeRecords(3).map(() => ({ error })));
    expect(server.received).toHaveLength(1);
  });

  it('retries when the server closes the connection, then reports every record once', async () => {
    // Arrange
    const server = await serve((_request, res) => res.socket?.destroy());
    const side = httpSide({ ...fast, url: server.url, batchSize: 4 });

    // Act
    const outcomes = await runSide(side, makeRecords(12), 6);

    // Assert
    const error = expect.stringMatching(
      /^side unavailable at \S+: connection closed \(after 3 attempts\): TypeError: fetch failed \(.+\)/,
    );
    expect(plain(outcomes)).toEqual(makeRecords(12).map(() => ({ error })));
    expect(server.received.length).toBeGreaterThanOrEqual(12);
  });

  it('reports missing results as errors and unknown or garbage results as diagnostics', async () => {
    // Arrange
    const server = await serve((request, res) => {
      const results = request.records
        .filter((r) => r.id !== '2')
        .map((r) => ({ id: r.id, features: { double: (r.input.x as number) * 2 } }));
      sendJson(res, 200, { results: [...results, { id: 'nope', features: {} }, { id: '3', features: {} }, 'junk'] });
    });
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(3));

    // Assert
    const error = expect.stringMatching(/answered 200 but its results have no entry for this record's id/);
    expect(plain(outcomes)).toEqual(doubles(3, { 1: { error } }));
    const diagnostics = side.drainDiagnostics?.() ?? [];
    expect(diagnostics.map((d) => `${d.line ?? '-'} ${d.message.replace(/^.*with a bad result /, '')}`)).toEqual([
      '- (unknown id "nope"): {"id":"nope","features":{}}',
      '3 (id "3" twice): {"id":"3","features":{}}',
      '- (expected an object with "id", got string): "junk"',
    ]);
  });

  it('reports a body that is not JSON as errors with an excerpt', async () => {
    // Arrange
    const server = await serve((_request, res) => res.end('<html>gateway</html>'));
    const side = httpSide({ ...fast, url: server.url });

    // Act
    const outcomes = await side.compute(makeRecords(2));

    // Assert
    const error = expect.stringMatching(/answered 200 with a body that is not JSON .*: <html>gateway<\/html>$/);
    expect(plain(outcomes)).toEqual([{ error }, { error }]);
  });

  it('rejects a url that is not http(s)', () => {
    // Arrange / Act / Assert
    expect(() => httpSide({ url: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'SKEW_CONFIG_INVALID' }));
  });
});
