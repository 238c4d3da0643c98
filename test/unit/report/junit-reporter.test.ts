import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { JunitReporter } from '../../../src/report/junit-reporter.ts';
import {
  acceptedSnapshots,
  CONFIGS,
  captured,
  fuzzFixture,
  junitSchemaErrors,
  replayFixture,
  tempLog,
} from './_real-runs.ts';

/** The little of the DOM these tests read (xmlbuilder2 parses into a DOM; the project has no DOM lib types). */
interface XmlElement {
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): { readonly [i: number]: XmlElement | undefined };
  readonly textContent: string | null;
}

interface Case {
  name: string;
  classname: string;
  failure?: { type: string; message: string; body: string };
  error?: { type: string; message: string };
  out?: string;
}

/** The test cases of each suite, read back from the XML. */
function suites(xml: string): Map<string, Case[]> {
  const doc = create(xml).root();
  const result = new Map<string, Case[]>();
  for (const suite of doc.filter((n) => n.node.nodeName === 'testsuite', false, false)) {
    const el = suite.node as unknown as XmlElement;
    const cases = suite
      .filter((n) => n.node.nodeName === 'testcase', false, false)
      .map((c) => {
        const tc = c.node as unknown as XmlElement;
        const failure = tc.getElementsByTagName('failure')[0];
        const error = tc.getElementsByTagName('error')[0];
        const out = tc.getElementsByTagName('system-out')[0];
        return {
          name: tc.getAttribute('name') ?? '',
          classname: tc.getAttribute('classname') ?? '',
          ...(failure === undefined
            ? {}
            : {
                failure: {
                  type: failure.getAttribute('type') ?? '',
                  message: failure.getAttribute('message') ?? '',
                  body: failure.textContent ?? '',
                },
              }),
          ...(error === undefined
            ? {}
            : { error: { type: error.getAttribute('type') ?? '', message: error.getAttribute('message') ?? '' } }),
          ...(out === undefined ? {} : { out: out.textContent ?? '' }),
        };
      });
    result.set(el.getAttribute('name') ?? '', cases);
  }
  return result;
}

async function junitOf(config: string, options: { logs?: readonly string[] } = {}) {
  const out = captured();
  const summary = await replayFixture(config, [new JunitReporter(out)], options);
  return { xml: out.text, summary };
}

describe('JunitReporter', () => {
  it('writes a suite per contract, a case per feature and per class; failures carry the first record and the minimal input', async () => {
    const { xml } = await junitOf(CONFIGS.ci);

    expect(await junitSchemaErrors(xml)).toBe('');
    const cases = suites(xml).get('orders@2.0.0 (replay)') ?? [];
    expect(cases.map((c) => `${c.classname} / ${c.name}`)).toEqual([
      'orders.features / feature amount_rounded',
      'orders.features / feature note_length',
      'orders.classes / class amount_rounded · value · serving higher',
      'orders.classes / class note_length · value · serving higher',
      'orders.gate / gate invalid_over_budget',
    ]);
    const rounding = cases.find((c) => c.name === 'class amount_rounded · value · serving higher');
    expect(rounding?.failure?.type).toBe('value');
    expect(rounding?.failure?.message).toBe('amount_rounded · value · serving higher: 1 record, new: not accepted');
    const body = rounding?.failure?.body.split('\n') ?? [];
    expect(body.slice(0, 4)).toEqual([
      'first record: orders.jsonl:2, entity o2, 2026-03-01T10:00:01.000Z',
      'training: 2',
      'serving: 3',
      'detail: serving − training = 1',
    ]);
    expect(body).toContain('input: {"order_id":"o2","amount":2.5,"note":"ok"}');
    expect(body).toContain('minimal input: {"order_id":"a","amount":0.5,"note":""} (matters: amount)');
    expect(body.some((l) => l.startsWith('hint: the input has a value ending in .5'))).toBe(true);
    expect(body.some((l) => /^signature: [0-9a-f]{16}$/.test(l))).toBe(true);
    const invalid = cases.find((c) => c.name === 'gate invalid_over_budget');
    expect(invalid?.failure?.body).toMatch(/\nat orders\.jsonl:3$/);
    expect(cases.find((c) => c.name === 'feature note_length')?.failure?.message).toBe(
      'note_length: 1 of 4 records diverged (25.00%)',
    );
  });

  it('reports an empty log, and an incomplete one, as failing gate cases', async () => {
    const empty = await junitOf(CONFIGS.hostile, { logs: [tempLog('empty.jsonl', [])] });
    const record = JSON.stringify({
      timestamp: '2026-01-01T00:00:00Z',
      input: { user_id: 'u1', amount: 1, name: 'n' },
    });
    const gz = gzipSync(Buffer.from(`${record}\n`.repeat(2000)));
    const cut = await junitOf(CONFIGS.hostile, { logs: [tempLog('cut.jsonl.gz', gz.subarray(0, gz.length - 40))] });

    for (const { xml } of [empty, cut]) expect(await junitSchemaErrors(xml)).toBe('');
    const gate = (xml: string) =>
      (suites(xml).get('users@1 (replay)') ?? []).filter((c) => c.classname === 'users.gate');
    expect(gate(empty.xml)).toMatchObject([{ name: 'gate empty_log', failure: { type: 'empty_log' } }]);
    expect(gate(cut.xml)).toMatchObject([{ name: 'gate incomplete_log', failure: { type: 'incomplete_log' } }]);
    expect(gate(cut.xml)[0]?.failure?.body).toMatch(/\nat \/.*cut\.jsonl\.gz$/);
  });

  it('stays valid XML whatever a logged value holds: control characters, ]]>, markup', async () => {
    const hostile = JSON.stringify({
      timestamp: '2026-03-01T10:00:00Z',
      input: { order_id: 'o\u0001<script>', amount: 2.5, note: '\u0000]]><script>alert(1)</script>𝔊\u001b' },
    });
    const { xml } = await junitOf(CONFIGS.ci, { logs: [tempLog('hostile.jsonl', [hostile, '\u0002 ]]> not json'])] });

    expect(await junitSchemaErrors(xml)).toBe('');
    const cases = suites(xml).get('orders@2.0.0 (replay)') ?? [];
    const length = cases.find((c) => c.name === 'class note_length · value · serving higher');
    expect(length?.failure?.body).toContain('\\u0001<script>');
    expect(length?.failure?.body).toContain(']]><script>alert(1)</script>');
  });

  it('validates on the planted card-fraud replay: each planted feature fails, with a class case and its first record', async () => {
    const { xml, summary } = await junitOf(CONFIGS.cardFraud);

    expect(await junitSchemaErrors(xml)).toBe('');
    const cases = suites(xml).get('card_fraud@1.0.0 (replay)') ?? [];
    const classes = cases.filter((c) => c.classname === 'card_fraud.classes');
    expect(classes).toHaveLength(summary.reports[0]?.classes.length ?? -1);
    for (const c of classes) expect(c.failure?.body).toMatch(/^first record: logs\/sample\.jsonl:\d+, entity /);
    const failedFeatures = cases.filter((c) => c.classname === 'card_fraud.features' && c.failure !== undefined);
    expect(failedFeatures.map((c) => c.name.replace('feature ', '')).sort()).toEqual(
      [...new Set(summary.reports[0]?.classes.map((c) => c.feature))].sort(),
    );
  });

  it('reports an accepted class as a passing case that says why it is accepted', async () => {
    const first = await replayFixture(CONFIGS.ci, []);
    const snapshotDir = acceptedSnapshots(first, (c) => c.feature === 'note_length');
    const out = captured();

    const summary = await replayFixture(CONFIGS.ci, [new JunitReporter(out)], { snapshotDir });

    expect(summary.verdict.classes.find((c) => c.feature === 'note_length')?.decision).toBe('accepted');
    expect(await junitSchemaErrors(out.text)).toBe('');
    const cases = suites(out.text).get('orders@2.0.0 (replay)') ?? [];
    const accepted = cases.find((c) => c.name.startsWith('class note_length'));
    expect(accepted?.failure).toBeUndefined();
    expect(accepted?.out?.split('\n')[0]).toBe(
      '1 record, accepted: UTF-16 length until the mobile client ships (https://example.test/issues/1)',
    );
    expect(cases.find((c) => c.name === 'feature note_length')?.failure).toBeUndefined();
    expect(cases.find((c) => c.name.startsWith('class amount_rounded'))?.failure?.type).toBe('value');
  });

  it('writes a fuzz run as a suite per contract with a failing case per finding and the command that replays it', async () => {
    const out = captured();
    const summary = await fuzzFixture([new JunitReporter(out)]);

    expect(await junitSchemaErrors(out.text)).toBe('');
    const cases = suites(out.text).get('card_fraud@1.0.0 (fuzz)') ?? [];
    const findings = summary.fuzz?.[0]?.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    const classes = cases.filter((c) => c.classname === 'card_fraud.classes');
    expect(classes).toHaveLength(findings.length);
    for (const c of classes)
      expect(c.failure?.body).toMatch(
        /\nreplay: lockstep fuzz --config \S+ --contract card_fraud --seed -?\d+ --path "[\d:]+"/,
      );
  });
});
