import type { ContractBinding } from '../config/define-config.ts';
import type { Reporter, RunSummary } from '../report/reporter.ts';
import { finishRunInfo, type Invocation } from './gather-run-info.ts';
import { type RunGoldenOptions, runGolden } from './run-golden.ts';
import { startGatedRun } from './start-gated-run.ts';

/** What `runGoldenGate` takes: `runGolden`'s options plus the reporters and how the run was started. @public */
export interface RunGoldenGateOptions extends Omit<RunGoldenOptions, 'onResult'> {
  readonly reporters: readonly Reporter[];
  readonly invocation?: Invocation;
  /** Milliseconds for the summary's duration; default none (0). */
  readonly clock?: () => number;
}

/**
 * The golden stage of the gate: checks every contract's golden cases (see `runGolden`), tells the reporters each result
 * as it comes, and ends the run with a summary that carries the results, the verdict and the run info, as
 * `runFuzzGate` does for fuzz. The same function `lockstep golden` calls.
 * @throws SkewError `SKEW_USAGE` for an unknown contract or a `logged` side
 * @remarks Since 0.1
 * @public
 */
export async function runGoldenGate(options: RunGoldenGateOptions): Promise<RunSummary> {
  const all = options.config.config.contracts as readonly ContractBinding[];
  const bindings = all.filter((b) => options.contract === undefined || b.contract.name === options.contract);
  const { run, elapsed } = await startGatedRun('golden', options, bindings);
  const { results, verdict } = await runGolden({
    ...options,
    onResult: async (result) => {
      for (const r of options.reporters) await r.onGoldenResult?.(result);
    },
  });
  const summary: RunSummary = {
    reports: [],
    golden: results,
    verdict,
    durationMs: elapsed(),
    run: finishRunInfo(run, options.invocation),
  };
  for (const r of options.reporters) await r.onRunEnd?.(summary);
  return summary;
}
