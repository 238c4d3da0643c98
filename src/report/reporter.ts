import type { Contract } from '../contract/contract.ts';
import type { Finding, FuzzResult } from '../fuzz/fuzz-result.ts';
import type { AcceptedWrite } from '../gate/accept-classes.ts';
import type { Verdict } from '../gate/verdict.ts';
import type { GoldenResult } from '../golden/golden-result.ts';
import type { HistoryEntry } from '../history/history-entry.ts';
import type { HistoryFileNote } from '../history/history-note.ts';
import type { ReplayProgress } from '../replay/replay.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { RunInfo } from './run-info.ts';

type Awaitable<T> = T | Promise<T>;

/** What is known when a contract's replay starts. @public */
export interface ContractStart {
  readonly contract: { readonly name: string; readonly version: string };
  readonly sides: { readonly training: string; readonly serving: string };
  readonly sources: readonly string[];
  /** Where the replay runs: this thread or worker threads, and why not the workers asked for. */
  readonly threads: string;
}

/** The end of a run over every contract. @public */
export interface RunSummary {
  readonly reports: readonly ReplayReport[];
  /** The gate's decision (status, exit code, reasons, class decisions): reporters format it, never decide it. */
  readonly verdict: Verdict;
  /** What `--accept` wrote, one entry per contract (absent without `--accept`). */
  readonly accepted?: readonly AcceptedWrite[];
  readonly durationMs: number;
  /** `lockstep fuzz`: one result per contract fuzzed (absent for a replay). */
  readonly fuzz?: readonly FuzzResult[];
  /** `lockstep golden`: one result per contract checked (absent for a replay or fuzz run). */
  readonly golden?: readonly GoldenResult[];
  /** Who ran what, where and when: version, git commit, command line, contracts and their files, times, shard. */
  readonly run: RunInfo;
  /**
   * Earlier runs from the history file, oldest first, by contract name, this run's entry last (absent when the run
   * keeps no history, e.g. a single shard).
   */
  readonly history?: Readonly<Record<string, readonly HistoryEntry[]>>;
  /**
   * The history file this run read and appended to, and the lines of it skipped (absent when it keeps none); for a
   * single shard, the file it would have written and why it did not (`notWritten`).
   */
  readonly historyFile?: HistoryFileNote;
}

/** What is known when a run starts: its contracts, and the run info (its `endedAt` is the start until the end). @public */
export interface RunStart {
  readonly contracts: readonly string[];
  readonly run: RunInfo;
}

/** What a fuzz result is reported with: its contract (for hints) and how to replay a finding. @public */
export interface FuzzResultContext {
  readonly contract: Contract;
  /** The command that replays one finding exactly (`lockstep fuzz … --seed … --path …`). */
  readonly replay: (finding: Finding) => string;
}

/**
 * Formats results; never decides pass or fail. Every hook is optional.
 * @public
 */
export interface Reporter {
  onRunStart?(info: RunStart): Awaitable<void>;
  onContractStart?(info: ContractStart): Awaitable<void>;
  /** Called often during long runs; must be cheap. */
  onProgress?(progress: ReplayProgress & { readonly contract: string }): void;
  /** `verdict` is the gate's decision on this contract alone; the run's is `RunSummary.verdict`. */
  onContractEnd?(report: ReplayReport, verdict: Verdict): Awaitable<void>;
  /** `lockstep fuzz`: one contract's result, as soon as it is done. */
  onFuzzResult?(result: FuzzResult, context: FuzzResultContext): Awaitable<void>;
  /** `lockstep golden`: one contract's golden check, as soon as it is done. */
  onGoldenResult?(result: GoldenResult): Awaitable<void>;
  onRunEnd?(summary: RunSummary): Awaitable<void>;
}

/** Where a reporter writes. @public */
export interface ReporterOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}
