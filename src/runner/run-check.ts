import type { ContractBinding } from '../config/define-config.ts';
import { isFeatureFileSpec } from '../config/feature-file-spec.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import { buildVerdict, combineVerdicts } from '../gate/build-verdict.ts';
import type { InvalidBudget } from '../gate/invalid-budget.ts';
import type { GateStage, Verdict } from '../gate/verdict.ts';
import type { Reporter, RunSummary } from '../report/reporter.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { finishRunInfo, type Invocation } from './gather-run-info.ts';
import { type HistorySettings, historyFilePath, openHistory } from './history-session.ts';
import { runFuzzGate } from './run-fuzz-gate.ts';
import { runGoldenGate } from './run-golden-gate.ts';
import { runReplay } from './run-replay.ts';
import { typesVerdict } from './run-types.ts';
import { selectBindings } from './select-bindings.ts';
import { startGatedRun } from './start-gated-run.ts';

/** What `runCheck` takes. @public */
export interface RunCheckOptions extends HistorySettings {
  readonly config: LoadedConfig;
  readonly cwd: string;
  readonly reporters: readonly Reporter[];
  /** Check only this contract. */
  readonly contract?: string;
  /** Stages not to run: each is `skipped` in the verdict. */
  readonly skip?: readonly GateStage[];
  /** Generated fuzz cases per contract, after the regression corpus (default 200, a CI budget). */
  readonly runs?: number;
  /** fast-check seed of the fuzz stage (default: random, printed in the report). */
  readonly seed?: number;
  /** The replay stage's minimization budget: side calls per class, and seconds per contract. */
  readonly minimizeSteps?: number;
  readonly minimizeSeconds?: number;
  /** Update mode of the golden files and the fuzz corpus (the CLI: none on CI, new otherwise). */
  readonly update: UpdateMode;
  /** Invalid lines a contract's replay may hold and still pass. */
  readonly maxInvalid?: InvalidBudget;
  /** The snapshots folder (default `snapshots`). */
  readonly snapshotDir?: string;
  readonly invocation?: Invocation;
  /** Milliseconds for the summary's duration; default none (0). */
  readonly clock?: () => number;
}

/** A reporter as a stage sees it: everything but the run's start and end, which `runCheck` reports once. */
function stageReporter(reporter: Reporter): Reporter {
  return new Proxy(reporter, {
    get(target, key) {
      if (key === 'onRunStart' || key === 'onRunEnd') return undefined;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** One stage's verdict from its contracts' verdicts: failed if any failed, passed if any passed, else skipped. */
function stageVerdict(name: GateStage, parts: readonly Verdict[]): Verdict {
  const outcomes = parts.map((v) => v.stages[name]);
  const outcome = outcomes.includes('failed') ? 'failed' : outcomes.includes('passed') ? 'passed' : 'skipped';
  return buildVerdict({
    reasons: parts.flatMap((v) => v.reasons),
    stages: { [name]: outcome },
    classes: parts.flatMap((v) => v.classes),
  });
}

const STAGES: readonly GateStage[] = ['golden', 'fuzz', 'replay'];

/** A check whose every stage was skipped checked nothing: it must not pass. */
function nothingChecked(bindings: readonly ContractBinding[], skip: ReadonlySet<GateStage>): Verdict {
  const names = bindings.map((b) => b.contract.name).join(', ');
  const unskipped = STAGES.filter((st) => !skip.has(st)).join(', ');
  return buildVerdict({
    reasons: [
      {
        code: 'nothing_compared',
        stage: 'replay',
        message:
          `check: nothing was checked for ${names}: ${unskipped} had nothing configured (no golden cases or file, ` +
          `no side that computes, no logs); give a contract golden cases, sides that compute, or logs`,
      },
    ],
    stages: {},
  });
}

const skipped = (stage: GateStage): Verdict => buildVerdict({ reasons: [], stages: { [stage]: 'skipped' } });

/**
 * `lockstep check`: the whole gate in one run. For every contract (or the one selected) it checks the golden cases
 * (`runGoldenGate`), fuzzes the contracts whose sides both compute (`runFuzzGate`: the regression corpus, then a CI
 * budget) and replays the contracts that have logs (`runReplay`), then ends with one verdict (`combineVerdicts`) and
 * one summary for every reporter. A stage with nothing configured, or skipped by `skip`, is `skipped`.
 * @throws SkewError `SKEW_USAGE` for an unknown contract
 * @remarks Since 0.1
 * @public
 */
export async function runCheck(options: RunCheckOptions): Promise<RunSummary> {
  const bindings = selectBindings(options.config, options.contract, 'runCheck');
  const skip = new Set(options.skip ?? []);
  if (STAGES.every((st) => skip.has(st))) {
    throw new SkewError(
      'SKEW_USAGE',
      `runCheck: skipping ${STAGES.join(', ')} leaves nothing to check; skip at most two stages, or run one stage alone (lockstep golden, fuzz or replay)`,
    );
  }
  const base = {
    config: options.config,
    cwd: options.cwd,
    reporters: options.reporters.map(stageReporter),
    ...(options.invocation === undefined ? {} : { invocation: options.invocation }),
    ...(options.snapshotDir === undefined ? {} : { snapshotDir: options.snapshotDir }),
  };
  // The replay stage marks new classes against the history; the check appends its replays once, at its end.
  const history = await openHistory(historyFilePath(options.history, options.cwd, options.config), options.cwd);
  const { run, elapsed } = await startGatedRun('check', options, bindings);
  const summaries: RunSummary[] = [];
  const verdicts: Verdict[] = [];
  // A types file generated from a contract (`types:` on a binding) that no longer matches it fails the gate.
  const types = await typesVerdict(bindings, options.config.root, options.cwd);
  if (types !== undefined) verdicts.push(types);
  const stage = async (
    name: GateStage,
    eligible: readonly ContractBinding[],
    go: (b: ContractBinding) => Promise<RunSummary>,
  ) => {
    if (skip.has(name) || eligible.length === 0) return verdicts.push(skipped(name));
    const parts: RunSummary[] = [];
    for (const b of eligible) parts.push(await go(b));
    summaries.push(...parts);
    verdicts.push(
      stageVerdict(
        name,
        parts.map((p) => p.verdict),
      ),
    );
  };
  // Golden runs once over the selection: it skips, by itself, the contracts with no case and no golden file.
  await stage('golden', [bindings[0] as ContractBinding], () =>
    runGoldenGate({
      ...base,
      update: options.update,
      ...(options.contract === undefined ? {} : { contract: options.contract }),
    }),
  );
  const reads = (spec: unknown) => spec === 'logged' || isFeatureFileSpec(spec);
  const computes = (b: ContractBinding) =>
    !reads(b.fuzz?.training ?? b.training) && !reads(b.fuzz?.serving ?? b.serving);
  await stage('fuzz', bindings.filter(computes), (b) =>
    runFuzzGate({
      ...base,
      contract: b.contract.name,
      update: options.update,
      runs: options.runs ?? 200,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    }),
  );
  await stage(
    'replay',
    bindings.filter((b) => (b.logs?.length ?? 0) > 0),
    (b) =>
      runReplay({
        ...base,
        contract: b.contract.name,
        historySession: history,
        ...(options.maxInvalid === undefined ? {} : { maxInvalid: options.maxInvalid }),
        ...(options.minimizeSteps === undefined ? {} : { minimizeSteps: options.minimizeSteps }),
        ...(options.minimizeSeconds === undefined ? {} : { minimizeSeconds: options.minimizeSeconds }),
      }),
  );
  const reports = summaries.flatMap((s) => s.reports);
  const finished = finishRunInfo(run, options.invocation);
  const summary: RunSummary = {
    reports,
    fuzz: summaries.flatMap((s) => s.fuzz ?? []),
    golden: summaries.flatMap((s) => s.golden ?? []),
    verdict: combineVerdicts(
      verdicts.every((v) => Object.values(v.stages).every((o) => o === 'skipped'))
        ? [...verdicts, nothingChecked(bindings, skip)]
        : verdicts,
    ),
    durationMs: elapsed(),
    run: finished,
    ...(await history.finish(reports, finished)),
  };
  for (const r of options.reporters) await r.onRunEnd?.(summary);
  return summary;
}
