import { SingleBar } from 'cli-progress';
import pc from 'picocolors';
import { formatFuzzReport } from '../fuzz/format-fuzz-report.ts';
import type { FuzzResult } from '../fuzz/fuzz-result.ts';
import type { AcceptedWrite } from '../gate/accept-classes.ts';
import { PLACEHOLDER_REASON } from '../gate/accepted-file.ts';
import type { Verdict } from '../gate/verdict.ts';
import { formatGoldenReport } from '../golden/format-golden-report.ts';
import type { GoldenResult } from '../golden/golden-result.ts';
import type { ReplayProgress } from '../replay/replay.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import { historyLines } from './_history-text.ts';
import { formatTerminalReport, verdictLabel } from './format-terminal.ts';
import { formatCount } from './format-value.ts';
import type { ContractStart, FuzzResultContext, Reporter, ReporterOutput, RunSummary } from './reporter.ts';

function acceptedLine(w: AcceptedWrite, c: ReturnType<typeof pc.createColors>): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const todo =
    w.added.length === 0
      ? ''
      : `\n  ${c.yellow(`${count(w.added.length, 'new class')}: replace "${PLACEHOLDER_REASON}" with why each is accepted, and review its budget`)}`;
  return (
    `${c.bold('accepted')} wrote ${w.location}: ${count(w.file.accepted.length, 'accepted class')} (${w.added.length} new, ` +
    `${w.raised.length} budget${w.raised.length === 1 ? '' : 's'} raised, ${w.unseen.length} listed but not seen)${todo}\n`
  );
}

/** Options of the terminal reporter. @public */
export interface TerminalReporterOptions {
  readonly out: ReporterOutput;
  /** Where the progress bar goes (a TTY stream); no bar when absent or not a TTY. */
  readonly progress?: ReporterOutput;
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
        // A TTY output is a tty.WriteStream at run time; the public type stays free of Node's global types.
        stream: stream as unknown as NodeJS.WritableStream,
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

  onGoldenResult(result: GoldenResult): void {
    this.options.out.write(formatGoldenReport(result));
  }

  onRunEnd(summary: RunSummary): void {
    const { c } = this;
    const { verdict } = summary;
    const n = new Set(
      [...summary.reports, ...(summary.fuzz ?? []), ...(summary.golden ?? [])].map((r) => r.contract.name),
    ).size;
    const contracts = `${n} contract${n === 1 ? '' : 's'}`;
    const more = verdict.reasons.length - 1;
    const tail = more > 0 ? c.dim(` (and ${more} more reason${more === 1 ? '' : 's'} above)`) : '';
    const accepted = verdict.classes.filter((d) => d.decision === 'accepted').length;
    const passed = `${accepted > 0 ? `, ${accepted} accepted class${accepted === 1 ? '' : 'es'} within budget` : ''}${verdict.headline.slice('PASS'.length)}`;
    for (const w of summary.accepted ?? []) this.options.out.write(`\n${acceptedLine(w, c)}`);
    const history = historyLines(summary, c);
    if (history.length > 0) this.options.out.write(`\n${history.join('\n')}\n`);
    const line = verdict.status === 'pass' ? `${contracts}${passed}` : `${contracts}: ${verdict.headline}${tail}`;
    // Several stages (lockstep check): each one's outcome, after the verdict.
    const stages = Object.entries(verdict.stages);
    const outcomes = stages.length > 1 ? c.dim(`\n  stages: ${stages.map(([s, o]) => `${s} ${o}`).join(', ')}`) : '';
    this.options.out.write(`\n${verdictLabel(verdict, c)} ${line}${outcomes}\n`);
  }
}
