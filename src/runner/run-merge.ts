import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SkewError } from '../errors.ts';
import type { AcceptedStore } from '../gate/accepted-store.ts';
import type { InvalidBudget } from '../gate/invalid-budget.ts';
import { replayVerdict } from '../gate/replay-verdict.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import { mergeReplayReports } from '../replay/tally/merge-reports.ts';
import { parseReportFile, type ReportFile } from '../report/report-file.ts';
import type { Reporter, RunSummary } from '../report/reporter.ts';
import type { RunInfo } from '../report/run-info.ts';
import { checkShardSet } from '../report/shard-set.ts';
import { acceptedStoreFor, readAcceptedFiles } from './accepted-files.ts';
import type { Invocation } from './gather-run-info.ts';
import { type HistorySettings, historyFilePath, openHistory } from './history-session.ts';
import { redactedMerge } from './redactor-for.ts';
import { reportShapeProblem } from './report-shape.ts';

/** What `runMerge` takes: the shards' JSON reports, the reporters, and the gate's settings (as for a replay). @public */
export interface RunMergeOptions extends HistorySettings {
  /** The lockstep-report.json of every shard (relative to `cwd`). */
  readonly files: readonly string[];
  readonly cwd: string;
  readonly reporters: readonly Reporter[];
  /** Invalid lines a contract may hold and still pass (`--max-invalid`); default none. */
  readonly maxInvalid?: InvalidBudget;
  /** The snapshots folder (relative to `cwd`), default `snapshots`: accepted files are `<dir>/<contract>/accepted.json`. */
  readonly snapshotDir?: string;
  readonly acceptedStore?: AcceptedStore;
  readonly now?: () => number;
  readonly invocation?: Invocation;
}

function readReport(cwd: string, file: string): ReportFile {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SkewError('SKEW_USAGE', `runMerge: cannot read ${file} (${why}); pass each shard's lockstep-report.json`);
  }
  const report = parseReportFile(text, file);
  // Every field merging reads, checked before any is read: a shard's report may have been edited or cut short.
  const problem = reportShapeProblem(report.document);
  if (problem !== undefined) throw new SkewError('SKEW_USAGE', `runMerge: ${file}: ${problem}`);
  return report;
}

/** The run info of the merged run: the shards' run (same config and contracts) over their whole time, no shard. */
function mergedRunInfo(files: readonly ReportFile[], invocation: Invocation | undefined): RunInfo {
  const runs = files.map((f) => f.document.run);
  const { shard: _shard, ...first } = runs[0] as RunInfo;
  const times = (pick: (r: RunInfo) => string): string[] => runs.map(pick).sort();
  return {
    ...first,
    commandLine: invocation?.commandLine ?? [],
    startedAt: times((r) => r.startedAt)[0] as string,
    endedAt: times((r) => r.endedAt).at(-1) as string,
  };
}

/**
 * Merges the JSON reports of a run's shards (`lockstep replay --shard i/n --reporter json`) into the report of the
 * whole run, decides it with the replay's gate (accepted files, `--max-invalid`, each feature's `maxMismatchRate` as
 * the shards recorded it) and tells the reporters, as if one run had replayed every shard: the same counts, classes,
 * examples and verdict. The same function the CLI calls.
 * @throws SkewError `SKEW_USAGE` when a file is not a report, a field of it is malformed (named by its JSON path), or
 *   the files are not every shard of one run (exit 2)
 * @remarks Since 0.1
 * @public
 */
export async function runMerge(options: RunMergeOptions): Promise<RunSummary> {
  const now = options.now ?? (() => 0);
  const started = now();
  const files = checkShardSet(options.files.map((file) => readReport(options.cwd, file)));
  const names = (files[0] as ReportFile).document.reports.map((r) => r.contract.name);
  const accepted = await readAcceptedFiles(acceptedStoreFor(options, options.cwd), names);
  // The merged run is the whole run: it, not a shard, is recorded in the history, its new classes marked.
  const history = await openHistory(historyFilePath(options.history, options.cwd), options.cwd);
  const reports: ReplayReport[] = names.map((_, i) =>
    history.mark(redactedMerge(mergeReplayReports(files.map((f) => f.document.reports[i] as ReplayReport)))),
  );
  const gate = {
    accepted,
    contracts: reports.map((r) => ({
      name: r.contract.name,
      features: Object.fromEntries(
        (r.mergeable?.features ?? []).map((f) => [
          f.feature,
          f.maxMismatchRate === undefined ? {} : { maxMismatchRate: f.maxMismatchRate },
        ]),
      ),
    })),
    ...(options.maxInvalid === undefined ? {} : { maxInvalid: options.maxInvalid }),
  };
  const run = mergedRunInfo(files, options.invocation);
  for (const r of options.reporters) await r.onRunStart?.({ contracts: names, run });
  for (const report of reports) {
    const sides = Object.fromEntries(report.sides.map((s) => [s.side, s.description])) as Record<
      'training' | 'serving',
      string
    >;
    for (const r of options.reporters) {
      await r.onContractStart?.({
        contract: report.contract,
        sides,
        sources: report.sources,
        threads: `merged from ${files.length} report${files.length === 1 ? '' : 's'}: ${files.map((f) => f.location).join(', ')}`,
      });
    }
    const verdict = replayVerdict([report], gate);
    for (const r of options.reporters) await r.onContractEnd?.(report, verdict);
  }
  const summary: RunSummary = {
    reports,
    verdict: replayVerdict(reports, gate),
    durationMs: now() - started,
    run,
    ...(await history.finish(reports, run)),
  };
  for (const r of options.reporters) await r.onRunEnd?.(summary);
  return summary;
}
