import type { SideName } from './divergence.ts';

/** The start of every error outcome that says a side could not be reached, rather than that it failed on a record. */
const PREFIX = 'side unavailable at ';
const PARSE = /^side unavailable at (.+?): (.+?)(?: \(after \d+ attempts\))?(?:: |$)/s;

/**
 * A transport failure, parsed from an error outcome: where the side was called and what happened there.
 * @public
 */
export interface SideUnavailable {
  /** The address the side was called at, e.g. `http://127.0.0.1:8080/features`. */
  readonly address: string;
  /** What happened, from a fixed vocabulary: `answered 503`, `connection refused`, `no response within 300 ms`, … */
  readonly status: string;
}

/** What {@link unavailableMessage} is made of. @public */
export interface UnavailableParts extends SideUnavailable {
  /** Attempts made, when more than one. */
  readonly attempts?: number;
  /** The rest: the start of the body, the system error, what to do. */
  readonly detail?: string;
}

/**
 * The error message of a record a side could not be computed for because the side itself was not available: a refused
 * connection, a timeout, a rate limit or a 5xx that outlived the retries, a redirect not followed. Such outcomes are
 * errors like any other for the record, but replay, golden and fuzz read them apart (see {@link sideUnavailable}):
 * the class "side unavailable" names the address and the status, is never minimized, and gets no schema hint.
 * @param parts - the address, the status (no record data in it: it is the class label), attempts and detail
 * @remarks Since 0.1
 * @public
 */
export function unavailableMessage(parts: UnavailableParts): string {
  const tries = parts.attempts !== undefined && parts.attempts > 1 ? ` (after ${parts.attempts} attempts)` : '';
  const detail = parts.detail === undefined || parts.detail === '' ? '' : `: ${parts.detail}`;
  return `${PREFIX}${parts.address}: ${parts.status}${tries}${detail}`;
}

/**
 * Reads a side's error message: the address and status when it is a transport failure made by
 * {@link unavailableMessage}, `undefined` for a failure of the side on a record.
 * @param message - an error outcome's message
 * @remarks Since 0.1
 * @public
 */
export function sideUnavailable(message: string): SideUnavailable | undefined {
  if (!message.startsWith(PREFIX)) return undefined;
  const m = PARSE.exec(message);
  return m === null ? undefined : { address: m[1] as string, status: m[2] as string };
}

/**
 * The class label of a transport failure: side, address and status, digits kept (an address and a status are the
 * data the reader needs; nothing of the record is in them).
 * @internal
 */
export function unavailableCause(side: SideName, failure: SideUnavailable): string {
  return `${side}: ${PREFIX}${failure.address}: ${failure.status}`;
}

/** Whether a class label was made by {@link unavailableCause}. @internal */
export function isUnavailableCause(cause: string): boolean {
  return /^(training|serving): side unavailable at /.test(cause);
}

/** The error message in a side's value of an `error` divergence (`{ error }`), if it is a transport failure. @internal */
export function unavailableIn(value: unknown): SideUnavailable | undefined {
  const error = (value as { error?: unknown } | null | undefined)?.error;
  return typeof error === 'string' ? sideUnavailable(error) : undefined;
}
