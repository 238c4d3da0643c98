import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { Contract } from '../contract/contract.ts';
import { contractFromJsonSchema } from '../contract/from-json-schema.ts';
import { SkewError } from '../errors.ts';

/** The extensions of contract files, and the language each is read as. */
const FORMATS: Readonly<Record<string, 'json' | 'yaml'>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

function fail(file: string, what: string, write: string): never {
  throw new SkewError('SKEW_CONTRACT_INVALID', `loadContractFile: ${file}: ${what}; ${write}`);
}

/** ` line L, column C` (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** Where a YAML parser (JSON is YAML) first stumbles: ` at line L, column C`, or nothing. */
function yamlError(text: string): { where: string; message: string } | undefined {
  const error = parseDocument(text, { uniqueKeys: true }).errors[0];
  if (error === undefined) return undefined;
  const pos = error.linePos?.[0];
  return {
    where: pos === undefined ? '' : ` at line ${pos.line}, column ${pos.col}`,
    message: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message,
  };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(message)?.[1];
    const where = offset === undefined ? (yamlError(text)?.where ?? '') : ` at ${lineColumn(text, Number(offset))}`;
    return fail(
      file,
      `is not valid JSON${where} (${message})`,
      'fix the syntax, or write the contract as YAML (.yaml)',
    );
  }
}

function parseYaml(file: string, text: string): unknown {
  const error = yamlError(text);
  if (error !== undefined) fail(file, `is not valid YAML${error.where} (${error.message})`, 'fix the syntax');
  return parseDocument(text).toJS();
}

/** A contract document's text as data, by the file's extension. */
function parseContractText(file: string, text: string): unknown {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) {
    fail(
      file,
      'is not a JSON or YAML contract file (.json, .yaml, .yml)',
      'write the contract as JSON or YAML (docs/contracts.md), or import a TypeScript contract in the config',
    );
  }
  if (text.includes('\u0000'))
    fail(file, `is a binary file, not ${format.toUpperCase()}`, 'point at the contract file');
  return format === 'json' ? parseJson(file, text) : parseYaml(file, text);
}

/**
 * Reads a contract file (`.json`, `.yaml` or `.yml`; docs/contracts.md) and loads it as {@link contractFromJsonSchema}
 * does: the result is a contract like one from `defineContract`, usable wherever a TypeScript contract is.
 * Synchronous, so a config module can call it at its top level.
 * @param path - the file, relative to the working directory, or a `file:` URL (`new URL('./x.contract.json', import.meta.url)`)
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the file, the JSON path and what to write instead (every problem at once)
 * @remarks Since 0.1
 * @public
 */
export function loadContractFile(path: string | URL): Contract {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  if (!existsSync(file)) fail(file, 'does not exist', 'check the path (relative paths in a config are relative to it)');
  if (statSync(file).isDirectory()) fail(file, 'is a directory', 'point at the contract file itself');
  return contractFromJsonSchema(parseContractText(file, readFileSync(file, 'utf8')), file);
}
