import { z } from 'zod';
import { DIVERGENCE_KINDS } from '../compare/divergence.ts';
import { SkewError } from '../errors.ts';
import { SIGNATURE_VERSION } from './class-signature.ts';

/**
 * One divergence class a team accepts for now. Matched by `signature` alone; `feature`, `kind` and `cause` are the
 * class's label for humans (and what a migration recomputes signatures from).
 * @public
 */
export interface AcceptedClass {
  readonly signature: string;
  readonly feature: string;
  readonly kind: string;
  readonly cause: string;
  /** At most this many records of the class per contract's replay. */
  readonly maxRecords?: number;
  /** At most this share (0..1) of the records both sides ran on. */
  readonly maxRate?: number;
  /** Why it is accepted. */
  readonly reason: string;
  /** An issue or a discussion. */
  readonly link?: string;
}

/** A contract's accepted file (`snapshots/<contract>/accepted.json`). @public */
export interface AcceptedFile {
  readonly signatureVersion: number;
  readonly contract: string;
  readonly accepted: readonly AcceptedClass[];
}

/** The reason `--accept` writes for a class that has none yet. @public */
export const PLACEHOLDER_REASON = 'TODO: why is this accepted?';

const entrySchema = z
  .strictObject({
    signature: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits (the class signature)'),
    feature: z.string().min(1, 'must name the feature'),
    kind: z.enum(DIVERGENCE_KINDS as [string, ...string[]]),
    cause: z.string(),
    maxRecords: z.number().int('must be a whole number of records').min(0, 'must be >= 0').optional(),
    maxRate: z.number().min(0, 'must be a rate in [0, 1]').max(1, 'must be a rate in [0, 1]').optional(),
    reason: z.string().trim().min(1, 'must say why the class is accepted'),
    link: z.string().min(1).optional(),
  })
  .refine((e) => e.maxRecords !== undefined || e.maxRate !== undefined, {
    message: 'needs a budget: maxRecords or maxRate (or both)',
  });

const fileSchema = z.strictObject({
  signatureVersion: z.number(),
  contract: z.string().min(1),
  accepted: z.array(entrySchema),
});

function invalid(location: string, what: string): SkewError {
  return new SkewError('SKEW_CONFIG_INVALID', `accepted file ${location}: ${what}`);
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/**
 * Reads a contract's accepted file: JSON, the known signature version, the expected contract, well-formed entries
 * with a budget and a reason, each signature once.
 * @param text - the file's content
 * @param location - its path, for messages
 * @param contract - the contract it must belong to
 * @throws SkewError `SKEW_CONFIG_INVALID` naming the file and the path of the bad entry (exit 2)
 * @remarks Since 0.1
 * @public
 */
export function parseAcceptedFile(text: string, location: string, contract: string): AcceptedFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid(
      location,
      `not JSON (${(error as Error).message}); fix it or delete it and run lockstep replay --accept`,
    );
  }
  const version = (raw as { signatureVersion?: unknown } | null)?.signatureVersion;
  if (version !== SIGNATURE_VERSION) {
    const found = version === undefined ? 'has no signatureVersion' : `signatureVersion ${JSON.stringify(version)}`;
    throw invalid(
      location,
      `${found}: not a version this Lockstep knows (${SIGNATURE_VERSION}); a file from ` +
        'another version needs migrating (docs/accepted.md), or write it afresh with lockstep replay --accept',
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(location, `${pathText(issue?.path ?? []) || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const file = parsed.data;
  if (file.contract !== contract) {
    throw invalid(location, `contract: "${file.contract}", but the file is for contract "${contract}"`);
  }
  const seen = new Map<string, number>();
  for (const [i, entry] of file.accepted.entries()) {
    const first = seen.get(entry.signature);
    if (first !== undefined) throw invalid(location, `accepted[${i}].signature: the same class as accepted[${first}]`);
    seen.set(entry.signature, i);
  }
  return file as AcceptedFile;
}

const KEY_ORDER = ['signature', 'feature', 'kind', 'cause', 'maxRecords', 'maxRate', 'reason', 'link'] as const;

/**
 * Writes an accepted file as stable, diff-friendly JSON: entries sorted by feature, kind, cause; keys in one order.
 * @remarks Since 0.1
 * @public
 */
export function formatAcceptedFile(file: AcceptedFile): string {
  // Code-unit order, never the locale's: the file must not change with the machine that writes it.
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const accepted = [...file.accepted]
    .sort(
      (a, b) =>
        cmp(a.feature, b.feature) || cmp(a.kind, b.kind) || cmp(a.cause, b.cause) || cmp(a.signature, b.signature),
    )
    .map((e) => Object.fromEntries(KEY_ORDER.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])));
  const out = { signatureVersion: file.signatureVersion, contract: file.contract, accepted };
  return `${JSON.stringify(out, null, 2)}\n`;
}
