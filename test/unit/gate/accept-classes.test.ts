import { describe, expect, it } from 'vitest';
import { acceptClasses } from '../../../src/gate/accept-classes.ts';
import { type AcceptedClass, PLACEHOLDER_REASON } from '../../../src/gate/accepted-file.ts';
import { classSignature } from '../../../src/gate/class-signature.ts';
import { decideClasses } from '../../../src/gate/decide-classes.ts';
import { divergenceClass, replayReport } from './_report.ts';

const report = replayReport(
  { read: 300 },
  {
    classes: [
      divergenceClass('score', 'value', 'serving higher', 7),
      divergenceClass('name_length', 'type', 'serving string', 2),
    ],
  },
);
const sig = (feature: string, kind: string, cause: string) =>
  classSignature({ contract: 'users', feature, kind, cause });
const old = (over: Partial<AcceptedClass>): AcceptedClass => ({
  signature: sig('score', 'value', 'serving higher'),
  feature: 'score',
  kind: 'value',
  cause: 'old wording',
  maxRecords: 10,
  reason: 'known: pandas rounds half to even',
  link: 'https://example.test/7',
  ...over,
});

describe('acceptClasses (--accept)', () => {
  it('adds each class not listed with the placeholder reason and a budget of what was seen', () => {
    const { file, added, raised, unseen } = acceptClasses(report, undefined);
    expect(file.signatureVersion).toBe(1);
    expect(file.contract).toBe('users');
    expect(added).toEqual([
      {
        signature: sig('score', 'value', 'serving higher'),
        feature: 'score',
        kind: 'value',
        cause: 'serving higher',
        maxRecords: 7,
        reason: PLACEHOLDER_REASON,
      },
      {
        signature: sig('name_length', 'type', 'serving string'),
        feature: 'name_length',
        kind: 'type',
        cause: 'serving string',
        maxRecords: 2,
        reason: PLACEHOLDER_REASON,
      },
    ]);
    expect([raised, unseen]).toEqual([[], []]);
  });

  it("keeps a listed class's reason, link and a budget that holds, and refreshes its label", () => {
    const { file, raised } = acceptClasses(report, { signatureVersion: 1, contract: 'users', accepted: [old({})] });
    expect(file.accepted[0]).toEqual({ ...old({}), cause: 'serving higher' });
    expect(raised).toEqual([]);
  });

  it('raises a budget the run went over to what was seen, so that the same run passes with the file', () => {
    const before = old({ maxRecords: 3, maxRate: 0.001 });
    const { file, raised } = acceptClasses(report, { signatureVersion: 1, contract: 'users', accepted: [before] });
    expect(raised).toHaveLength(1);
    expect(file.accepted[0]).toMatchObject({ maxRecords: 7, reason: before.reason, link: before.link });
    expect(file.accepted[0]?.maxRate).toBeGreaterThanOrEqual(7 / 300);
    expect(file.accepted[0]?.maxRate).toBeLessThan(7 / 300 + 1e-6);
    expect(decideClasses(report, file).classes.map((c) => c.decision)).toEqual(['accepted', 'accepted']);
  });

  it('keeps listed classes this run did not see, and says which', () => {
    const rare = old({ signature: sig('score', 'value', 'serving lower'), cause: 'serving lower' });
    const { file, unseen } = acceptClasses(report, { signatureVersion: 1, contract: 'users', accepted: [rare] });
    expect(unseen).toEqual([rare]);
    expect(file.accepted).toContainEqual(rare);
    expect(file.accepted).toHaveLength(3);
  });
});
