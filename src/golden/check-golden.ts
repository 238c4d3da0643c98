import type { Contract } from '../contract/contract.ts';
import { contractDefinitionSite } from '../contract/definition-site.ts';
import { computeSafely } from '../implementations/compute-safely.ts';
import type { Side, SideOutcome } from '../implementations/side.ts';
import { entityKeyOf } from '../replay/entity-key.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { type ComputedCase, decideGolden } from './decide-golden.ts';
import { formatGoldenFile, parseGoldenFile } from './golden-file.ts';
import type { GoldenCaseSpec, GoldenResult } from './golden-result.ts';
import type { GoldenStore } from './golden-store.ts';

/** What {@link checkGolden} takes. @public */
export interface CheckGoldenOptions {
  readonly contract: Contract;
  readonly cases: readonly GoldenCaseSpec[];
  /** The two sides; started here if they have `start`, never closed (whoever made them closes them). */
  readonly sides: { readonly training: Side; readonly serving: Side };
  readonly store: GoldenStore;
  readonly update: UpdateMode;
  readonly prune?: boolean;
  /** Rewrite stored values (mode `all`) under an unchanged contract version; recorded in the file. */
  readonly acceptWithoutBump?: boolean;
}

function timestampOf(contract: Contract, input: Record<string, unknown>): number {
  const value = contract.timestamp === undefined ? undefined : input[contract.timestamp];
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) || 0 : 0;
}

/** Each case alone, as a history of one event, so no case sees another's. */
async function compute(contract: Contract, side: Side, name: string, input: unknown, id: number): Promise<SideOutcome> {
  const record = input as Record<string, unknown>;
  const [outcome] = await computeSafely(side, name, [
    {
      id: String(id),
      line: id,
      entity: entityKeyOf(record[contract.entity]),
      timestamp: timestampOf(contract, record),
      input: record,
    },
  ]);
  return outcome as SideOutcome;
}

function definedAt(contract: Contract): { definedAt?: string } {
  const site = contractDefinitionSite(contract);
  return site === undefined ? {} : { definedAt: `${site.file}${site.line === undefined ? '' : `:${site.line}`}` };
}

/**
 * Checks a contract's golden cases: computes every case with each side, compares each side with its own stored values
 * by the contract's tolerances, and writes the file as the update mode allows (see `decideGolden`).
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
  await Promise.all([options.sides.training.start?.(), options.sides.serving.start?.()]);
  const cases: ComputedCase[] = [];
  let id = 0;
  for (const spec of options.cases) {
    const parsed = contract.input.safeParse(spec.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      cases.push({ ...spec, invalid: `${issue?.path.join('.') || '(input)'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    id++;
    const [training, serving] = await Promise.all([
      compute(contract, options.sides.training, 'training', spec.input, id),
      compute(contract, options.sides.serving, 'serving', spec.input, id),
    ]);
    cases.push({ ...spec, training, serving });
  }
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
