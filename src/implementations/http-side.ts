import { performance } from 'node:perf_hooks';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import { SkewError } from '../errors.ts';
import { DiagnosticLog } from './_diagnostic-log.ts';
import { type PostAnswer, postJson } from './_http-post.ts';
import { Limiter } from './_limiter.ts';
import { subBatches } from './_sub-batches.ts';
import { encodeRequest, excerpt, readResult } from './_wire.ts';
import {
  errorMessage,
  type Side,
  type SideDiagnostic,
  type SideOutcome,
  type SideRecord,
  type SideShape,
} from './side.ts';

/**
 * Options of {@link httpSide}.
 * @public
 */
export interface HttpSideOptions {
  /** Endpoint that takes `{"records": [...]}` and answers `{"results": [...]}` (docs/protocol.md). */
  readonly url: string;
  /** `record` (default), or `entity`: requests carry `entity` and `timestamp`, and never split an entity. */
  readonly shape?: SideShape;
  /** Records per request; engine batches are cut into requests of this size. Default 256. */
  readonly batchSize?: number;
  /** Requests in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Per request attempt. Default 30 000. Timeouts are not retried. */
  readonly timeoutMs?: number;
  /** Retries after a connection error or a 5xx answer (never after a 4xx). Default 2. */
  readonly retries?: number;
  /** Wait before the first retry, doubled before each next one. Default 200. */
  readonly retryDelayMs?: number;
  /** Extra request headers, e.g. `{ authorization: 'Bearer …' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly description?: string;
}

function setting(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!(value >= min))
    throw new SkewError('SKEW_CONFIG_INVALID', `httpSide: ${name} must be a number ≥ ${min}, got ${value}`);
  return value;
}

class HttpSide implements Side {
  readonly shape: SideShape;
  readonly description: string;
  readonly inFlight: number;
  private readonly diagnostics = new DiagnosticLog();
  private readonly limiter: Limiter;
  private readonly batchSize: number;
  private readonly where: string;
  private readonly limits: { timeoutMs: number; retries: number; retryDelayMs: number };

  constructor(private readonly options: HttpSideOptions) {
    if (!/^https?:\/\//.test(options.url)) {
      throw new SkewError(
        'SKEW_CONFIG_INVALID',
        `httpSide: url must start with http:// or https://, got "${options.url}"`,
      );
    }
    this.shape = options.shape ?? 'record';
    this.description = options.description ?? `POST ${options.url} (http, ${this.shape}-wise)`;
    this.batchSize = Math.floor(setting('batchSize', options.batchSize, 256, 1));
    const concurrency = Math.floor(setting('concurrency', options.concurrency, 4, 1));
    this.limiter = new Limiter(concurrency);
    this.inFlight = concurrency;
    this.where = `httpSide: POST ${options.url}`;
    this.limits = {
      timeoutMs: setting('timeoutMs', options.timeoutMs, 30_000, 1),
      retries: Math.floor(setting('retries', options.retries, 2, 0)),
      retryDelayMs: setting('retryDelayMs', options.retryDelayMs, 200, 0),
    };
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    const outcomes: SideOutcome[] = new Array(batch.length);
    const ranges = subBatches(batch, this.batchSize, this.shape === 'entity');
    await Promise.all(
      ranges.map(async ([start, end]) => {
        const records = batch.slice(start, end);
        const results = await this.limiter.run(() => this.post(records));
        for (let i = 0; i < results.length; i++) outcomes[start + i] = results[i] as SideOutcome;
      }),
    );
    return outcomes;
  }

  drainDiagnostics(): readonly SideDiagnostic[] {
    return this.diagnostics.drain(this.where);
  }

  /** One request for `records`; always one outcome per record, in order. */
  private async post(records: readonly SideRecord[]): Promise<SideOutcome[]> {
    const index = new Map<string, number>();
    const lines = records.map((record, i) => {
      const id = index.has(record.id) ? `${record.id}~${i}` : record.id;
      index.set(id, i);
      return encodeRequest(id, record, this.shape);
    });
    const started = performance.now();
    const answer = await postJson(this.options.url, `{"records":[${lines.join(',')}]}`, {
      ...this.limits,
      headers: this.options.headers ?? {},
      onRetry: (reason, attempt, delayMs) => {
        const first = records[0]?.line;
        const message = `${this.where} ${reason} (attempt ${attempt}) for ${records.length} records; retrying in ${delayMs} ms`;
        this.diagnostics.push({ kind: 'retry', message, ...(first === undefined ? {} : { line: first }) });
      },
    });
    const latencyMs = (performance.now() - started) / records.length;
    return this.read(answer, records, index, latencyMs);
  }

  private read(
    answer: PostAnswer,
    records: readonly SideRecord[],
    index: Map<string, number>,
    latencyMs: number,
  ): SideOutcome[] {
    const fail = (message: string): SideOutcome[] => records.map(() => ({ error: message, latencyMs }));
    const tries = answer.attempts > 1 ? ` (after ${answer.attempts} attempts)` : '';
    if (answer.kind === 'failure') return fail(`${this.where} failed${tries}: ${answer.message}`);
    const said = `${this.where} answered ${answer.status}${tries}`;
    if (answer.status < 200 || answer.status >= 300) return fail(`${said}: ${excerpt(answer.text, 200)}`);
    let body: unknown;
    try {
      body = parseLosslessJson(answer.text);
    } catch (error) {
      return fail(`${said} with a body that is not JSON (${errorMessage(error)}): ${excerpt(answer.text, 200)}`);
    }
    const results = (body as { results?: unknown } | null)?.results;
    if (!Array.isArray(results)) return fail(`${said} without a "results" array: ${excerpt(answer.text, 200)}`);
    const outcomes: (SideOutcome | undefined)[] = new Array(records.length);
    for (const item of results) {
      const result = readResult(item);
      const i = result.ok ? index.get(result.id) : undefined;
      if (!result.ok || i === undefined || outcomes[i] !== undefined) {
        const what = !result.ok
          ? result.message
          : i === undefined
            ? `unknown id "${result.id}"`
            : `id "${result.id}" twice`;
        const line = i === undefined ? {} : { line: (records[i] as SideRecord).line };
        this.diagnostics.push({
          kind: 'protocol',
          message: `${said} with a bad result (${what}): ${excerpt(stringifyLosslessJson(item) ?? '', 160)}`,
          ...line,
        });
        continue;
      }
      outcomes[i] = { ...result.outcome, latencyMs };
    }
    const missing = `${said} but its results have no entry for this record's id: ${excerpt(answer.text, 200)}`;
    // Array.from, not map: map skips the holes left by missing results.
    return Array.from(outcomes, (o) => o ?? { error: missing, latencyMs });
  }
}

/**
 * A side behind an HTTP endpoint: engine batches are POSTed as JSON (`{"records": [...]}`, at most `batchSize` per
 * request, `concurrency` requests at once) through Node's global `fetch` (keep-alive), with lossless JSON both ways.
 * Connection errors and 5xx are retried with exponential backoff; whatever still fails, and any record the answer
 * leaves out, becomes an error outcome naming the status and the start of the body.
 * @param options - the endpoint and how to call it
 * @throws SkewError `SKEW_CONFIG_INVALID` for a URL that is not http(s) or an invalid limit
 * @remarks Since 0.1
 * @public
 */
export function httpSide(options: HttpSideOptions): Side {
  return new HttpSide(options);
}
