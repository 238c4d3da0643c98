import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { combineVerdicts } from '../../../src/gate/build-verdict.ts';
import { ANNOTATIONS_PER_LEVEL, GithubReporter } from '../../../src/report/github-reporter.ts';
import { formatWorkflowCommand } from '../../../src/report/workflow-command.ts';
import { acceptedSnapshots, CONFIGS, captured, fuzzFixture, replayFixture } from './_real-runs.ts';

/**
 * GitHub's workflow command: `::command key=value,key=value::message`. Property values may not hold a raw `,` or
 * `:` (they are %2C and %3A), a message no raw CR or LF (%0D, %0A), and every `%` starts one of those escapes.
 */
const PROPERTY = '(?:[^,:%\\r\\n]|%25|%0D|%0A|%3A|%2C)*';
const COMMAND = new RegExp(
  `^::(error|warning|notice)(?: (?:file=${PROPERTY})?(?:,?line=\\d+)?(?:,?title=${PROPERTY})?)?::(?:[^\\r\\n%]|%25|%0D|%0A)*$`,
);

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

/** An annotation line read back as GitHub's runner reads it. */
function parse(line: string): { level: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (m === null) throw new Error(`not a workflow command: ${line}`);
  const props = Object.fromEntries(
    (m[2] ?? '')
      .split(',')
      .filter((p) => p !== '')
      .map((p) => {
        const at = p.indexOf('=');
        return [p.slice(0, at), unescapeProperty(p.slice(at + 1))];
      }),
  );
  return { level: m[1] ?? '', props, message: unescapeData(m[3] ?? '') };
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function annotate(config: string, cwd?: string): Promise<string[]> {
  const out = captured();
  await replayFixture(config, [new GithubReporter(out)], cwd === undefined ? {} : { cwd });
  return out.text.trimEnd().split('\n');
}

describe('workflow command format', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties, so the runner reads back the same text', () => {
    const line = formatWorkflowCommand({
      level: 'error',
      file: 'logs/a,b:c.jsonl',
      line: 12,
      title: 'rate 100%: a, b\r\nnext',
      message: '50% off: a, b\r\nline two %0A stays literal',
    });

    expect(line).toBe(
      '::error file=logs/a%2Cb%3Ac.jsonl,line=12,title=rate 100%25%3A a%2C b%0D%0Anext::50%25 off: a, b%0D%0Aline two %250A stays literal',
    );
    expect(line).toMatch(COMMAND);
    expect(parse(line)).toEqual({
      level: 'error',
      props: { file: 'logs/a,b:c.jsonl', line: '12', title: 'rate 100%: a, b\r\nnext' },
      message: '50% off: a, b\r\nline two %0A stays literal',
    });
    expect(formatWorkflowCommand({ level: 'notice', message: 'PASS' })).toBe('::notice::PASS');
  });
});

describe('GithubReporter', () => {
  it('points each class at the feature line of the contract file and at its first record in the log; the verdict is a notice', async () => {
    const lines = await annotate(CONFIGS.ci);
    const source = readFileSync(CONFIGS.ci, 'utf8').split('\n');
    const lineOf = (text: string) => String(source.findIndex((l) => l.includes(text)) + 1);

    for (const line of lines) expect(line).toMatch(COMMAND);
    const parsed = lines.map(parse);
    expect(parsed.map((a) => [a.level, a.props.file, a.props.line])).toEqual([
      ['error', 'lockstep.config.ts', lineOf('amount_rounded: {')],
      ['error', 'lockstep.config.ts', lineOf('note_length: {')],
      ['error', 'orders.jsonl', '3'],
      ['notice', undefined, undefined],
      ['notice', 'orders.jsonl', '2'],
      ['notice', 'orders.jsonl', '5'],
    ]);
    expect(parsed[0]?.props.title).toBe('Lockstep replay: orders · amount_rounded · value · serving higher');
    expect(parsed[0]?.message.split('\n')).toContain(
      'minimal input: {"order_id":"a","amount":0.5,"note":""} (matters: amount)',
    );
    expect(parsed[0]?.message.split('\n')).toContain(
      'first record: orders.jsonl:2, entity o2, 2026-03-01T10:00:01.000Z',
    );
    expect(parsed[2]?.props.title).toBe('Lockstep replay: orders · invalid_over_budget');
    expect(parsed[3]).toMatchObject({ level: 'notice', props: { title: 'Lockstep replay: FAIL (exit 1)' } });
    expect(parsed[4]?.props.title).toBe('Lockstep replay: orders · amount_rounded · value: first record');
    expect(parsed[4]?.message).toBe('training 2, serving 3 (serving higher, 1 record)');
  });

  it('names files relative to the working directory: the contract and the log of the planted card-fraud replay', async () => {
    // Run from the repository root, as a workflow does: files are named relative to it.
    const lines = await annotate(CONFIGS.cardFraud, ROOT);

    for (const line of lines) expect(line).toMatch(COMMAND);
    const parsed = lines.map(parse);
    const errors = parsed.filter((a) => a.level === 'error');
    expect(errors.length).toBeGreaterThan(5);
    for (const e of errors) expect(e.props.file).toBe('contracts/card-fraud.ts');
    const records = parsed.filter((a) => a.level === 'notice' && a.props.file !== undefined);
    expect(records.length).toBeGreaterThan(5);
    for (const r of records) expect(r.props.file).toBe('examples/card-fraud/logs/sample.jsonl');
  });

  it(`keeps to GitHub's ${ANNOTATIONS_PER_LEVEL} annotations per level, the last saying how many more`, async () => {
    // Two real runs reported as one (as a gate over several contracts does): more findings than GitHub shows.
    const a = await replayFixture(CONFIGS.cardFraud, [], { cwd: ROOT });
    const b = await replayFixture(CONFIGS.ci, [], { cwd: ROOT });
    const out = captured();
    new GithubReporter(out).onRunEnd({
      ...a,
      reports: [...a.reports, ...b.reports],
      verdict: combineVerdicts([a.verdict, b.verdict]),
      run: { ...a.run, contracts: [...a.run.contracts, ...b.run.contracts] },
    });
    const parsed = out.text.trimEnd().split('\n').map(parse);

    for (const level of ['error', 'notice']) {
      const kept = parsed.filter((x) => x.level === level);
      expect(kept).toHaveLength(ANNOTATIONS_PER_LEVEL);
      expect(kept.at(-1)?.message).toMatch(/^\d+ more not annotated \(GitHub shows 10 per step\)/);
    }
    const total = a.verdict.reasons.length + b.verdict.reasons.length;
    const more = Number(/^(\d+)/.exec(parsed.filter((x) => x.level === 'error').at(-1)?.message ?? '')?.[1]);
    expect(more).toBe(total - (ANNOTATIONS_PER_LEVEL - 1));
  });

  it('warns at the contract for an accepted class, and keeps errors for the rest', async () => {
    const first = await replayFixture(CONFIGS.ci, []);
    const out = captured();

    await replayFixture(CONFIGS.ci, [new GithubReporter(out)], {
      snapshotDir: acceptedSnapshots(first, (c) => c.feature === 'note_length'),
    });

    const parsed = out.text.trimEnd().split('\n').map(parse);
    const warnings = parsed.filter((a) => a.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.props.title).toBe('Lockstep replay: orders · note_length · value · serving higher');
    expect(warnings[0]?.message.split('\n')[0]).toBe(
      '1 record, accepted: UTF-16 length until the mobile client ships (https://example.test/issues/1)',
    );
    expect(parsed.filter((a) => a.level === 'error').map((a) => a.props.title)).toEqual([
      'Lockstep replay: orders · amount_rounded · value · serving higher',
      'Lockstep replay: orders · invalid_over_budget',
    ]);
    // An accepted class's first record is no finding: only the failing class points into the log.
    expect(parsed.filter((a) => a.level === 'notice' && a.props.file !== undefined)).toHaveLength(1);
  });

  it('annotates fuzz findings at the contract with the command that replays them', async () => {
    const out = captured();
    await fuzzFixture([new GithubReporter(out)]);
    const parsed = out.text.trimEnd().split('\n').map(parse);

    expect(parsed.at(-1)?.props.title).toBe('Lockstep fuzz: FAIL (exit 1)');
    expect(parsed.filter((a) => a.level === 'notice')).toHaveLength(1);
    const errors = parsed.filter((a) => a.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors.slice(0, -1)) {
      expect(e.props.file).toMatch(/contracts\/card-fraud\.ts$/);
      expect(e.message).toMatch(
        /\nreplay: lockstep fuzz --config \S+ --contract card_fraud --seed -?\d+ --path "[\d:]+"/,
      );
    }
  });
});
