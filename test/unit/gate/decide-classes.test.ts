import { describe, expect, it } from 'vitest';
import type { AcceptedClass, AcceptedFile } from '../../../src/gate/accepted-file.ts';
import { classSignature } from '../../../src/gate/class-signature.ts';
import { decideClasses } from '../../../src/gate/decide-classes.ts';
import { divergenceClass, replayReport } from './_report.ts';

// 100 records compared: `score` diverged on 10 of them, `name_length` on 4.
const report = replayReport(
  { read: 100 },
  {
    classes: [
      divergenceClass('score', 'value', 'serving higher', 10),
      divergenceClass('name_length', 'value', 'serving lower', 4),
    ],
  },
);
const signature = (feature: string, cause: string) =>
  classSignature({ contract: 'users', feature, kind: 'value', cause });
const listed = (feature: string, cause: string, budget: Partial<AcceptedClass>): AcceptedClass => ({
  signature: signature(feature, cause),
  feature,
  kind: 'value',
  cause,
  reason: 'known',
  ...budget,
});
const file = (...accepted: AcceptedClass[]): AcceptedFile => ({ signatureVersion: 1, contract: 'users', accepted });

describe('decideClasses', () => {
  it('without an accepted file every class is new and a reason', () => {
    const { classes, reasons } = decideClasses(report, undefined);
    expect(classes.map((c) => c.decision)).toEqual(['new', 'new']);
    expect(reasons.map((r) => [r.code, r.message])).toEqual([
      ['divergence', 'users: score · value · serving higher — 10 records, not accepted'],
      ['divergence', 'users: name_length · value · serving lower — 4 records, not accepted'],
    ]);
  });

  it('a listed class within its budget (at the budget exactly) is accepted and no reason; an unlisted one still fails', () => {
    const { classes, reasons } = decideClasses(
      report,
      file(listed('score', 'serving higher', { maxRecords: 10, link: 'L' })),
    );
    expect(classes[0]).toMatchObject({ decision: 'accepted', reason: 'known', link: 'L', records: 10 });
    expect(classes[1]?.decision).toBe('new');
    expect(reasons.map((r) => r.feature)).toEqual(['name_length']);
  });

  it.each([
    [{ maxRecords: 9 }, 'over its accepted maxRecords 9'],
    [{ maxRate: 0.099 }, 'over its accepted maxRate 9.90%'],
    [{ maxRecords: 100, maxRate: 0.05 }, 'over its accepted maxRate 5.00%'],
    [{ maxRecords: 1, maxRate: 0.05 }, 'over its accepted maxRecords 1 and maxRate 5.00%'],
  ])('a listed class over its budget %j fails', (budget, message) => {
    const { classes, reasons } = decideClasses(report, file(listed('score', 'serving higher', budget)));
    expect(classes[0]?.decision).toBe('over_budget');
    expect(reasons[0]).toMatchObject({ code: 'accepted_over_budget', feature: 'score' });
    expect(reasons[0]?.message).toBe(`users: score · value · serving higher — 10 records (10.00%), ${message}`);
  });

  it('a rate budget counts records both sides ran on, errors included', () => {
    const withErrors = replayReport(
      { read: 200, compared: 100, errored: 100 },
      { classes: [divergenceClass('score', 'value', 'serving higher', 10)] },
    );
    const { classes } = decideClasses(withErrors, file(listed('score', 'serving higher', { maxRate: 0.05 })));
    expect(classes[0]?.decision).toBe('accepted');
  });

  it('matches by signature only: the label is display text', () => {
    const relabelled = {
      ...listed('score', 'serving higher', { maxRecords: 50 }),
      feature: 'renamed',
      cause: 'reworded',
    };
    expect(decideClasses(report, file(relabelled)).classes[0]?.decision).toBe('accepted');
    const wrongSignature = { ...listed('score', 'serving higher', { maxRecords: 50 }), signature: '0000000000000000' };
    expect(decideClasses(report, file(wrongSignature)).classes[0]?.decision).toBe('new');
  });
});
