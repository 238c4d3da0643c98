import type { TokenOf } from './redact-paths.ts';
import { redactionToken } from './redaction-token.ts';

/** What a redactor is made from: the fields, the key of the hash, and the contract's entity field. @public */
export interface RedactorOptions {
  /** Input field paths, dotted for nested fields: the contract's `redact` and the config binding's. */
  readonly fields: readonly string[];
  /** The secret of a keyed hash (HMAC-SHA-256), from `LOCKSTEP_REDACT_KEY`; unkeyed SHA-256 without one. */
  readonly key?: string;
  /** The contract's entity field: when it is redacted, the entity a divergence names is shown as its token. */
  readonly entity?: string;
}

/**
 * What redacts one contract's outputs: the fields (in order, without repeats) and the token of a value of one.
 * @remarks Since 0.1
 * @public
 */
export interface Redactor {
  readonly fields: readonly string[];
  readonly entity?: string;
  readonly tokenOf: TokenOf;
}

/**
 * A redactor for a contract's outputs (see `redactReplayReport`, `redactGoldenResult`, `redactFuzzResult`,
 * `redactExample`). Tokens are remembered, so a value met in many places is hashed once.
 * @remarks Since 0.1
 * @public
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const memo = new Map<string, string>();
  const tokenOf: TokenOf = (field, value) => {
    const id = typeof value === 'string' ? `${field}\u0000s${value}` : undefined;
    const known = id === undefined ? undefined : memo.get(id);
    if (known !== undefined) return known;
    const token = redactionToken(field, value, options.key);
    if (id !== undefined && memo.size < 100_000) memo.set(id, token);
    return token;
  };
  return {
    fields: [...new Set(options.fields)],
    ...(options.entity === undefined ? {} : { entity: options.entity }),
    tokenOf,
  };
}
