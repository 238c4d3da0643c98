import { describe, expect, it } from 'vitest';
import { redactReplayReport } from '../../../src/redact/redact-replay-report.ts';
import { createRedactor } from '../../../src/redact/redactor.ts';
import type { DivergenceClass, ReplayReport } from '../../../src/replay/replay-report.ts';
import { mergeSlicing, slicingTally } from '../../../src/replay/tally/slicing-tally.ts';
import { countInput } from '../../../src/slicing/count-input.ts';
import { rankSlices } from '../../../src/slicing/rank-slices.ts';
import { newSliceCounts, type SliceCounts } from '../../../src/slicing/slice-counts.ts';

// Root-cause slicing as the replay ranks it, on a log where one card (held by one person) makes up a class.
const SECRET_CARD = '4111111111111111';
const SECRET_NAME = 'Zoë Secretname';
const log = Array.from({ length: 200 }, (_, i) => ({
  card_number: i % 10 === 0 ? SECRET_CARD : `40000000000000${String(i % 19).padStart(2, '0')}`,
  holder: { name: i % 10 === 0 ? SECRET_NAME : `Person ${i % 7}` },
  amount: i + 0.5,
}));
const inClass = log.filter((r) => r.card_number === SECRET_CARD);
const cause = 'serving: Error: card # declined';

function counted(inputs: readonly unknown[]): SliceCounts {
  const counts = newSliceCounts();
  for (const input of inputs) countInput(counts, input);
  return counts;
}

function reportOf(): ReplayReport {
  const cls: DivergenceClass = {
    feature: 'risk',
    kind: 'error',
    cause,
    count: inClass.length,
    examples: [],
    slices: rankSlices(counted(inClass), counted(log)),
  };
  const slicing = slicingTally(counted(log), [{ feature: 'risk', kind: 'error', cause, slicing: counted(inClass) }]);
  return {
    contract: { name: 'payments', version: '1' },
    classes: [cls],
    features: [],
    invalid: [],
    mergeable: { exampleLimit: 5, features: [], latency: {} as never, slicing },
  } as unknown as ReplayReport;
}

describe('redacting ranked slices', () => {
  const redactor = createRedactor({ fields: ['card_number', 'holder.name'] });
  const card = redactor.tokenOf('card_number', SECRET_CARD);
  const name = redactor.tokenOf('holder.name', SECRET_NAME);

  it("an equality slice on a redacted field, nested too, shows the token; the shares are the real values'", () => {
    const before = reportOf().classes[0]?.slices ?? [];
    expect(before.map((s) => s.predicate)).toContain(`card_number = "${SECRET_CARD}"`);

    const shown = redactReplayReport(reportOf(), redactor);

    const slices = shown.classes[0]?.slices ?? [];
    expect(slices.map((s) => s.predicate)).toContain(`card_number = ${card}`);
    expect(slices.map((s) => s.predicate)).toContain(`holder.name = ${name}`);
    expect(slices.map((s) => [s.inClass, s.inLog])).toEqual(before.map((s) => [s.inClass, s.inLog]));
    expect(JSON.stringify(shown)).not.toContain(SECRET_CARD);
    expect(JSON.stringify(shown)).not.toContain(SECRET_NAME);
  });

  it('shards merged from redacted merge data rank the same slices, with the same tokens', () => {
    const shown = redactReplayReport(reportOf(), redactor);
    const cls = shown.classes[0] as DivergenceClass;
    const merged = mergeSlicing([shown.mergeable?.slicing, shown.mergeable?.slicing]);

    const again = redactReplayReport({ ...shown, classes: [{ ...cls, ...merged?.slicesOf(cls) }] }, redactor);

    expect(again.classes[0]?.slices?.map((s) => s.predicate)).toEqual(cls.slices?.map((s) => s.predicate));
  });
});
