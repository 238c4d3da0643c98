import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { formatFuzzReport } from '../fuzz/format-fuzz-report.ts';
import type { FuzzResult } from '../fuzz/fuzz-result.ts';
import type { Verdict } from '../gate/verdict.ts';
import type { ReplayProgress } from '../replay/replay.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import { formatTerminalReport, verdictLabel } from './format-terminal.ts';
import { formatCount } from './format-value.ts';
import type { ContractStart, FuzzResultContext, Reporter, ReporterOutput, RunSummary } from './reporter.ts';

/** Options of the terminal reporter. @public */
export interface TerminalReporterOptions {
  readonly out: ReporterOutput;
  /** Where the progress bar goes (a TTY stream); no bar when absent or not a TTY. */
  readonly progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Force colours on or off; default: on for a TTY unless NO_COLOR is set. */
  readonly colors?: boolean;
}

/**
 * The default reporter: colours and a progress bar with records/s on a TTY, plain text when piped.
 * @public
 */
export class TerminalReporter implements Reporter {
  private readonly c: ReturnType<typeof pc.createColors>;
  private bar: SingleBar | undefined;
  private barPhase: ReplayProgress['phase'] | undefined;

  constructor(private readonly options: TerminalReporterOptions) {
    this.c = pc.createColors(options.colors ?? (options.out.isTTY === true && pc.isColorSupported));
  }

  onContractStart(info: ContractStart): void {
    const { c } = this;
    this.options.out.write(
      `${c.bold('lockstep replay')} ${info.contract.name}@${info.contract.version}\n` +
        `  training  ${info.sides.training}\n  serving   ${info.sides.serving}\n  logs      ${info.sources.join(', ')}\n` +
        `  threads   ${info.threads}\n`,
    );
  }

  onProgress(progress: ReplayProgress & { readonly contract: string }): void {
    const stream = this.options.progress;
    if (stream?.isTTY !== true) return;
    if (this.barPhase !== progress.phase) {
      this.bar?.stop();
      this.barPhase = progress.phase;
      const label = progress.phase === 'partition' ? 'reading   ' : 'comparing ';
      this.bar = new SingleBar({
        stream,
        format: `  ${label}{bar} {value}/{total} records  {speed} records/s  eta {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 5,
      });
      this.bar.start(progress.total ?? 0, 0, { speed: '0' });
      (this.bar as SingleBar & { startedAt?: number }).startedAt = performance.now();
    }
    const bar = this.bar as SingleBar & { startedAt: number };
    const seconds = Math.max(1e-3, (performance.now() - bar.startedAt) / 1000);
    if (progress.total !== undefined) bar.setTotal(progress.total);
    else bar.setTotal(progress.done);
    bar.update(progress.done, { speed: formatCount(Math.round(progress.done / seconds)) });
  }

  onContractEnd(report: ReplayReport, verdict: Verdict): void {
    this.bar?.stop();
    this.bar = undefined;
    this.barPhase = undefined;
    this.options.out.write(formatTerminalReport(report, verdict, this.c));
  }

  onFuzzResult(result: FuzzResult, context: FuzzResultContext): void {
    this.options.out.write(`${formatFuzzReport(result, context.contract, { replay: context.replay })}\n`);
  }

  onRunEnd(summary: RunSummary): void {
    const { c } = this;
    const { verdict } = summary;
    const n = summary.reports.length + (summary.fuzz?.length ?? 0);
    const contracts = `${n} contract${n === 1 ? '' : 's'}`;
    const more = verdict.reasons.length - 1;
    const tail = more > 0 ? c.dim(` (and ${more} more reason${more === 1 ? '' : 's'} above)`) : '';
    this.options.out.write(`\n${verdictLabel(verdict, c)} ${contracts}: ${verdict.headline}${tail}\n`);
  }
}
