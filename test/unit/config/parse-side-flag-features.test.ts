import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSideFlag } from '../../../src/config/parse-side-flag.ts';

const cwd = mkdtempSync(join(tmpdir(), 'lockstep-side-flag-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(join(cwd, 'features.jsonl.gz'), '');
mkdirSync(join(cwd, 'out.parquet'));

describe('parseSideFlag: features files', () => {
  it('reads an existing .parquet (file or folder) or .jsonl(.gz) path as a features file, relative to cwd', () => {
    expect(parseSideFlag('training', 'out.parquet', { cwd })).toEqual({ features: join(cwd, 'out.parquet') });
    expect(parseSideFlag('training', 'features.jsonl.gz', { cwd, featuresIdField: 'request_id' })).toEqual({
      features: join(cwd, 'features.jsonl.gz'),
      idField: 'request_id',
    });
  });

  it('takes features:<path> even before the file exists; a missing one named bare is a mistyped path', () => {
    expect(parseSideFlag('serving', 'features:later.parquet', { cwd })).toEqual({
      features: join(cwd, 'later.parquet'),
    });
    expect(() => parseSideFlag('training', 'missing.parquet', { cwd })).toThrow(
      expect.objectContaining({
        code: 'SKEW_USAGE',
        message: `--training: features file ${join(cwd, 'missing.parquet')} does not exist (to run a command of that name, give it as a JSON array: ["missing.parquet"])`,
      }),
    );
    // A command line that ends with such a name is still a command.
    expect(parseSideFlag('training', 'python3 export.jsonl', { cwd })).toEqual({
      command: ['python3', 'export.jsonl'],
    });
    expect(parseSideFlag('training', '["missing.parquet"]', { cwd })).toEqual({ command: ['missing.parquet'] });
    expect(() => parseSideFlag('training', 'features:train.csv', { cwd })).toThrow(
      expect.objectContaining({
        code: 'SKEW_USAGE',
        message:
          "--training: features:train.csv: a features file is .parquet (a file or Spark's folder), .jsonl or .jsonl.gz",
      }),
    );
  });
});
