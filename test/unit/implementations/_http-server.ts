import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';

/** One request record as the test servers read it. */
export interface WireRecord {
  id: string;
  input: Record<string, unknown>;
  entity?: string;
  timestamp?: number;
}

/** A request the server received: its number (1-based), method, path, raw body, records and headers. */
export interface Received {
  readonly n: number;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly records: WireRecord[];
  readonly headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 (port 0) whose handler sees each parsed request. */
export interface TestServer {
  readonly url: string;
  /** `http://127.0.0.1:<port>`, for paths other than `/features`. */
  readonly origin: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startServer(handle: (request: Received, res: ServerResponse) => void): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const parsed = (body === '' ? { records: [] } : parseLosslessJson(body)) as { records: WireRecord[] };
      const request = {
        n: received.length + 1,
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        records: parsed.records,
        headers: req.headers,
      };
      received.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/features`,
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers `{ double: 2x }` for every record, in reverse order, with the lossless codec. */
export function answerDoubles(request: Received, res: ServerResponse): void {
  const results = request.records.map((r) => ({ id: r.id, features: { double: (r.input.x as number) * 2 } })).reverse();
  sendJson(res, 200, { results });
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(stringifyLosslessJson(value));
}

type Handler = (request: Received, res: ServerResponse) => void;

/** A server reloading for `windowMs` after its first request: 503 with `Retry-After` (seconds, or an HTTP date). */
export function reloading(windowMs: number, retryAfter: 'seconds' | 'date'): Handler {
  let until: number | undefined;
  return (request, res) => {
    until ??= Date.now() + windowMs;
    if (Date.now() >= until) return answerDoubles(request, res);
    const header = retryAfter === 'seconds' ? String(Math.ceil(windowMs / 1000)) : new Date(until + 1000).toUTCString();
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': header });
    res.end('{"detail":"reloading the model"}');
  };
}

/** A server answering 429 (with `retryAfter` as `Retry-After`, when given) to its first `n` requests. */
export function rateLimited(n: number, retryAfter?: string): Handler {
  return (request, res) => {
    if (request.n > n) return answerDoubles(request, res);
    res.writeHead(429, {
      'content-type': 'application/json',
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    });
    res.end('{"detail":"rate limited"}');
  };
}

/** A server redirecting `/features` with `status` to `location`, and answering doubles on any other path. */
export function redirecting(status: number, location: string): Handler {
  return (request, res) => {
    if (request.path !== '/features') return answerDoubles(request, res);
    res.writeHead(status, { location });
    res.end();
  };
}

/** A server that fails every request holding the record with id `poisoned`: `500`, or no answer at all (`hang`). */
export function poisonedBy(poisoned: string, how: 500 | 'hang'): Handler {
  return (request, res) => {
    if (!request.records.some((r) => r.id === poisoned)) return answerDoubles(request, res);
    if (how === 'hang') return void setTimeout(() => res.end(), 120_000).unref();
    sendJson(res, 500, { detail: `KeyError: record ${poisoned}` });
  };
}
