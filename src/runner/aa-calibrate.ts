import type { AaCalibration } from '../calibration/aa-result.ts';
import { type AaSelfRun, calibrateAa } from '../calibration/calibrate-aa.ts';
import { markNondeterministic } from '../calibration/mark-nondeterministic.ts';
import type { SideName } from '../compare/divergence.ts';
import type { ContractBinding, SideSpec } from '../config/define-config.ts';
import { loadConfig } from '../config/load-config.ts';
import type { Side } from '../implementations/side.ts';
import type { LineSource } from '../replay/ports.ts';
import { type ReplayOptions, replayContract } from '../replay/replay.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import { resolveSide, type SideDefaults } from './resolve-side.ts';

/** What an A/A calibration of one contract needs from its run. */
export interface AaRunContext {
  readonly binding: ContractBinding;
  /** The side specs the real replay uses (a flag's, else the config's). */
  readonly specs: Readonly<Record<SideName, SideSpec>>;
  /** Whether a flag gave the side (then the config's `fuzz` factory is not that side's). */
  readonly overridden: Readonly<Record<SideName, boolean>>;
  readonly defaults: SideDefaults;
  /** The config file and the working directory, to evaluate the config afresh for an in-process side. */
  readonly configPath: string;
  readonly cwd: string;
  /** The real replay's options: the same log format, batches, shard, sample and limits. */
  readonly replay: ReplayOptions;
  /** The logs, opened afresh for each run. */
  readonly sources: () => readonly LineSource[];
}

const PRECOMPUTED = 'it reads features computed earlier (logged, or a features file): deterministic by definition';

/**
 * A fresh instance of a side: a new child process or HTTP session for a command, frame or HTTP side; for an in-process
 * side, one the config's `fuzz` factory makes, else the side of the config evaluated afresh (state the config module
 * holds starts empty; `reset()` clears the rest when the side has it).
 */
async function freshSide(ctx: AaRunContext, name: SideName): Promise<Side> {
  const spec = ctx.specs[name];
  if (typeof spec === 'string' || !('compute' in spec)) return await resolveSide(spec, ctx.defaults);
  const factory = ctx.overridden[name] ? undefined : ctx.binding.fuzz?.[name];
  if (typeof factory === 'function') return await factory();
  const loaded = await loadConfig(ctx.configPath, ctx.cwd);
  const again = loaded.config.contracts.find((b) => b.contract.name === ctx.binding.contract.name)?.[name];
  const side = again !== undefined && typeof again === 'object' && 'compute' in again ? again : spec;
  return {
    shape: side.shape,
    description: side.description,
    ...(side.inFlight === undefined ? {} : { inFlight: side.inFlight }),
    start: async () => {
      await side.start?.();
      await side.reset?.();
    },
    compute: (batch) => side.compute(batch),
    ...(side.drainDiagnostics === undefined ? {} : { drainDiagnostics: () => side.drainDiagnostics?.() ?? [] }),
    ...(side.close === undefined ? {} : { close: () => side.close?.() ?? Promise.resolve() }),
  };
}

/** Whether a side reads its features rather than computing them (its self-run would compare a file with itself). */
function readsFeatures(spec: SideSpec): boolean {
  return (
    spec === 'logged' ||
    (typeof spec === 'object' && ('features' in spec || ('compute' in spec && spec.precomputed === true)))
  );
}

/** One side against itself: two fresh instances of it on the same records, compared under the contract. */
async function selfRun(ctx: AaRunContext, name: SideName): Promise<AaSelfRun> {
  if (readsFeatures(ctx.specs[name])) return { side: name, skipped: PRECOMPUTED };
  const first = await freshSide(ctx, name);
  const second = await freshSide(ctx, name);
  const {
    explain: _explain,
    explainEarly: _early,
    onDivergence: _sink,
    onProgress: _progress,
    parallel: _parallel,
    ...same
  } = ctx.replay;
  const report = await replayContract({
    ...same,
    sides: { training: first, serving: second },
    sources: ctx.sources(),
  });
  return { side: name, report };
}

/**
 * A/A calibration of one contract (`--aa`): each side run against itself, twice with fresh state, on the records the
 * real replay reads (same logs, shard and sample), one side after the other, before the real replay. A side that
 * reads its features is not run and says why.
 * @internal
 */
export async function runAaCalibration(ctx: AaRunContext): Promise<AaCalibration> {
  const runs: AaSelfRun[] = [];
  for (const name of ['training', 'serving'] as const) runs.push(await selfRun(ctx, name));
  return calibrateAa(runs);
}

/** What of a replay's options says whether and how to calibrate (see `RunReplayOptions`). */
export interface AaRequest {
  readonly aa?: boolean;
  readonly training?: SideSpec;
  readonly serving?: SideSpec;
  readonly config: { readonly path: string };
  readonly cwd: string;
}

/**
 * One contract's replay, calibrated first when the run asks for it (`aa` in the options, else `aa: true` on the
 * contract's binding in the config): the report then carries the calibration and marks what it found nondeterministic.
 * @internal
 */
export async function calibratedReplay(
  binding: ContractBinding,
  request: AaRequest,
  defaults: SideDefaults,
  replay: ReplayOptions,
  sources: () => readonly LineSource[],
): Promise<ReplayReport> {
  if ((request.aa ?? binding.aa) !== true) return await replayContract(replay);
  const aa = await runAaCalibration({
    binding,
    specs: { training: request.training ?? binding.training, serving: request.serving ?? binding.serving },
    overridden: { training: request.training !== undefined, serving: request.serving !== undefined },
    defaults,
    configPath: request.config.path,
    cwd: request.cwd,
    replay,
    sources,
  });
  return markNondeterministic(await replayContract(replay), aa);
}
