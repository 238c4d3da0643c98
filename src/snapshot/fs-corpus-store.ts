import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SkewError } from '../errors.ts';
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

function parseEntry(file: string, text: string): CorpusEntry {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new SkewError('SKEW_CONFIG_INVALID', `fsCorpusStore: ${file} is not valid JSON; fix or delete it`, {
      cause: error,
    });
  }
  const missing = FIELDS.filter((f) => raw?.[f] === undefined);
  if (missing.length > 0 || !('input' in raw)) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `fsCorpusStore: ${file} is not a corpus case (missing ${[...missing, ...('input' in raw ? [] : ['input'])].join(', ')}); fix or delete it`,
    );
  }
  return {
    ...(raw as unknown as CorpusEntry),
    input: decodeCorpusValue(raw.input),
    training: decodeCorpusValue(raw.training),
    serving: decodeCorpusValue(raw.serving),
  };
}

/**
 * A regression corpus in files: `<root>/<contract>/fuzz-corpus/<feature>.<kind>.<hash>.json`, one pretty-printed
 * JSON object per counterexample, in a stable key order so diffs stay readable.
 * @param root - the snapshots folder, e.g. `snapshots`
 * @throws SkewError `SKEW_CONFIG_INVALID` (on read) naming a corpus file that is not valid JSON or not a case
 * @remarks Since 0.1
 * @public
 */
export function fsCorpusStore(root: string): CorpusStore {
  const dir = (contract: string) => join(root, contract.replace(/[^\w.-]+/g, '_'), 'fuzz-corpus');
  return {
    describe: (contract) => relative(process.cwd(), dir(contract)) || '.',
    async read(contract: string): Promise<StoredCase[]> {
      let names: string[];
      try {
        names = (await readdir(dir(contract))).filter((n) => n.endsWith('.json')).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const out: StoredCase[] = [];
      for (const name of names) {
        const file = join(dir(contract), name);
        out.push({ key: name.slice(0, -'.json'.length), entry: parseEntry(file, await readFile(file, 'utf8')) });
      }
      return out;
    },
    async write({ key, entry }: StoredCase): Promise<void> {
      await mkdir(dir(entry.contract), { recursive: true });
      const ordered = {
        ...Object.fromEntries(FIELDS.map((f) => [f, entry[f]])),
        training: encodeCorpusValue(entry.training),
        serving: encodeCorpusValue(entry.serving),
        input: encodeCorpusValue(entry.input),
      };
      await writeFile(join(dir(entry.contract), `${key}.json`), `${JSON.stringify(ordered, null, 2)}\n`);
    },
    async remove(contract: string, key: string): Promise<void> {
      await rm(join(dir(contract), `${key}.json`), { force: true });
    },
  };
}
