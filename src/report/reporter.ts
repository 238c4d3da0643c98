import type { Verdict } from '../gate/verdict.ts';
import type { ReplayProgress } from '../replay/replay.ts';
import type { ReplayReport } from '../replay/replay-report.ts';

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
  readonly durationMs: number;
}

/**
 * Formats results; never decides pass or fail. Every hook is optional.
 * @public
 */
export interface Reporter {
  onRunStart?(info: { readonly contracts: readonly string[] }): Awaitable<void>;
  onContractStart?(info: ContractStart): Awaitable<void>;
  /** Called often during long runs; must be cheap. */
  onProgress?(progress: ReplayProgress & { readonly contract: string }): void;
  /** `verdict` is the gate's decision on this contract alone; the run's is `RunSummary.verdict`. */
  onContractEnd?(report: ReplayReport, verdict: Verdict): Awaitable<void>;
  onRunEnd?(summary: RunSummary): Awaitable<void>;
}

/** Where a reporter writes. @public */
export interface ReporterOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}
