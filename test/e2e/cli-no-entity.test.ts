import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

const RECORDS = 400;
const PLANTED = 57;

/** A record-wise JSON contract: the features of one request, and no entity. */
const CONTRACT = {
  name: 'clicks',
  version: '1',
  input: {
    type: 'object',
    properties: { request_id: { type: 'string' }, x: { type: 'integer' } },
    required: ['request_id', 'x'],
  },
  features: { doubled: { type: 'int' }, big: { type: 'bool' } },
};

/** The training side: a command speaking the record-wise line protocol. */
const TRAINING = `import { createInterface } from 'node:readline';
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  const features = { doubled: request.input.x * 2, big: request.input.x > 100 };
  process.stdout.write(JSON.stringify({ id: request.id, features }) + '\\n');
}
`;

const dir = mkdtempSync(join(tmpdir(), 'lockstep-record-wise-e2e-'));
const LOG = join(dir, 'requests.jsonl');

beforeAll(() => {
  writeFileSync(join(dir, 'clicks.contract.json'), JSON.stringify(CONTRACT, null, 2));
  writeFileSync(join(dir, 'training.mjs'), TRAINING);
  const training = JSON.stringify(['node', join(dir, 'training.mjs')]);
  writeFileSync(
    join(dir, 'lockstep.config.mjs'),
    `export default { contracts: [{ contract: './clicks.contract.json', training: { command: ${training} }, serving: 'logged' }] };\n`,
  );
  const lines = Array.from({ length: RECORDS }, (_, i) => {
    const served = { doubled: i === PLANTED ? i * 2 + 1 : i * 2, big: i > 100 };
    return JSON.stringify({ timestamp: 1_700_000_000_000 + i, input: { request_id: `r${i}`, x: i }, served });
  });
  writeFileSync(LOG, `${lines.join('\n')}\n`);
});

/** `lockstep replay` in the project folder, its reports in `dir/<name>`. */
async function replay(name: string, ...flags: string[]) {
  const out = join(dir, name);
  const args = ['replay', '--log', LOG, '--minimize-steps', '0', '--output-dir', out, ...flags];
  const result = await runCli([...args, '--reporter', 'default', '--reporter', 'json', '--reporter', 'markdown'], {
    cwd: dir,
  });
  return { result, out, doc: () => read(join(out, 'lockstep-report.json')) };
}

const read = (file: string): JsonReportDocument => JSON.parse(readFileSync(file, 'utf8')) as JsonReportDocument;
const reportOf = (doc: JsonReportDocument): ReplayReport => doc.reports[0] as ReplayReport;

/** What one run and its merged shards must share exactly. */
function comparable(doc: JsonReportDocument) {
  const r = reportOf(doc);
  return {
    counts: r.counts,
    classes: r.classes.map((c) => ({ key: [c.feature, c.kind, c.cause], count: c.count, examples: c.examples })),
    features: r.features.map((f) => ({ feature: f.feature, diverged: f.diverged, examples: f.examples })),
    verdict: { status: doc.verdict.status, exitCode: doc.verdict.exitCode },
  };
}

const noStack = (output: string) => expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('a JSON contract without an entity, through the real CLI', { timeout: 300_000 }, () => {
  it('replays record-wise and finds the planted divergence; no report prints an entity', async () => {
    const { result, out, doc } = await replay('one', '--id-field', 'request_id');
    expect(result.exitCode, result.all).toBe(1);
    const report = reportOf(doc());
    expect(report.counts).toMatchObject({ read: RECORDS, compared: RECORDS, invalid: 0, diverged: 1 });
    expect(report.classes.map((c) => [c.feature, c.kind, c.count])).toEqual([['doubled', 'value', 1]]);
    const example = report.classes[0]?.examples[0];
    expect(example).toMatchObject({ recordId: `r${PLANTED}`, training: PLANTED * 2, serving: PLANTED * 2 + 1 });
    expect(Object.hasOwn(example ?? {}, 'entity')).toBe(false);
    expect(result.stdout).toMatch(new RegExp(`first at line ${PLANTED + 1} \\(id r${PLANTED}\\), \\d{4}-`));
    const markdown = readFileSync(join(out, 'summary.md'), 'utf8');
    for (const text of [result.stdout, markdown]) {
      expect(text).not.toContain('undefined');
      expect(text).not.toMatch(/\bentity\b/);
    }
  });

  it.each([
    ['by record id', ['--id-field', 'request_id']],
    ['by line, without a record id', []],
  ])('2 shards routed %s, merged, equal one run', async (name, flags) => {
    const tag = name.replace(/\W+/g, '-');
    const one = await replay(`one-${tag}`, ...flags);
    const shards = await Promise.all([1, 2].map((i) => replay(`shard${i}-${tag}`, ...flags, '--shard', `${i}/2`)));
    const mergedDir = join(dir, `merged-${tag}`);
    const files = shards.map((s) => join(s.out, 'lockstep-report.json'));
    const merged = await runCli(['merge', ...files, '--reporter', 'json', '--output-dir', mergedDir], { cwd: dir });
    expect(merged.exitCode, merged.all).toBe(1);
    const reads = shards.map((s) => reportOf(s.doc()).counts.read);
    expect(reads.every((n) => n > 0)).toBe(true);
    expect((reads[0] ?? 0) + (reads[1] ?? 0)).toBe(RECORDS);
    expect(comparable(read(join(mergedDir, 'lockstep-report.json')))).toEqual(comparable(one.doc()));
  });

  it('samples the same records on every run', async () => {
    const runs = await Promise.all(
      [1, 2].map((i) => replay(`sample${i}`, '--id-field', 'request_id', '--sample', '0.5')),
    );
    const counts = runs.map((r) => reportOf(r.doc()).counts);
    expect(counts[0]?.read).toBeGreaterThan(100);
    expect(counts[0]?.read).toBeLessThan(300);
    expect(counts[1]).toEqual(counts[0]);
  });

  it('exits 2 when a side is entity-wise, naming the contract and what to write; no stack trace', async () => {
    const side = `entity:node ${join(dir, 'training.mjs')}`;
    const result = await runCli(['replay', '--log', LOG, '--training', side], { cwd: dir });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain(
      'lockstep replay: runReplay: contract "clicks" has no entity, but the training side is entity-wise',
    );
    expect(result.stderr).toContain("add entity: '<field>' to the contract");
    noStack(result.all ?? '');
  });

  it('exports, generates types for and fuzzes the contract without an entity', async () => {
    const schema = await runCli(['schema', '--out-dir', 'out'], { cwd: dir });
    expect(schema.exitCode, schema.all).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'out/clicks.contract.json'), 'utf8'));
    expect(Object.hasOwn(written, 'entity')).toBe(false);
    const types = await runCli(['types', '--contract', 'clicks.contract.json'], { cwd: dir });
    expect(types.exitCode, types.all).toBe(0);
    expect(types.stdout).toContain('request_id: string');
    const fuzz = await runCli(['fuzz', '--runs', '20', '--serving', `node ${join(dir, 'training.mjs')}`], { cwd: dir });
    expect(fuzz.exitCode, fuzz.all).toBe(0);
  });
});
