import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { contractToJson } from '../../../src/contract/to-json-schema.ts';
import { SkewError } from '../../../src/errors.ts';
import { loadContractFile } from '../../../src/io/contract-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-contract-file-'));
const write = (name: string, text: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const messageOf = (path: string) => {
  try {
    loadContractFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(SkewError);
    expect((error as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
    return (error as SkewError).message;
  }
  return expect.unreachable();
};

describe('loadContractFile', () => {
  const doc = contractToJson(cardFraud);

  it('loads the same contract from JSON, YAML and a file: URL', () => {
    const json = loadContractFile(write('card.contract.json', JSON.stringify(doc, null, 2)));
    const yaml = loadContractFile(write('card.contract.yaml', stringify(doc)));
    const yml = loadContractFile(pathToFileURL(write('card.contract.yml', stringify(doc))));
    for (const loaded of [yaml, yml]) {
      expect(loaded.featureNames).toEqual(json.featureNames);
      expect(loaded.features).toEqual(json.features);
      expect(contractToJson(loaded)).toEqual(contractToJson(json));
    }
    expect(json.features).toEqual(cardFraud.features);
  });

  it.each([
    ['contract.txt', 'name: x', 'is not a JSON or YAML contract file (.json, .yaml, .yml); write the contract as JSON'],
    ['contract.ts', 'export const c = 1;', 'is not a JSON or YAML contract file'],
    ['broken.json', '{ "name": "x", }', 'is not valid JSON at line 1, column 16'],
    ['broken2.json', '{\n  "name": "x"\n  "version": "1"\n}', 'is not valid JSON at line 3, column 3'],
    ['broken.yaml', 'name: x\n  version: [1\n', 'is not valid YAML at line 1, column 7'],
    [
      'dup.yaml',
      'name: x\nname: y\n',
      'is not valid YAML at line 2, column 1 (Map keys must be unique); fix the syntax',
    ],
    ['binary.json', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'is a binary file, not JSON'],
  ])('refuses %s with the file and the reason', (name, text, reason) => {
    const file = write(name, text);
    const message = messageOf(file);
    expect(message).toContain(`loadContractFile: ${file}: ${reason}`);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('refuses YAML that is not a contract, naming the file and the JSON path', () => {
    const file = write('list.yaml', '- a\n- b\n');
    expect(messageOf(file)).toContain(`${file}: /: is not a Lockstep contract`);
  });

  it('refuses a missing file and a folder', () => {
    expect(messageOf(join(dir, 'nope.json'))).toContain('nope.json: does not exist');
    expect(messageOf(dir)).toContain(': is a directory; point at the contract file itself');
  });
});
