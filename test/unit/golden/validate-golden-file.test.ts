import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { SkewError } from '../../../src/errors.ts';
import { checkGolden } from '../../../src/golden/check-golden.ts';
import { type GoldenFile, parseGoldenFile } from '../../../src/golden/golden-file.ts';
import { validateGoldenFile } from '../../../src/golden/validate-golden-file.ts';
import { memoryGoldenStore } from '../../../src/snapshot/memory-golden-store.ts';
import { goldenCases, goldenDemo, goldenSides } from '../../fixtures/golden/sides.ts';

const WHERE = 'snapshots/golden_demo/golden.jsonl';

/** The golden file of the demo contract as lockstep golden records it: NaN, -0 and a 64-bit integer among its values. */
async function recordedText(): Promise<string> {
  const store = memoryGoldenStore();
  await checkGolden({ contract: goldenDemo, cases: goldenCases, sides: goldenSides('log1p'), store, update: 'new' });
  return store.files.get('golden_demo') as string;
}

/** The recorded file with one case line edited by hand (lines are header = 1, then cases in file order). */
type CaseLine = { input: Record<string, unknown>; training: Record<string, unknown>; serving: Record<string, unknown> };

function edit(text: string, line: number, change: (c: CaseLine) => void): string {
  const lines = text.split('\n');
  const parsed = JSON.parse(lines[line - 1] as string);
  change(parsed);
  lines[line - 1] = JSON.stringify(parsed);
  return lines.join('\n');
}

const problems = async (text: string, contract: Contract = goldenDemo) =>
  (await validateGoldenFile(contract, parseGoldenFile(text, WHERE))).map(
    (p) => `${p.line}: ${p.case}: ${p.path}: ${p.message}`,
  );

describe('validateGoldenFile', () => {
  it('a recorded file fits: NaN where the feature allows it, -0, a 64-bit integer, astral-plane strings', async () => {
    const text = await recordedText();
    expect(text).toContain('"$bigint"');
    expect(text).toContain('"$number":"NaN"');
    expect(await problems(text)).toEqual([]);
  });

  it('names the line and the path of a wrong type, a missing feature and a value outside the contract', async () => {
    let text = await recordedText();
    text = edit(text, 2, (c) => {
      c.serving.label_chars = 'four'; // astral: a wrong type
    });
    text = edit(text, 3, (c) => {
      delete c.training.label; // big-account: a feature other cases record
      c.input.id = 7;
    });
    text = edit(text, 4, (c) => {
      c.serving.label_chars = { $number: 'NaN' }; // nan: NaN for an int feature
      c.training.account = { $bigint: '-9007199254740993' }; // a 64-bit integer: fine for an int
      c.training.log_x = null; // not nullable
    });
    expect(await problems(text)).toEqual([
      '2: astral: serving.label_chars: must be integer',
      '3: big-account: input.id: must be string',
      '3: big-account: training.label: is missing (other cases record it on the training side)',
      '4: nan: training.log_x: must be number',
      '4: nan: serving.label_chars: expected int, got non-integer number NaN',
    ]);
  });

  it('a feature no case records yet is new (the check fills it), a key not in the contract is obsolete: neither is an error', async () => {
    const text = await recordedText();
    const wider = defineContract({
      ...goldenDemo,
      features: { ...goldenDemo.features, x_squared: { type: 'float' } },
    });
    expect(await problems(text, wider)).toEqual([]);
    const narrower = defineContract({ ...goldenDemo, features: { log_x: goldenDemo.features.log_x } });
    expect(await problems(text, narrower)).toEqual([]);
  });

  it('a file recorded under another contract version is left to the check (changed or obsolete cases)', async () => {
    const text = edit(await recordedText(), 2, (c) => {
      c.serving.label_chars = 'four';
    });
    expect(await problems(text, defineContract({ ...goldenDemo, version: '2.0.0' }))).toEqual([]);
  });

  it('checks the input by the extra-field policy: an undeclared field is an error only under reject', async () => {
    const text = edit(await recordedText(), 2, (c) => {
      c.input.debug = true;
    });
    expect(await problems(text)).toEqual([]);
    const rejecting = defineContract({ ...goldenDemo, extraFields: 'reject' });
    expect(await problems(text, rejecting)).toEqual([
      "2: astral: input.debug: is not a field of the contract (its extraFields policy is 'reject')",
    ]);
  });

  it('validates each event of a history case: inputs and per-event feature records', async () => {
    const contract = defineContract({
      name: 'h',
      version: '1',
      entity: 'id',
      input: z.object({ id: z.string(), amount: z.number().min(0) }),
      features: { n: { type: 'int', range: { min: 1 } }, avg: { type: 'float', nullable: true } },
    });
    const file: GoldenFile = {
      contract: 'h',
      version: '1',
      cases: [
        {
          name: 'card',
          shape: 'history',
          line: 2,
          input: [
            { id: 'a', amount: 3 },
            { id: 'a', amount: -1 },
          ],
          training: [
            { n: 1, avg: null },
            { n: 2, avg: 3 },
          ],
          serving: [
            { n: 0, avg: null },
            { n: 2, avg: 'x' },
          ],
        } as GoldenFile['cases'][number],
      ],
    };
    expect((await validateGoldenFile(contract, file)).map((p) => `${p.line}: ${p.path}: ${p.message}`)).toEqual([
      '2: input[1].amount: must be >= 0',
      '2: serving[0].n: must be >= 1',
      '2: serving[1].avg: must be number or null',
    ]);
  });
});

describe('checkGolden validates the stored file first', () => {
  it('throws SKEW_CONFIG_INVALID listing every problem as file:line: path: message, one a line', async () => {
    const text = edit(await recordedText(), 3, (c) => {
      c.serving.log_x = 'one';
      delete c.serving.account;
    });
    const store = memoryGoldenStore();
    store.files.set('golden_demo', text);
    const error = await checkGolden({
      contract: goldenDemo,
      cases: goldenCases,
      sides: goldenSides('log1p'),
      store,
      update: 'none',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SkewError);
    expect((error as SkewError).code).toBe('SKEW_CONFIG_INVALID');
    const where = store.describe('golden_demo');
    expect((error as SkewError).message.split('\n')).toEqual([
      `checkGolden: ${where} does not fit the JSON Schema of contract "golden_demo"@1.0.0 (2 problems):`,
      `  ${where}:3: serving.log_x: must be number`,
      `  ${where}:3: serving.account: is missing (other cases record it on the serving side)`,
      expect.stringMatching(/^Fix those lines, or delete the file/),
    ]);
  });
});
