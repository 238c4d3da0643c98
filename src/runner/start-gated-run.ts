import type { ContractBinding } from '../config/define-config.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Reporter } from '../report/reporter.ts';
import type { RunCommand, RunInfo } from '../report/run-info.ts';
import { gatherRunInfo, type Invocation } from './gather-run-info.ts';

/**
 * The start every gated run shares (fuzz, golden, check): gathers the run info, starts the clock and tells the
 * reporters. Returns the run info and a function giving the milliseconds since the start.
 * @internal
 */
export async function startGatedRun(
  stage: RunCommand,
  options: {
    readonly config: LoadedConfig;
    readonly cwd: string;
    readonly reporters: readonly Reporter[];
    readonly invocation?: Invocation;
    readonly clock?: () => number;
  },
  bindings: readonly ContractBinding[],
): Promise<{ readonly run: RunInfo; readonly elapsed: () => number }> {
  const run = await gatherRunInfo(stage, {
    config: options.config,
    cwd: options.cwd,
    bindings,
    ...(options.invocation === undefined ? {} : { invocation: options.invocation }),
  });
  const clock = options.clock ?? (() => 0);
  const started = clock();
  for (const r of options.reporters) await r.onRunStart?.({ contracts: bindings.map((b) => b.contract.name), run });
  return { run, elapsed: () => clock() - started };
}
