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

/**
 * True for a {@link SkewError}, also one thrown by another copy of Lockstep: a CommonJS config's `require('lockstep')`
 * loads the CommonJS build beside the ES module build that runs the CLI, so `instanceof` alone would miss it.
 * @public
 */
export function isSkewError(error: unknown): error is SkewError {
  if (error instanceof SkewError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'SkewError' && typeof code === 'string' && code.startsWith('SKEW_');
}
