import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contractDocumentIssues } from '../../../src/contract/contract-document-issues.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { SkewError } from '../../../src/errors.ts';

const contractNamed = (name: string) =>
  defineContract({ name, version: '1', input: z.object({ x: z.number() }), features: { y: { type: 'float' } } });

const documentNamed = (name: string) => ({
  name,
  version: '1',
  input: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
  features: { y: { type: 'float' } },
});

// A name names snapshot folders and exported files, and is written into generated TypeScript.
const REFUSED: readonly [string, string][] = [
  ['../../escaped', 'may not hold "/" or "\\"'],
  ['snapshots\\other', 'may not hold "/" or "\\"'],
  ['..', 'may not be ".."'],
  ['.', 'may not be "."'],
  ['x\nexport const injected = 1;', 'may not hold a control character or a line break'],
  ['x\u2028y', 'may not hold a control character or a line break'],
  ['tab\there', 'may not hold a control character or a line break'],
];

describe('contract names that would name a path or break generated code are refused', () => {
  it.each(REFUSED)('defineContract refuses %j', (name, reason) => {
    let thrown: unknown;
    try {
      contractNamed(name);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SkewError);
    expect((thrown as SkewError).code).toBe('SKEW_CONTRACT_INVALID');
    expect((thrown as SkewError).message).toContain(`name: ${reason}`);
    // The message shows the name escaped: a line break in it does not break the message.
    expect((thrown as SkewError).message.split('\n')).toHaveLength(1);
  });

  it.each(REFUSED)('a contract file named %j is refused at /name with a hint', (name) => {
    const issues = contractDocumentIssues(documentNamed(name));
    expect(issues.map((i) => i.path)).toEqual(['/name']);
    expect(issues[0]?.hint).toContain('no "/", "\\", line break or control character');
  });

  it.each(['card_fraud', 'card-fraud.v2', 'Café 😀', '.hidden', 'a..b'])('accepts %j', (name) => {
    expect(contractNamed(name).name).toBe(name);
    expect(contractDocumentIssues(documentNamed(name))).toEqual([]);
  });
});
