import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SkewError } from '../errors.ts';
import { SNAPSHOT_DIR_FLAG, snapshotPathError } from '../io/snapshot-path.ts';
import { decodeCorpusValue, encodeCorpusValue } from './_corpus-json.ts';
import type { CorpusEntry, CorpusStore, StoredCase } from './corpus-entry.ts';

const FIELDS: readonly (keyof CorpusEntry)[] = [
  'contract',
  'version',
  'feature',
  'kind',
  'cause',
  'shape',
  'seed',
  'path',
  'found',
];

/** The error for a corpus file that is not a case, naming it. */
function notACase(file: string, why: string, options?: { cause: unknown }): SkewError {
  return new SkewError('SKEW_CONFIG_INVALID', `fsCorpusStore: ${file} ${why}; fix or delete it`, options);
}

function parseEntry(file: string, text: string): CorpusEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notACase(file, 'is not valid JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const held = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw notACase(file, `is not a corpus case (it holds ${held}, not a JSON object)`);
  }
  const raw = parsed as Record<string, unknown>;
  const missing = [...FIELDS.filter((f) => raw[f] === undefined), ...('input' in raw ? [] : ['input'])];
  if (missing.length > 0) throw notACase(file, `is not a corpus case (missing ${missing.join(', ')})`);
  return {
    ...(raw as unknown as CorpusEntry),
    input: decodeCorpusValue(raw.input),
    training: decodeCorpusValue(raw.training),
    serving: decodeCorpusValue(raw.serving),
  };
}

/** A corpus file's text; one that cannot be read (a folder named `*.json`, no permission) is named like a bad case. */
async function readCase(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'is a directory, not a corpus case'
        : `cannot be read (${(error as Error).message})`;
    throw notACase(file, why, { cause: error });
  }
}

/**
 * A regression corpus in files: `<root>/<contract>/fuzz-corpus/<feature>.<kind>.<hash>.json`, one pretty-printed
 * JSON object per counterexample, in a stable key order so diffs stay readable.
 * @param root - the snapshots folder, e.g. `snapshots`
 * @param what - the flag or option that chose `root`, as errors name it (default `--snapshot-dir`)
 * @throws SkewError `SKEW_CONFIG_INVALID` (on read) naming a corpus file that is not valid JSON, not a case, or not
 * a file; `SKEW_USAGE` when `root`, or a folder in it, is a file, or the corpus cannot be read or written
 * @remarks Since 0.1
 * @public
 */
export function fsCorpusStore(root: string, what: string = SNAPSHOT_DIR_FLAG): CorpusStore {
  const dir = (contract: string) => join(root, contract.replace(/[^\w.-]+/g, '_'), 'fuzz-corpus');
  return {
    describe: (contract) => relative(process.cwd(), dir(contract)) || '.',
    async read(contract: string): Promise<StoredCase[]> {
      let names: string[];
      try {
        names = (await readdir(dir(contract))).filter((n) => n.endsWith('.json')).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw snapshotPathError(what, dir(contract), dir(contract), 'read', error);
      }
      const out: StoredCase[] = [];
      for (const name of names) {
        const file = join(dir(contract), name);
        out.push({ key: name.slice(0, -'.json'.length), entry: parseEntry(file, await readCase(file)) });
      }
      return out;
    },
    async write({ key, entry }: StoredCase): Promise<void> {
      const ordered = {
        ...Object.fromEntries(FIELDS.map((f) => [f, entry[f]])),
        training: encodeCorpusValue(entry.training),
        serving: encodeCorpusValue(entry.serving),
        input: encodeCorpusValue(entry.input),
      };
      const file = join(dir(entry.contract), `${key}.json`);
      try {
        await mkdir(dir(entry.contract), { recursive: true });
        await writeFile(file, `${JSON.stringify(ordered, null, 2)}\n`);
      } catch (error) {
        throw snapshotPathError(what, dir(entry.contract), file, 'write', error);
      }
    },
    async remove(contract: string, key: string): Promise<void> {
      const file = join(dir(contract), `${key}.json`);
      try {
        await rm(file, { force: true });
      } catch (error) {
        throw snapshotPathError(what, dir(contract), file, 'remove', error);
      }
    },
  };
}
