import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage } from './side.ts';

/** How to POST one body. @internal */
export interface PostOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Wait before the first retry; doubled before each next one. */
  readonly retryDelayMs: number;
  readonly onRetry: (reason: string, attempt: number, delayMs: number) => void;
}

/** What came back: a response (any status, after retries on 5xx), or why no response could be had. @internal */
export type PostAnswer =
  | { readonly kind: 'response'; readonly status: number; readonly text: string; readonly attempts: number }
  | { readonly kind: 'failure'; readonly message: string; readonly attempts: number };

function describeFetchError(error: unknown, timeoutMs: number): { message: string; retry: boolean } {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { message: `no response within ${timeoutMs} ms (timeoutMs)`, retry: false };
  }
  const cause = error instanceof Error && error.cause !== undefined ? ` (${errorMessage(error.cause)})` : '';
  return { message: `${errorMessage(error)}${cause}`, retry: true };
}

/**
 * POSTs a JSON body with a timeout per attempt, retrying with exponential backoff on connection errors and 5xx
 * answers (never on 4xx, never on a timeout: a slow endpoint would only be slow `retries` more times).
 * @internal
 */
export async function postJson(url: string, body: string, options: PostOptions): Promise<PostAnswer> {
  for (let attempt = 1; ; attempt++) {
    const delayMs = options.retryDelayMs * 2 ** (attempt - 1);
    const canRetry = attempt <= options.retries;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      if (response.status < 500 || !canRetry)
        return { kind: 'response', status: response.status, text, attempts: attempt };
      options.onRetry(`answered ${response.status}`, attempt, delayMs);
    } catch (error) {
      const { message, retry } = describeFetchError(error, options.timeoutMs);
      if (!retry || !canRetry) return { kind: 'failure', message, attempts: attempt };
      options.onRetry(message, attempt, delayMs);
    }
    await sleep(delayMs);
  }
}
