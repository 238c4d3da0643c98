import { SkewError } from '../errors.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { ReportFile } from './report-file.ts';

type Shard = { readonly index: number; readonly count: number };

function fail(what: string): SkewError {
  return new SkewError('SKEW_USAGE', `runMerge: ${what}`);
}

function shardOf(file: ReportFile): Shard | undefined {
  return file.document.reports[0]?.shard ?? file.document.run.shard;
}

const shardText = (s: Shard | undefined): string =>
  s === undefined ? 'a whole run (no --shard)' : `shard ${s.index}/${s.count}`;

/** What must be the same in every shard's report of a contract, in words, for the first difference. */
function settingsOf(r: ReplayReport): Record<string, string> {
  return {
    'contract version': r.contract.version,
    logs: r.sources.join(', '),
    'sample rate': String(r.sample ?? 1),
    'A/A calibration (--aa)': r.aa === undefined ? 'off' : 'on',
    'example limit (--examples)': String(r.mergeable?.exampleLimit),
    features: r.features.map((f) => f.feature).join(', '),
  };
}

/** The contracts of a file, in words: `a (v1), b (v2)`. */
const contractsOf = (file: ReportFile): string =>
  file.document.reports.map((r) => `${r.contract.name} (${r.contract.version})`).join(', ');

function checkSameRun(files: readonly ReportFile[]): void {
  const [first, ...rest] = files as [ReportFile, ...ReportFile[]];
  for (const file of rest) {
    if (file.document.reportVersion !== first.document.reportVersion) {
      throw fail(
        `mixed report versions: ${first.location} has reportVersion ${first.document.reportVersion}, ${file.location} has ${file.document.reportVersion}; merge reports written by one Lockstep version`,
      );
    }
    const names = file.document.reports.map((r) => r.contract.name);
    if (names.join('\u0000') !== first.document.reports.map((r) => r.contract.name).join('\u0000')) {
      throw fail(
        `${file.location} covers contracts ${contractsOf(file)}, but ${first.location} covers ${contractsOf(first)}; merge the shards of one run`,
      );
    }
    file.document.reports.forEach((report, i) => {
      const mine = settingsOf(report);
      const theirs = settingsOf(first.document.reports[i] as ReplayReport);
      for (const [what, value] of Object.entries(mine)) {
        if (value === theirs[what]) continue;
        throw fail(
          `${file.location} and ${first.location} differ in ${report.contract.name}'s ${what} (${value} vs ${theirs[what]}); merge the shards of one run`,
        );
      }
    });
  }
}

/**
 * Checks that report files are the shards of one run and together the whole of it: one report version, the same
 * contracts at the same versions over the same logs with the same sample rate, and shards `1/n` … `n/n` each once (or a
 * single whole run). Returns them in shard order.
 * @param files - the parsed report files
 * @throws SkewError `SKEW_USAGE` naming the file and what is wrong: a shard missing or given twice, a mix (exit 2)
 * @remarks Since 0.1
 * @public
 */
export function checkShardSet(files: readonly ReportFile[]): ReportFile[] {
  if (files.length === 0) throw fail('no report to merge; pass the lockstep-report.json of every shard');
  checkSameRun(files);
  const whole = files.find((f) => shardOf(f) === undefined);
  if (whole !== undefined) {
    if (files.length === 1) return [...files];
    const other = files.find((f) => f !== whole) as ReportFile;
    throw fail(
      `${whole.location} is ${shardText(undefined)} and ${other.location} is ${shardText(shardOf(other))}; merge the shards of one run (--shard 1/n … n/n)`,
    );
  }
  const count = (shardOf(files[0] as ReportFile) as Shard).count;
  const byIndex = new Map<number, ReportFile>();
  for (const file of files) {
    const shard = shardOf(file) as Shard;
    if (shard.count !== count) {
      throw fail(
        `${file.location} is ${shardText(shard)} but ${(files[0] as ReportFile).location} is ${shardText(shardOf(files[0] as ReportFile))}; merge shards of one split (the same n)`,
      );
    }
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) throw fail(`${twin.location} and ${file.location} are both ${shardText(shard)}`);
    byIndex.set(shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const names = missing.map((i) => `${i}/${count}`).join(', ');
    throw fail(
      `shard${missing.length > 1 ? 's' : ''} ${names} missing: the merge would not cover the whole run (given: ${[
        ...byIndex.keys(),
      ]
        .sort((a, b) => a - b)
        .map((i) => `${i}/${count}`)
        .join(', ')}); pass every shard's lockstep-report.json`,
    );
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, file]) => file);
}
