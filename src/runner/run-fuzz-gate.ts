import type { ContractBinding } from '../config/define-config.ts';
import type { Finding, FuzzResult } from '../fuzz/fuzz-result.ts';
import { fuzzVerdict } from '../gate/fuzz-verdict.ts';
import type { Reporter, RunSummary } from '../report/reporter.ts';
import { acceptedStoreFor, readAcceptedFiles } from './accepted-files.ts';
import { finishRunInfo, type Invocation } from './gather-run-info.ts';
import { type RunFuzzOptions, runFuzz } from './run-fuzz.ts';
import { startGatedRun } from './start-gated-run.ts';

/** What `runFuzzGate` takes: `runFuzz`'s options plus the reporters and how the run was started. @public */
export interface RunFuzzGateOptions extends Omit<RunFuzzOptions, 'onResult'> {
  readonly reporters: readonly Reporter[];
  /** The command that replays one finding exactly; default `lockstep fuzz --contract … --seed … --path "…"`. */
  readonly replayCommand?: (finding: Finding, result: FuzzResult) => string;
  readonly invocation?: Invocation;
}

function defaultReplay(finding: Finding, result: FuzzResult): string {
  return `lockstep fuzz --contract ${result.contract.name} --seed ${finding.seed} --path "${finding.path}"`;
}

/**
 * The fuzz stage of the gate: fuzzes every contract (see `runFuzz`), tells the reporters each result as it comes,
 * decides the verdict, and ends the run with a summary that carries the results, the verdict and the run info, as
 * `runReplay` does for a replay. The same function `lockstep fuzz` calls.
 * @remarks Since 0.1
 * @public
 */
export async function runFuzzGate(options: RunFuzzGateOptions): Promise<RunSummary> {
  const all = options.config.config.contracts as readonly ContractBinding[];
  const bindings = all.filter((b) => options.contract === undefined || b.contract.name === options.contract);
  // Accepted files (snapshots/<contract>/accepted.json) are read before any side starts: a malformed one is exit 2.
  const accepted = await readAcceptedFiles(
    acceptedStoreFor(options, options.cwd),
    bindings.map((b) => b.contract.name),
  );
  const { run, elapsed } = await startGatedRun('fuzz', options, bindings);
  const replay = options.replayCommand ?? defaultReplay;
  const results = await runFuzz({
    ...options,
    onResult: async (result, contract) => {
      for (const r of options.reporters) {
        await r.onFuzzResult?.(result, { contract, replay: (finding) => replay(finding, result) });
      }
    },
  });
  const summary: RunSummary = {
    reports: [],
    fuzz: results,
    verdict: fuzzVerdict(results, { accepted }),
    durationMs: elapsed(),
    run: finishRunInfo(run, options.invocation),
  };
  for (const r of options.reporters) await r.onRunEnd?.(summary);
  return summary;
}
