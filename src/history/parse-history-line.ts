import { z } from 'zod';
import type { HistoryEntry } from './history-entry.ts';

const count = z.number().int().min(0);
const distance = z.number().optional();

// Loose objects: a field a later Lockstep adds is kept, not an error.
const entrySchema = z.looseObject({
  historyVersion: z.literal(1),
  runAt: z.string().min(1),
  gitCommit: z.string().optional(),
  contract: z.looseObject({ name: z.string().min(1), version: z.string() }),
  status: z.enum(['pass', 'diverged']),
  sample: z.number().gt(0).lt(1).optional(),
  counts: z.looseObject({ read: count, compared: count, diverged: count }),
  features: z.array(
    z.looseObject({
      feature: z.string(),
      compared: count,
      diverged: count,
      mismatchRate: z.number(),
      psi: distance,
      jsDistance: distance,
      lInf: distance,
      ks: distance,
    }),
  ),
  classes: z.array(
    z.looseObject({ signature: z.string(), feature: z.string(), kind: z.string(), cause: z.string(), count }),
  ),
});

/** One line of the history file read: its entry, or why it is not one. @public */
export type HistoryLineResult = { readonly entry: HistoryEntry } | { readonly problem: string };

/**
 * Reads one line of the history file (JSONL): a `HistoryEntry` of `historyVersion` 1, or a problem saying why not
 * (not JSON, another version, a field missing or of the wrong type), for the caller to report with the line.
 * @param text - the line, without its newline
 * @remarks Since 0.1
 * @public
 */
export function parseHistoryLine(text: string): HistoryLineResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const version = (raw as { historyVersion?: unknown } | null)?.historyVersion;
  if (version !== undefined && version !== 1) {
    return { problem: `historyVersion ${JSON.stringify(version)}, which this Lockstep does not read (it reads 1)` };
  }
  const parsed = entrySchema.safeParse(raw);
  if (parsed.success) return { entry: parsed.data as HistoryEntry };
  const issue = parsed.error.issues[0];
  const at = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
  return { problem: `not a history entry (${at}${issue?.message ?? 'invalid'})` };
}
