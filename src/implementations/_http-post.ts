import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from './side.ts';

/** The longest Lockstep waits before one retry, whatever `Retry-After` asks. @internal */
export const MAX_WAIT_MS = 30_000;
/** Retries of a 429 or 503 answer (within the retry budget), by default. @internal */
export const MAX_THROTTLED_RETRIES = 10;
/** Same-origin 307/308 redirects followed per attempt. @internal */
export const MAX_REDIRECTS = 5;

/** How to POST one body. @internal */
export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Retries after a connection error or a 5xx other than 503. */
  readonly retries: number;
  /** Retries after a 429 or 503. */
  readonly throttledRetries: number;
  /** Wait before the first retry; doubled before each next one. */
  readonly retryDelayMs: number;
  /** The most one request waits between its attempts, all retries together. */
  readonly retryBudgetMs: number;
  readonly onRetry: (reason: string, attempt: number, delayMs: number) => void;
}

/** What came back: a response (any status, after retries), or why no response could be had. @internal */
export type PostAnswer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly text: string;
      readonly attempts: number;
      /** Why retrying stopped before the attempts ran out, if it did. */
      readonly gaveUp?: string;
    }
  | {
      readonly kind: 'failure';
      /** What happened, from a fixed vocabulary (`connection refused`, `no response within 300 ms`, …). */
      readonly status: string;
      readonly detail: string;
      readonly attempts: number;
      /** Whether a record could have caused it (a timeout, a connection closed mid-request). */
      readonly isolatable: boolean;
      readonly gaveUp?: string;
    };

type Failure = Omit<Extract<PostAnswer, { kind: 'failure' }>, 'kind' | 'attempts' | 'gaveUp'>;

const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);

function describeFetchError(error: unknown, timeoutMs: number): Failure & { retry: boolean } {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return {
      status: `no response within ${timeoutMs} ms`,
      detail: 'the timeoutMs of an attempt (a timeout is not retried)',
      retry: false,
      isolatable: true,
    };
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = `${errorMessage(error)}${cause === undefined ? '' : ` (${errorMessage(cause)})`}`;
  if (code === 'ECONNREFUSED') return { status: 'connection refused', detail, retry: true, isolatable: false };
  if (typeof code === 'string' && NOT_FOUND.has(code))
    return { status: 'host not found', detail, retry: true, isolatable: false };
  if (typeof code === 'string' && CLOSED.has(code))
    return { status: 'connection closed', detail, retry: true, isolatable: true };
  const status = typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
  return { status, detail, retry: true, isolatable: false };
}

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date (`undefined` when absent or unreadable).
 * @internal
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function resolveLocation(location: string | null, base: string): URL | undefined {
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** One attempt: POSTs, following same-origin 307/308 with the same body; any other redirect is a failure. */
async function exchange(
  url: string,
  body: string,
  options: PostOptions,
): Promise<{ response: Response; text: string } | Failure> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const headers = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };
  let target = url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal });
    const text = await response.text();
    if (response.status < 300 || response.status > 399 || response.status === 304) return { response, text };
    const code = response.status;
    const next = resolveLocation(response.headers.get('location'), target);
    const keepsPost = code === 307 || code === 308;
    if (next !== undefined && keepsPost && next.origin === new URL(url).origin && hop < MAX_REDIRECTS) {
      target = next.href;
      continue;
    }
    const to = next?.href ?? '(no Location header)';
    const why =
      next === undefined
        ? 'a redirect without a usable Location cannot be followed'
        : !keepsPost
          ? `a ${code} would turn the POST into a GET; set url to ${to}`
          : hop >= MAX_REDIRECTS
            ? `more than ${MAX_REDIRECTS} redirects in a row`
            : `Lockstep follows 307/308 only on the same origin (headers must not go to another host); set url to ${to}`;
    return { status: `redirected (${code}) to ${to}`, detail: why, isolatable: false };
  }
}

/** How long to wait before the next attempt, or why to stop retrying. */
function nextWait(
  options: PostOptions,
  tries: { plain: number; throttled: number; waited: number },
  throttled: boolean,
  serverMs: number | undefined,
): number | string {
  const n = throttled ? tries.throttled : tries.plain;
  if (throttled ? n >= options.throttledRetries : n >= options.retries) return 'retries spent';
  const wait = Math.min(serverMs ?? options.retryDelayMs * 2 ** n, MAX_WAIT_MS);
  if (tries.waited + wait > options.retryBudgetMs) {
    const asked = serverMs === undefined ? '' : ` (Retry-After asked for ${Math.ceil(serverMs / 1000)} s)`;
    return `waiting ${wait} ms more${asked} would pass the retry budget of ${options.retryBudgetMs} ms (retryBudgetMs)`;
  }
  return wait;
}

/**
 * POSTs a JSON body with a timeout per attempt. Retries, with exponential backoff: a connection error or a 5xx up to
 * `retries` times; a 429 or 503 up to `throttledRetries` times. A `Retry-After` (seconds or HTTP date)
 * sets the wait instead of the backoff; no wait is longer than {@link MAX_WAIT_MS}, and all waits of one request stay
 * within `retryBudgetMs`. Never retries a 4xx other than 429, nor a timeout (a slow endpoint would only be slow again).
 * @internal
 */
export async function postJson(url: string, body: string, options: PostOptions): Promise<PostAnswer> {
  const tries = { plain: 0, throttled: 0, waited: 0 };
  for (let attempt = 1; ; attempt++) {
    let answer: PostAnswer;
    let throttled = false;
    let serverMs: number | undefined;
    try {
      const got = await exchange(url, body, options);
      if (!('response' in got)) return { kind: 'failure', ...got, attempts: attempt };
      const status = got.response.status;
      answer = { kind: 'response', status, text: got.text, attempts: attempt };
      throttled = status === 429 || status === 503;
      if (!throttled && status < 500) return answer;
      serverMs = retryAfterMs(got.response.headers.get('retry-after'), Date.now());
    } catch (error) {
      const { retry, ...failure } = describeFetchError(error, options.timeoutMs);
      answer = { kind: 'failure', ...failure, attempts: attempt };
      if (!retry) return answer;
    }
    const wait = nextWait(options, tries, throttled, serverMs);
    if (typeof wait === 'string') return wait === 'retries spent' ? answer : { ...answer, gaveUp: wait };
    if (throttled) tries.throttled++;
    else tries.plain++;
    tries.waited += wait;
    options.onRetry(answer.kind === 'response' ? `answered ${answer.status}` : answer.status, attempt, wait);
    await sleep(wait);
  }
}
