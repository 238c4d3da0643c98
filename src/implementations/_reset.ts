/**
 * The optional reset exchange of the line protocol (docs/protocol.md): Lockstep writes `{"reset": "<token>"}` when
 * nothing is in flight, and a side that declared `reset: true` answers `{"reset": "<token>"}` once its state is clear.
 */

/** The reset request line, without its newline. @internal */
export function encodeReset(token: string): string {
  return `{"reset":${JSON.stringify(token)}}`;
}

/** The token a line acknowledges, or `undefined` when the line is not a reset acknowledgement. @internal */
export function decodeResetAck(line: string): string | undefined {
  if (!line.includes('"reset"')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (value === null || typeof value !== 'object' || Array.isArray(value) || 'id' in value) return undefined;
    const token = (value as { reset?: unknown }).reset;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reset a child was sent and has not acknowledged yet (at most one: a reset is sent when nothing is in flight).
 * @internal
 */
export class PendingReset {
  private current: { readonly token: string; readonly done: () => void; readonly sentAt: number } | undefined;

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Starts a reset; returns the line to write (without its newline). */
  start(token: string, done: () => void, now: number): string {
    this.current = { token, done, sentAt: now };
    return encodeReset(token);
  }

  /** Whether `line` acknowledges the reset in flight; if so it is done. */
  acknowledges(line: string): boolean {
    const current = this.current;
    if (current === undefined || decodeResetAck(line) !== current.token) return false;
    this.current = undefined;
    current.done();
    return true;
  }

  /** Whether the reset in flight has waited `budgetMs` or more. */
  overdue(now: number, budgetMs: number): boolean {
    return this.current !== undefined && now - this.current.sentAt >= budgetMs;
  }

  /** The callback of the reset in flight, handed over (a fresh child is a reset too). */
  take(): (() => void) | undefined {
    const done = this.current?.done;
    this.current = undefined;
    return done;
  }
}
