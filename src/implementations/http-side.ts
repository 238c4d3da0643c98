import { performance } from 'node:perf_hooks';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import { unavailableMessage } from '../compare/side-unavailable.ts';
import { SkewError } from '../errors.ts';
import { DiagnosticLog } from './_diagnostic-log.ts';
import { halve } from './_halve.ts';
import { MAX_THROTTLED_RETRIES, type PostAnswer, postJson } from './_http-post.ts';
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
  /** Per request attempt (redirects included). Default 30 000. Timeouts are not retried. */
  readonly timeoutMs?: number;
  /** Retries after a connection error or a 5xx answer other than 503 (never after a 4xx but 429). Default 2. */
  readonly retries?: number;
  /** Wait before the first retry, doubled before each next one; a `Retry-After` replaces it. Default 200. */
  readonly retryDelayMs?: number;
  /**
   * The most one request waits between attempts, all retries together (default 60 000). 429 and 503 answers are
   * retried up to 10 times within it, waiting what their `Retry-After` asks (at most 30 s a time).
   */
  readonly retryBudgetMs?: number;
  /** Extra request headers, e.g. `{ authorization: 'Bearer …' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly description?: string;
}

/** Statuses that say the endpoint cannot take requests at this address now, whatever the records. */
function transportStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408 || [401, 403, 404, 405, 407].includes(status);
}

/** Statuses one record of a request could cause: a 5xx but 503 (a crash on it), 400 and 422 (it was rejected). */
function isolatableStatus(status: number): boolean {
  return (status >= 500 && status !== 503) || status === 400 || status === 422;
}

/** Why a request as a whole got no results. */
interface Failure {
  readonly status: string;
  readonly detail: string;
  readonly attempts: number;
  readonly isolatable: boolean;
  /** The side, not a record, is at fault unless isolation pins it on one: the class "side unavailable". */
  readonly transport: boolean;
  readonly gaveUp?: string;
  readonly latencyMs: number;
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
  private readonly limits: { timeoutMs: number; retries: number; retryDelayMs: number; retryBudgetMs: number };
  /** Whether the endpoint has answered a request with a 2xx: a failure on one record alone is then that record's. */
  private answered = false;
  /**
   * Set when a request ended as side unavailable, cleared by the next 2xx. Meanwhile each request makes one attempt,
   * with no retries and no splitting: an endpoint that is down costs one request per batch, not the retry budget.
   */
  private down = false;
  private probe: Promise<void> | undefined;

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
      retryBudgetMs: setting('retryBudgetMs', options.retryBudgetMs, 60_000, 0),
    };
  }

  /**
   * Sends one empty request (`{"records": []}`, one attempt of at most 10 s): an endpoint that answers it with a 2xx is known to be
   * up, so a first record that makes it fail is that record's failure, not "side unavailable". Never throws: an
   * endpoint that is down shows in the records' outcomes.
   */
  start(): Promise<void> {
    this.probe ??= postJson(this.options.url, '{"records":[]}', {
      ...this.limits,
      // A hung endpoint shows in the records' outcomes; the probe need not wait for it as long.
      timeoutMs: Math.min(this.limits.timeoutMs, 10_000),
      retries: 0,
      throttledRetries: 0,
      headers: this.options.headers ?? {},
      onRetry: () => undefined,
    }).then((answer) => {
      if (answer.kind === 'response' && answer.status >= 200 && answer.status < 300) this.answered = true;
    });
    return this.probe;
  }

  async compute(batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
    const outcomes: SideOutcome[] = new Array(batch.length);
    const ranges = subBatches(batch, this.batchSize, this.shape === 'entity');
    await Promise.all(
      ranges.map(async ([start, end]) => {
        const results = await this.settle(batch.slice(start, end));
        for (let i = 0; i < results.length; i++) outcomes[start + i] = results[i] as SideOutcome;
      }),
    );
    return outcomes;
  }

  drainDiagnostics(): readonly SideDiagnostic[] {
    return this.diagnostics.drain(this.where);
  }

  /** One request for `records`, split to isolate the records it fails on; always one outcome per record, in order. */
  private async settle(records: readonly SideRecord[]): Promise<SideOutcome[]> {
    const down = this.down;
    const tried = await this.post(records, down ? 0 : this.limits.retries, down ? 0 : MAX_THROTTLED_RETRIES);
    if (Array.isArray(tried)) return tried;
    return down ? this.fail(records, tried, false) : await this.isolate(records, tried, false);
  }

  /**
   * A request failed in a way one record could cause (a 5xx, a timeout, a connection closed mid-request): its two
   * halves are sent again (no retries but 429/503), and so on into each half that fails, until the failure is pinned
   * on a record (or an entity's history). When no part of a request is answered, the server is failing as a whole:
   * splitting stops and every record gets the failure, so a dead server costs two requests per batch, not 2n.
   */
  private async isolate(
    records: readonly SideRecord[],
    failure: Failure,
    answeredNearby: boolean,
  ): Promise<SideOutcome[]> {
    const cut = failure.isolatable ? halve(records, this.shape === 'entity') : undefined;
    if (cut === undefined) return this.fail(records, failure, answeredNearby || this.answered);
    const first = records[0]?.line;
    this.diagnostics.push({
      kind: 'retry',
      message: `${this.where} ${failure.status} for ${records.length} records; sending each half alone to isolate the records it fails on`,
      ...(first === undefined ? {} : { line: first }),
    });
    const parts = [records.slice(0, cut), records.slice(cut)];
    const tried = await Promise.all(parts.map((part) => this.post(part, 0, MAX_THROTTLED_RETRIES)));
    const answered = answeredNearby || tried.some((t) => Array.isArray(t));
    if (!answered) return this.fail(records, failure, false);
    const settled = await Promise.all(
      tried.map((t, i) => (Array.isArray(t) ? t : this.isolate(parts[i] as SideRecord[], t, true))),
    );
    return settled.flat();
  }

  /** Error outcomes for records a request failed on: the record's own failure once pinned on it, else the side's. */
  private fail(records: readonly SideRecord[], failure: Failure, pinned: boolean): SideOutcome[] {
    const tries = failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
    const detail = [failure.detail, failure.gaveUp].filter((x) => x !== undefined && x !== '').join('; ');
    const alone = this.shape === 'entity' ? "this entity's records" : 'this record';
    const own = pinned && failure.isolatable && halve(records, this.shape === 'entity') === undefined;
    const message = own
      ? `${this.where} ${failure.status}${tries} for ${alone} alone, while it answers others: ${detail}`
      : failure.transport
        ? unavailableMessage({ address: this.options.url, status: failure.status, attempts: failure.attempts, detail })
        : `${this.where} ${failure.status}${tries}: ${detail}`;
    if (!own && failure.transport) this.down = true;
    return records.map(() => ({ error: message, latencyMs: failure.latencyMs }));
  }

  /** One request for `records`: their outcomes, or why the request as a whole failed. */
  private async post(
    records: readonly SideRecord[],
    retries: number,
    throttledRetries: number,
  ): Promise<SideOutcome[] | Failure> {
    const index = new Map<string, number>();
    const lines = records.map((record, i) => {
      const id = index.has(record.id) ? `${record.id}~${i}` : record.id;
      index.set(id, i);
      return encodeRequest(id, record, this.shape);
    });
    return await this.limiter.run(async () => {
      const started = performance.now();
      const answer = await postJson(this.options.url, `{"records":[${lines.join(',')}]}`, {
        ...this.limits,
        retries,
        throttledRetries,
        headers: this.options.headers ?? {},
        onRetry: (reason, attempt, delayMs) => {
          const first = records[0]?.line;
          const message = `${this.where} ${reason} (attempt ${attempt}) for ${records.length} records; retrying in ${delayMs} ms`;
          this.diagnostics.push({ kind: 'retry', message, ...(first === undefined ? {} : { line: first }) });
        },
      });
      const latencyMs = (performance.now() - started) / records.length;
      return this.read(answer, records, index, latencyMs);
    });
  }

  private read(
    answer: PostAnswer,
    records: readonly SideRecord[],
    index: Map<string, number>,
    latencyMs: number,
  ): SideOutcome[] | Failure {
    const gaveUp = answer.gaveUp === undefined ? {} : { gaveUp: answer.gaveUp };
    if (answer.kind === 'failure') {
      const { kind: _kind, ...rest } = answer;
      return { ...rest, transport: true, latencyMs };
    }
    if (answer.status < 200 || answer.status >= 300) {
      const { status } = answer;
      return {
        status: `answered ${status}`,
        detail: excerpt(answer.text, 200),
        attempts: answer.attempts,
        isolatable: isolatableStatus(status),
        transport: transportStatus(status),
        latencyMs,
        ...gaveUp,
      };
    }
    this.answered = true;
    this.down = false;
    const tries = answer.attempts > 1 ? ` (after ${answer.attempts} attempts)` : '';
    const said = `${this.where} answered ${answer.status}${tries}`;
    const fail = (message: string): SideOutcome[] => records.map(() => ({ error: message, latencyMs }));
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
 * Connection errors and 5xx are retried with exponential backoff, 429 and 503 as their `Retry-After` asks (bounded);
 * a same-origin 307/308 is followed with the same POST, another redirect is named with its target. A request that
 * fails because of one record is split until only that record errors. What still fails is an error outcome: "side
 * unavailable" (see `unavailableMessage`, with the URL and status) when the endpoint is at fault, else naming the
 * status and the start of the body; so is any record the answer leaves out. Details: docs/protocol.md, HTTP sides.
 * @param options - the endpoint and how to call it
 * @throws SkewError `SKEW_CONFIG_INVALID` for a URL that is not http(s) or an invalid limit
 * @remarks Since 0.1
 * @public
 */
export function httpSide(options: HttpSideOptions): Side {
  return new HttpSide(options);
}
