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

/** A request the server received: its number (1-based), raw body, records and headers. */
export interface Received {
  readonly n: number;
  readonly body: string;
  readonly records: WireRecord[];
  readonly headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 (port 0) whose handler sees each parsed request. */
export interface TestServer {
  readonly url: string;
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
      const parsed = parseLosslessJson(body) as { records: WireRecord[] };
      const request = { n: received.length + 1, body, records: parsed.records, headers: req.headers };
      received.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/features`,
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
