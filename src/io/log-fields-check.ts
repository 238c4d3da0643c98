import { parseLosslessJson } from '../codec/lossless-json.ts';
import { SkewError } from '../errors.ts';
import { splitLines } from '../replay/decode/split-lines.ts';
import type { LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import { fileLineSource } from './line-source.ts';

/** Log field names a user gave by flag or config, with how they gave each (for the message). @public */
export interface NamedLogFields {
  readonly fields: Partial<LogFormat>;
  /** How each field was named, e.g. `--timestamp-field` or `format.timestampField in lockstep.config.ts`. */
  readonly namedBy: Readonly<Partial<Record<keyof LogFormat, string>>>;
  /** The field holding the input: the id field may be one of its fields. */
  readonly inputField?: string;
}

const LOOK_AT = 50;

/** The top-level keys of the first lines of a log that are JSON objects (up to {@link LOOK_AT} of them). */
async function firstRecords(source: LineSource, inputField: string): Promise<{ line: number; keys: Set<string> }[]> {
  const found: { line: number; keys: Set<string> }[] = [];
  for await (const slices of splitLines(source.open())) {
    for (let i = 0; i < slices.starts.length; i++) {
      const text = slices.buf.toString('utf8', slices.starts[i], slices.ends[i]);
      if (text.trim() === '') continue;
      try {
        const value = parseLosslessJson(text);
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const input = (value as Record<string, unknown>)[inputField];
          const inner =
            input !== null && typeof input === 'object' ? Object.keys(input).map((k) => `${inputField}.${k}`) : [];
          found.push({ line: slices.firstLine + i, keys: new Set([...Object.keys(value), ...inner]) });
        }
      } catch {
        // a bad line is the replay's to report, with its line and offset
      }
      if (found.length >= LOOK_AT) return found;
    }
  }
  return found;
}

/**
 * Checks, before any side starts, that each log field the user named (by flag or config) is in the log: a named field
 * that no record among the log's first ones has is a typo, and Lockstep never falls back to another field for it (a
 * fallback once hid a real ordering skew). Fields left at their defaults are not checked here.
 * @param path - the log
 * @param named - the fields named, and by what
 * @param source - the log's lines (a Parquet or CSV log's rows as JSON lines); the JSONL file at `path` by default
 * @throws SkewError `SKEW_USAGE` naming the flag, the field, the log and the fields its first record has
 * @remarks Since 0.1
 * @public
 */
export async function checkNamedLogFields(
  path: string,
  named: NamedLogFields,
  source: LineSource = fileLineSource(path),
): Promise<void> {
  const entries = Object.entries(named.fields).filter(([, v]) => typeof v === 'string') as [keyof LogFormat, string][];
  if (entries.length === 0) return;
  const inputField = named.inputField ?? 'input';
  const records = await firstRecords(source, inputField);
  if (records.length === 0) return; // an empty or all-invalid log is reported by the replay itself
  for (const [key, field] of entries) {
    const inInput = key === 'idField' ? `${inputField}.${field}` : undefined;
    if (records.some((r) => r.keys.has(field) || (inInput !== undefined && r.keys.has(inInput)))) continue;
    const first = records[0] as { line: number; keys: Set<string> };
    const has =
      [...first.keys]
        .filter((k) => !k.startsWith(`${inputField}.`))
        .map((k) => `"${k}"`)
        .join(', ') || 'none';
    throw new SkewError(
      'SKEW_USAGE',
      `${named.namedBy[key] ?? key} names the log field "${field}", which no record of ${path} has ` +
        `(looked at the first ${records.length}; line ${first.line} has ${has}); ` +
        'fix the name: Lockstep does not fall back to another field',
    );
  }
}
