/**
 * Stable error codes for misuse and environment failures. Divergences are data, not errors.
 * @public
 */
export type SkewErrorCode =
  | 'SKEW_CONTRACT_INVALID'
  | 'SKEW_CONFIG_INVALID'
  | 'SKEW_USAGE'
  | 'SKEW_IMPL_START'
  | 'SKEW_IMPL_CRASHED'
  | 'SKEW_LOG_UNREADABLE'
  | 'SKEW_INTERNAL';

/**
 * The one error class Lockstep throws. The message says what, where and how to fix, starting with the API name.
 * @public
 */
export class SkewError extends Error {
  readonly code: SkewErrorCode;

  constructor(code: SkewErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SkewError';
    this.code = code;
  }
}

/** @internal */
export function isSkewError(error: unknown): error is SkewError {
  return error instanceof SkewError;
}
