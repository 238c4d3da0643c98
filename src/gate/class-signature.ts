import { createHash } from 'node:crypto';
import { maskNumbers } from '../compare/mask-numbers.ts';

/**
 * The version of the signature algorithm below. Changing anything that goes into a signature (the fields, their
 * order, the cause-shape rules, the hash) changes every signature: bump this and add a migration of accepted files
 * (see `migrateAcceptedFile` and docs/accepted.md).
 * @public
 */
export const SIGNATURE_VERSION = 1;

/** What identifies a divergence class across runs, replay and fuzz alike. @public */
export interface ClassIdentity {
  readonly contract: string;
  readonly feature: string;
  readonly kind: string;
  /** The class's cause as the comparator or the side wrote it (e.g. `serving higher`, `training: KeyError: …`). */
  readonly cause: string;
}

const SIDE_PREFIX = /^(training|serving|both):?\s+/;

/** An error's shape: its error name when it has one (`KeyError`), else its text without quoted data or digits. */
function errorShape(message: string): string {
  const named = /^([A-Za-z_$][\w$.]*(?:Error|Exception|Warning|Fault)):/.exec(message);
  if (named?.[1] !== undefined) return named[1];
  return maskNumbers(message.replace(/(["'`]).*?\1/g, '…'))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/**
 * The cause's shape, without display text: for `error`, the failing side and the error's shape (replay and fuzz word
 * an error's cause differently: `training: KeyError: 'x'` and `training KeyError`); otherwise the cause with
 * parenthesised remarks (`(time zone?)`) removed and white space collapsed.
 * @param kind - the divergence kind
 * @param cause - the cause as written in the report
 * @remarks Since 0.1
 * @public
 */
export function causeShape(kind: string, cause: string): string {
  if (kind === 'error') {
    const side = SIDE_PREFIX.exec(cause)?.[1] ?? '';
    return `${side}:${errorShape(cause.replace(SIDE_PREFIX, ''))}`;
  }
  return cause
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A divergence class's signature: the first 16 hex digits of SHA-256 over the JSON array
 * `["lockstep-class", SIGNATURE_VERSION, contract, feature, kind, causeShape(kind, cause)]`. Labels, messages,
 * examples and counts are never part of it, so it is stable across runs, logs, shards, and replay vs fuzz.
 * @param identity - the contract, feature, kind and cause of the class
 * @remarks Since 0.1
 * @public
 */
export function classSignature(identity: ClassIdentity): string {
  const parts = [
    'lockstep-class',
    SIGNATURE_VERSION,
    identity.contract,
    identity.feature,
    identity.kind,
    causeShape(identity.kind, identity.cause),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
