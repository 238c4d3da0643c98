import { describe, expect, it } from 'vitest';
import { redactReplayReport } from '../../../src/redact/redact-replay-report.ts';
import { createRedactor } from '../../../src/redact/redactor.ts';
import type { DivergenceClass, DivergenceExample, ReplayReport } from '../../../src/replay/replay-report.ts';
import type { ClassSlice } from '../../../src/slicing/class-slice.ts';

const SECRET_CARD = '4111111111111111';
const SECRET_NAME = 'Zoë Secretname';
const ZONES = ['Australia/Sydney', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'];

/** 200 payments; the class is every payment of one card (a tenth of the log), held by one person. */
const log = Array.from({ length: 200 }, (_, i) => ({
  card_number: i % 10 === 0 ? SECRET_CARD : `40000000000000${String(i % 19).padStart(2, '0')}`,
  holder: { name: i % 10 === 0 ? SECRET_NAME : `Person ${i % 7}`, tz: ZONES[i % 5] as string },
  amount: i + 0.5,
}));
const inClass = log.filter((r) => r.card_number === SECRET_CARD);

/** The slices root-cause slicing ranks for the class, as it words them. */
const SLICES: ClassSlice[] = [
  { predicate: `card_number = "${SECRET_CARD}"`, field: 'card_number', inClass: 1, inLog: 0.1, lift: 10 },
  { predicate: `holder.name = "${SECRET_NAME}"`, field: 'holder.name', inClass: 1, inLog: 0.1, lift: 10 },
  { predicate: 'card_number has length 16–31', field: 'card_number', inClass: 1, inLog: 1, lift: 1 },
  { predicate: 'amount ends in .5', field: 'amount', inClass: 1, inLog: 1, lift: 1 },
];

/** Slicing counts of a set of records as the merge data holds them: per field path, `[value, records]` pairs. */
function counted(inputs: readonly (typeof log)[number][]) {
  const tally = (pick: (r: (typeof log)[number]) => unknown) => {
    const values = new Map<unknown, number>();
    for (const r of inputs) values.set(pick(r), (values.get(pick(r)) ?? 0) + 1);
    return [...values];
  };
  return {
    records: inputs.length,
    fields: [
      { keys: ['amount'], present: inputs.length, values: null, shapes: [['frac', inputs.length]] },
      { keys: ['card_number'], present: inputs.length, values: tally((r) => r.card_number), shapes: [] },
      { keys: ['holder', 'name'], present: inputs.length, values: tally((r) => r.holder.name), shapes: [] },
      { keys: ['holder', 'tz'], present: inputs.length, values: tally((r) => r.holder.tz), shapes: [] },
    ],
  };
}

function example(input: (typeof log)[number], line: number): DivergenceExample {
  return {
    line,
    entity: input.card_number,
    timestamp: 0,
    feature: 'risk',
    kind: 'error',
    side: 'serving',
    training: 1,
    serving: { error: `Error: card ${input.card_number} declined` },
    detail: `serving failed: Error: card ${input.card_number} of ${input.holder.name} declined`,
    input,
  };
}

function reportOf(): ReplayReport {
  const cause = 'serving: Error: card # declined';
  const cls: DivergenceClass = {
    feature: 'risk',
    kind: 'error',
    cause,
    count: inClass.length,
    examples: inClass.slice(0, 3).map((r, i) => example(r, i * 10 + 1)),
    minimal: {
      line: 1,
      original: inClass[0],
      minimal: { card_number: SECRET_CARD, holder: { name: '', tz: 'UTC' }, amount: 0 },
      fieldsThatMatter: ['card_number'],
      changedFields: ['holder.name', 'amount'],
      reproduced: true,
    },
    hints: [`card ${SECRET_CARD} is special`],
    slices: SLICES,
  };
  const tally = { log: counted(log), classes: [{ feature: 'risk', kind: 'error', cause, counts: counted(inClass) }] };
  return {
    contract: { name: 'payments', version: '1' },
    sources: ['payments.jsonl'],
    sourceLineOffsets: [0],
    status: 'diverged',
    counts: { read: 201, compared: 200, invalid: 1, errored: 0, diverged: 20 } as ReplayReport['counts'],
    features: [],
    classes: [cls],
    sides: [],
    invalid: [
      {
        reason: 'schema',
        line: 201,
        byteOffset: 0,
        path: 'input.amount',
        message: 'input.amount: expected number',
        excerpt: `{"input":{"card_number":"${SECRET_CARD}","holder":{"name":"${SECRET_NAME}","tz":"UTC"},"amount":"x"}}`,
      },
    ],
    sourceErrors: [],
    durationMs: 1,
    mergeable: { exampleLimit: 5, features: [], latency: {} as never, slicing: tally },
  } as unknown as ReplayReport;
}

describe('redactReplayReport', () => {
  const redactor = createRedactor({ fields: ['card_number', 'holder.name'], entity: 'card_number' });
  const card = redactor.tokenOf('card_number', SECRET_CARD);
  const name = redactor.tokenOf('holder.name', SECRET_NAME);

  it('leaves no redacted value anywhere: inputs, nested fields, entity, minimal input, messages, excerpts, merge data', () => {
    const shown = redactReplayReport(reportOf(), redactor);

    const text = JSON.stringify(shown);
    expect(text).not.toContain(SECRET_CARD);
    expect(text).not.toContain(SECRET_NAME);
    const [cls] = shown.classes;
    expect(cls?.examples[0]?.input).toEqual({
      card_number: card,
      holder: { name, tz: 'Australia/Sydney' },
      amount: 0.5,
    });
    expect(cls?.examples[0]?.entity).toBe(card);
    expect(cls?.examples[0]?.detail).toBe(`serving failed: Error: card ${card} of ${name} declined`);
    expect(cls?.minimal?.minimal).toEqual({ card_number: card, holder: { name: '', tz: 'UTC' }, amount: 0 });
    expect(cls?.hints).toEqual([`card ${card} is special`]);
    expect(shown.invalid[0]?.excerpt).toContain(`"card_number":"${card}"`);
    expect(shown.redacted).toEqual(['card_number', 'holder.name']);
    // What the comparison decided is untouched.
    expect(shown.counts).toEqual(reportOf().counts);
    expect(cls?.count).toBe(20);
  });

  it('shows a slice on a redacted field (nested too) with the token its examples show, and keeps shape predicates', () => {
    const slices = redactReplayReport(reportOf(), redactor).classes[0]?.slices ?? [];

    expect(slices.map((s) => s.predicate)).toEqual([
      `card_number = ${card}`,
      `holder.name = ${name}`,
      'card_number has length 16–31',
      'amount ends in .5',
    ]);
    expect(slices.map((s) => s.lift)).toEqual(SLICES.map((s) => s.lift));
  });

  it("tokenises the merge data's slicing values of redacted fields, so merged shards rank tokens; redacting again changes nothing", () => {
    const shown = redactReplayReport(reportOf(), redactor);
    const fields = (shown.mergeable as unknown as { slicing: { log: ReturnType<typeof counted> } }).slicing.log.fields;

    expect(fields.find((f) => f.keys.join('.') === 'card_number')?.values).toContainEqual([card, 20]);
    expect(fields.find((f) => f.keys.join('.') === 'holder.tz')?.values).toContainEqual(['Australia/Sydney', 40]);
    // A merge ranks the slices again from those counts and words the token as a string value: it is shown bare.
    const cls = shown.classes[0] as DivergenceClass;
    const merged = { ...cls, slices: [{ ...SLICES[0], predicate: `card_number = "${card}"` } as ClassSlice] };
    const again = redactReplayReport({ ...shown, classes: [merged] }, redactor);
    expect(again.classes[0]?.slices?.[0]?.predicate).toBe(`card_number = ${card}`);
    expect(redactReplayReport(shown, redactor)).toEqual(shown);
  });
});
