import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ExtraFields } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { replayContract } from '../../../src/replay/replay.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-extra-fields-'));
const LOG = join(dir, 'log.jsonl');
writeFileSync(
  LOG,
  [
    { timestamp: 1, input: { user_id: 'u1', amount: 2 } },
    { timestamp: 2, input: { user_id: 'u2', amount: 3, debug: 'extra' } },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n'),
);

async function replayWith(extraFields: ExtraFields) {
  const contract = defineContract({
    name: 'users',
    version: '1',
    entity: 'user_id',
    extraFields,
    input: z.object({ user_id: z.string(), amount: z.number() }),
    features: { fields: { type: 'int' } },
  });
  const seen: string[][] = [];
  const side = (name: string) =>
    recordSide(
      contract,
      (input) => {
        if (name === 'training') seen.push(Object.keys(input));
        return { fields: Object.keys(input).length };
      },
      { description: name },
    );
  const report = await replayContract({
    contract,
    sides: { training: side('training'), serving: side('serving') },
    sources: [fileLineSource(LOG)],
    spill: () => createFsSpillStore(),
  });
  return { report, seen };
}

describe('replay applies the contract extra-field policy', () => {
  it('strip: the record is compared and the sides never see the extra field', async () => {
    const { report, seen } = await replayWith('strip');
    expect(report.counts).toMatchObject({ read: 2, compared: 2, invalid: 0 });
    expect(seen).toEqual([
      ['user_id', 'amount'],
      ['user_id', 'amount'],
    ]);
  });

  it('keep: the record is compared and the sides see the extra field', async () => {
    const { report, seen } = await replayWith('keep');
    expect(report.counts).toMatchObject({ read: 2, compared: 2, invalid: 0 });
    expect(seen).toEqual([
      ['user_id', 'amount'],
      ['user_id', 'amount', 'debug'],
    ]);
  });

  it('reject: the record is invalid, counted as a schema problem, naming the field', async () => {
    const { report, seen } = await replayWith('reject');
    expect(report.counts).toMatchObject({ read: 2, compared: 1, invalid: 1, invalidByReason: { schema: 1 } });
    expect(report.invalid[0]).toMatchObject({
      line: 2,
      reason: 'schema',
      path: 'input.debug',
      message: "input.debug: not a field of the contract (its extraFields policy is 'reject')",
    });
    expect(seen).toEqual([['user_id', 'amount']]);
  });
});
