import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
const CONFIG = join(EXAMPLE, 'lockstep.in-process.config.ts');
const out = mkdtempSync(join(tmpdir(), 'lockstep-merge-malformed-'));
const LOG = join(out, 'log.jsonl');
const shardFile = (i: number): string => join(out, `shard-${i}`, 'lockstep-report.json');

type Json = Record<string, unknown>;
type Mutation = { readonly path: string; readonly change: (report: Json) => void };

// Each mutation edits reports[0] of shard 1; `path` is what the error must name.
const at = (value: unknown, ...keys: (string | number)[]): Json =>
  keys.reduce<unknown>((v, k) => (v as Json)[k as string], value) as Json;
const MUTATIONS: readonly Mutation[] = [
  { path: 'reports[0].counts.invalidByReason', change: (r) => delete at(r, 'counts').invalidByReason },
  { path: 'reports[0].counts.read', change: (r) => Object.assign(at(r, 'counts'), { read: 'x' }) },
  { path: 'reports[0].counts.blank', change: (r) => Object.assign(at(r, 'counts'), { blank: -1 }) },
  { path: 'reports[0].classes[0].cause', change: (r) => Object.assign(at(r, 'classes', 0), { cause: null }) },
  { path: 'reports[0].classes[0].examples', change: (r) => delete at(r, 'classes', 0).examples },
  { path: 'reports[0].features[0].byKind', change: (r) => delete at(r, 'features', 0).byKind },
  { path: 'reports[0].sides[0].side', change: (r) => Object.assign(at(r, 'sides', 0), { side: 5 }) },
  { path: 'reports[0].sides[1].diagnostics', change: (r) => delete at(r, 'sides', 1).diagnostics },
  {
    path: 'reports[0].mergeable.latency.training.buckets',
    change: (r) => Object.assign(at(r, 'mergeable', 'latency', 'training'), { buckets: 'x' }),
  },
  {
    path: 'reports[0].mergeable.features[0].distribution',
    change: (r) => Object.assign(at(r, 'mergeable', 'features', 0), { distribution: 5 }),
  },
  { path: 'reports[0].mergeable.slicing.log', change: (r) => delete at(r, 'mergeable', 'slicing').log },
  {
    path: 'reports[0].mergeable.features[1].feature',
    change: (r) => (at(r, 'mergeable').features as unknown[]).splice(1, 1),
  },
  // Well-formed fields whose counts do not add up (a hand-edited or truncated report): merged, they would not either.
  { path: 'reports[0].counts.read', change: (r) => Object.assign(at(r, 'counts'), { errored: 7 }) },
  {
    path: 'reports[0].counts.invalid',
    change: (r) => Object.assign(at(r, 'counts', 'invalidByReason'), { json: 3 }),
  },
  { path: 'reports[0].counts.diverged', change: (r) => Object.assign(at(r, 'counts'), { diverged: 1_000_000 }) },
  {
    path: 'reports[0].features[1].byKind',
    change: (r) => Object.assign(at(r, 'features', 1, 'byKind'), { type: 2 }),
  },
];

beforeAll(async () => {
  await execa('node', ['--import', 'tsx', join(EXAMPLE, 'generate-log.ts'), '--records', '300', '--out', LOG], {
    cwd: EXAMPLE,
  });
  const flags = ['--log', LOG, '--id-field', 'txn_id', '--no-history', '--minimize-steps', '0', '--reporter', 'json'];
  await Promise.all(
    [1, 2].map((i) =>
      runCli([
        'replay',
        ...['--config', CONFIG, ...flags],
        ...['--output-dir', join(out, `shard-${i}`), '--shard', `${i}/2`],
      ]),
    ),
  );
}, 180_000);

describe('lockstep merge refuses a malformed shard report', () => {
  it('merges the unmutated shards: the whole log, exit 1 (the example diverges)', async () => {
    // Arrange
    const merged = join(out, 'merged');
    // Act
    const result = await runCli([
      'merge',
      shardFile(1),
      shardFile(2),
      '--no-history',
      '--reporter',
      'json',
      '--output-dir',
      merged,
    ]);
    // Assert
    expect(result.stderr).not.toContain('internal error');
    expect(result.exitCode).toBe(1);
    const doc = JSON.parse(readFileSync(join(merged, 'lockstep-report.json'), 'utf8'));
    expect(doc.reports[0].counts.read).toBe(300);
  }, 120_000);

  it.each(MUTATIONS)(
    'names $path, exit 2',
    async (mutation) => {
      const { path, change } = mutation;
      // Arrange: shard 1's report with one field broken
      const doc = JSON.parse(readFileSync(shardFile(1), 'utf8'));
      change(doc.reports[0]);
      const file = join(out, `bad-${MUTATIONS.indexOf(mutation)}-${path.replace(/[^\w]+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(doc));
      // Act
      const result = await runCli(['merge', file, shardFile(2), '--no-history']);
      // Assert
      expect(result.stderr).not.toContain('internal error');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`${file}: ${path} must be`);
    },
    60_000,
  );

  it('says what the field must be and what it is', async () => {
    const doc = JSON.parse(readFileSync(shardFile(1), 'utf8'));
    doc.reports[0].counts.read = 'x';
    const file = join(out, 'read-x.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await runCli(['merge', file, shardFile(2), '--no-history']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file}: reports[0].counts.read must be a non-negative integer, got "x"`);
  }, 60_000);

  it('says which counts do not add up, and by how much', async () => {
    const doc = JSON.parse(readFileSync(shardFile(1), 'utf8'));
    const { read } = doc.reports[0].counts;
    doc.reports[0].counts.compared += 5;
    const file = join(out, 'compared-plus-5.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await runCli(['merge', file, shardFile(2), '--no-history']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `${file}: reports[0].counts.read must be compared + invalid + errored (${read + 5}), got ${read}`,
    );
  }, 60_000);
});
