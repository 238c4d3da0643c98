import type { Contract } from '../contract/contract.ts';
import { contractDefinitionSite } from '../contract/definition-site.ts';
import { applyExtraFields } from '../contract/extra-fields.ts';
import { requireEntity } from '../contract/require-entity.ts';
import { validateInput } from '../contract/validate-input.ts';
import { SkewError } from '../errors.ts';
import type { SideFactory } from '../fuzz/fuzz-result.ts';
import { toBatch } from '../fuzz/run-case.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import type { Side, SideOutcome } from '../implementations/side.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { type ComputedCase, decideGolden } from './decide-golden.ts';
import { formatGoldenFile, type GoldenFile, parseGoldenFile } from './golden-file.ts';
import type { GoldenCaseSpec, GoldenResult } from './golden-result.ts';
import type { GoldenStore } from './golden-store.ts';
import { assertGoldenFile } from './validate-golden-file.ts';

/** What {@link checkGolden} takes. @public */
export interface CheckGoldenOptions {
  readonly contract: Contract;
  readonly cases: readonly GoldenCaseSpec[];
  /**
   * The two sides. An instance is started here if it has `start` and never closed (whoever made it closes it); a
   * factory makes a fresh side for every case (started, then closed after it), so a stateful side (an online store)
   * starts empty for each case. An instance with `reset` (a command side with `reset: true`, an in-process side given
   * a `reset` option) is reset before every case instead, which is much cheaper than a fresh child process.
   */
  readonly sides: { readonly training: Side | SideFactory; readonly serving: Side | SideFactory };
  readonly store: GoldenStore;
  readonly update: UpdateMode;
  readonly prune?: boolean;
  /** Rewrite stored values (mode `all`) under an unchanged contract version; recorded in the file. */
  readonly acceptWithoutBump?: boolean;
}

type Sides = CheckGoldenOptions['sides'];

/** Why a case's input does not fit the contract (naming the event of a history), or undefined when it does. */
function invalidInput(contract: Contract, spec: GoldenCaseSpec, events: readonly unknown[] | undefined) {
  if (events === undefined || events.length === 0) return '(input): a history is a non-empty array of input records';
  for (const [i, event] of events.entries()) {
    const at = spec.shape === 'history' ? `event ${i}: ` : '';
    const policed = isRecord(event) ? applyExtraFields(contract, event) : { input: event };
    if ('extraField' in policed) {
      return `${at}${policed.extraField}: not a field of the contract (its extraFields policy is 'reject')`;
    }
    const parsed = validateInput(contract.input, policed.input);
    if (parsed.success) continue;
    const issue = parsed.issues[0];
    return `${at}${issue?.path.join('.') || '(input)'}: ${issue?.message ?? 'invalid'}`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One case's batch through a side: an instance as it is, a factory's fresh side started and closed around it. */
async function computeWith(
  contract: Contract,
  side: Side | SideFactory,
  name: 'training' | 'serving',
  batch: Parameters<Side['compute']>[0],
): Promise<readonly SideOutcome[]> {
  if (typeof side !== 'function') {
    await side.reset?.(); // a stateful instance that can reset starts each case empty, as a factory's side does
    return computeSafely(side, name, batch);
  }
  const fresh = await side();
  requireEntity(contract, { [name]: fresh }, 'checkGolden');
  try {
    await fresh.start?.();
    return await computeSafely(fresh, name, batch);
  } finally {
    await fresh.close?.();
  }
}

/**
 * Computes one case with both sides as one batch of its own, as fuzz replays a case, so no case sees another's events:
 * a record as a history of one event, a history as one entity's history (in time order). Outcomes come back in the
 * order of the case's events.
 */
async function computeCase(
  runner: { readonly contract: Contract; nextId: number },
  sides: Sides,
  spec: GoldenCaseSpec,
): Promise<ComputedCase> {
  const events = spec.shape === 'history' ? (Array.isArray(spec.input) ? spec.input : undefined) : [spec.input];
  const invalid = invalidInput(runner.contract, spec, events);
  if (invalid !== undefined || events === undefined) return { ...spec, invalid: invalid ?? '(input)' };
  // The sides see each input as replay hands it over: under `strip`, without the fields the contract lacks.
  const seen = events.map((e) =>
    isRecord(e) ? (applyExtraFields(runner.contract, e) as { input: unknown }).input : e,
  );
  const built = toBatch(runner, seen);
  const { index } = built;
  // A record case from a log keeps its logged text: out-of-process sides get it verbatim, as in replay.
  const verbatim = spec.shape !== 'history' && spec.inputText !== undefined && seen[0] === events[0];
  const batch = verbatim ? built.batch.map((r) => ({ ...r, inputText: spec.inputText as string })) : built.batch;
  const [training, serving] = await Promise.all([
    computeWith(runner.contract, sides.training, 'training', batch),
    computeWith(runner.contract, sides.serving, 'serving', batch),
  ]);
  const inEventOrder = (outcomes: readonly SideOutcome[]) => {
    const out: SideOutcome[] = [];
    index.forEach((event, at) => {
      out[event] = outcomes[at] as SideOutcome;
    });
    return out;
  };
  return { ...spec, training: inEventOrder(training), serving: inEventOrder(serving) };
}

/**
 * The cases to check: those given, then every stored `log` or `corpus` case not among them, from its stored input
 * (they live only in the file).
 */
function casesToCheck(given: readonly GoldenCaseSpec[], stored: GoldenFile | undefined): GoldenCaseSpec[] {
  const names = new Set(given.map((c) => c.name));
  const out = [...given];
  for (const c of stored?.cases ?? []) {
    if (c.source === undefined || c.source === 'config' || names.has(c.name)) continue;
    out.push({
      name: c.name,
      input: c.input,
      source: c.source,
      ...(c.shape === 'history' ? { shape: c.shape } : {}),
      ...(c.inputText === undefined ? {} : { inputText: c.inputText }),
    });
  }
  return out;
}

function definedAt(contract: Contract): { definedAt?: string } {
  const site = contractDefinitionSite(contract);
  return site === undefined ? {} : { definedAt: `${site.file}${site.line === undefined ? '' : `:${site.line}`}` };
}

/**
 * Checks a contract's golden cases: computes every case given and every `log` or `corpus` case stored in the file
 * with each side (each case alone; a history as one entity's history), compares each side with its own stored values
 * by the contract's tolerances, event by event, and writes the file as the update mode allows (see `decideGolden`).
 * @param options - contract, cases, sides, store, update mode, prune
 * @throws SkewError `SKEW_CONFIG_INVALID` when the stored file is not a golden file of this contract
 * @remarks Since 0.1
 * @public
 */
export async function checkGolden(options: CheckGoldenOptions): Promise<GoldenResult> {
  const { contract, store, update } = options;
  const where = store.describe(contract.name);
  const text = await store.read(contract.name);
  const stored = text === undefined ? undefined : parseGoldenFile(text, where);
  if (stored !== undefined && stored.contract !== contract.name) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `checkGolden: ${where} is the golden file of contract "${stored.contract}", not of "${contract.name}" (its header says so): a file copied from another contract's folder? Put it back, or delete it and run lockstep golden to record this contract's cases`,
    );
  }
  if (stored !== undefined) await assertGoldenFile(contract, stored, where);
  const startable = [options.sides.training, options.sides.serving].filter((s): s is Side => typeof s !== 'function');
  for (const [name, side] of Object.entries(options.sides)) {
    if (typeof side !== 'function') requireEntity(contract, { [name]: side }, 'checkGolden');
  }
  await Promise.all(startable.map((s) => s.start?.()));
  const cases: ComputedCase[] = [];
  const runner = { contract, nextId: 1 };
  for (const spec of casesToCheck(options.cases, stored)) cases.push(await computeCase(runner, options.sides, spec));
  const decision = decideGolden({
    contract,
    stored,
    cases,
    mode: update,
    prune: options.prune === true,
    acceptWithoutBump: options.acceptWithoutBump === true,
  });
  if (decision.next !== undefined)
    await store.write(contract.name, formatGoldenFile(decision.next, contract.featureNames));
  const { next, ...found } = decision;
  return {
    contract: { name: contract.name, version: contract.version },
    file: where,
    mode: update,
    existed: stored !== undefined,
    ...found,
    written: next !== undefined,
    ...definedAt(contract),
  };
}
