import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { SkewError } from '../errors.ts';
import { featuresOfRow } from './_feature-values.ts';
import { IdIndex } from './_id-index.ts';
import type { FeatureTable, FeatureTableOptions } from './feature-table.ts';

function parseRow(text: string, where: string, api: string): Record<string, unknown> {
  let row: unknown;
  try {
    row = parseLosslessJson(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: ${where}: bad JSON (${why}); regenerate the features file`);
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row)) {
    throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: ${where}: expected one JSON object per line`);
  }
  return row as Record<string, unknown>;
}

/**
 * Reads a JSON Lines features file (plain or gzip-compressed, or several part files in order): one object per line
 * with the record id and the features (rows are counted over the non-blank lines of all parts). Each line is kept as its text and parsed again when its record comes (int64
 * beyond 2^53 exact, Python's `NaN` understood), which holds a file in about its own size of memory.
 * @param parts - the file, or the part files of a folder, in order
 * @throws SkewError `SKEW_LOG_UNREADABLE` naming the file and line of a line that is not a JSON object
 */
export async function readJsonlFeatureTable(
  parts: readonly string[],
  options: FeatureTableOptions = {},
): Promise<FeatureTable> {
  const api = options.api ?? 'readJsonlFeatureTable';
  const idField = options.idField ?? 'id';
  const index = new IdIndex();
  const texts: string[] = [];
  let rows = 0;
  for (const path of parts) {
    const bytes = createReadStream(path);
    const input = path.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes;
    let line = 0;
    try {
      for await (const text of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
        line++;
        if (text.trim() === '') continue;
        const at = `${path} line ${line}`;
        const row = parseRow(text, at, api);
        rows++;
        texts.push(index.add(row[idField], texts.length) ? text : '');
      }
    } catch (error) {
      if (error instanceof SkewError) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: ${path} cannot be read after line ${line} (${why})`);
    }
  }
  return index.table(rows, (row) =>
    featuresOfRow(parseRow(texts[row] ?? '', `row ${row + 1}`, api), idField, options.columns),
  );
}
