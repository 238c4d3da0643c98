import type { RecordComparator } from '../compare/compare-features.ts';
import type { SideName } from '../compare/divergence.ts';
import { maskNumbers } from '../compare/mask-numbers.ts';
import { sideUnavailable, unavailableCause } from '../compare/side-unavailable.ts';
import type { Contract } from '../contract/contract.ts';
import { encodeInput } from '../contract/encode-input.ts';
import type { SideOutcome, SideRecord } from '../implementations/side.ts';
import { entityKeyOf } from '../replay/decode/entity-key.ts';
import type { DivergenceFacts, FuzzUnavailable } from './fuzz-result.ts';
import type { SideSession } from './side-session.ts';

/** The feature name of a side error: it concerns the whole record, not one feature (as in replay reports). */
export const RECORD_FEATURE = '(record)';

/** One divergence class seen in a case, with its first example. @internal */
export interface Observation extends DivergenceFacts {
  readonly key: string;
  /** Index of the event in the case's inputs. */
  readonly event: number;
}

/** What running one case needs. @internal */
export interface CaseRunner {
  readonly contract: Contract;
  readonly compare: RecordComparator;
  readonly training: SideSession;
  readonly serving: SideSession;
  /** Source of record ids, unique over the run (out-of-process sides match answers by id). */
  nextId: number;
  /** Batches both sides answered (no side unavailable). */
  answered?: number;
  /**
   * Set at the first batch a side could not be reached for (side unavailable): no later batch is run, so a run
   * against a dead endpoint stops at once instead of failing every case and shrinking against it.
   */
  unavailable?: FuzzUnavailable;
}

/** The key of a divergence class. @internal */
export function classKey(d: { feature: string; kind: string; cause: string }): string {
  return `${d.feature}\u0000${d.kind}\u0000${d.cause}`;
}

/** Epoch ms of a timestamp field's value (ISO string, epoch ms, bigint ms or Date); 0 when there is none. @internal */
export function timestampMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return 0;
}

/** The shape of an error message, so one failure mode is one class: its error name, else the text without data. */
export function errorCause(side: SideName, message: string): string {
  const unavailable = sideUnavailable(message);
  if (unavailable !== undefined) return unavailableCause(side, unavailable);
  const named = /^([A-Za-z_$][\w$.]*(Error|Exception|Warning|Fault)):/.exec(message);
  const shape = named?.[1] ?? maskNumbers(message.replace(/(["'`]).*?\1/g, '…')).slice(0, 80);
  return `${side} ${shape}`;
}

/**
 * Turns a case's inputs into one batch: each entity's records contiguous (entities in order of first appearance)
 * and in timestamp order, as every side expects. `index` maps a batch position back to the input.
 * @internal
 */
export function toBatch(
  runner: Pick<CaseRunner, 'contract' | 'nextId'>,
  inputs: readonly unknown[],
): { batch: SideRecord[]; index: number[] } {
  const { contract } = runner;
  const byEntity = new Map<string, number[]>();
  // Without an entity (a record-wise contract) every input stands alone, in the case's order.
  const entityOf = (i: number): string | undefined =>
    contract.entity === undefined ? undefined : entityKeyOf((inputs[i] as Record<string, unknown>)[contract.entity]);
  inputs.forEach((_, i) => {
    const key = entityOf(i) ?? `\u0000${i}`;
    const list = byEntity.get(key);
    if (list === undefined) byEntity.set(key, [i]);
    else list.push(i);
  });
  const time = (i: number) =>
    contract.timestamp === undefined ? 0 : timestampMs((inputs[i] as Record<string, unknown>)[contract.timestamp]);
  const index = [...byEntity.values()].flatMap((list) => list.sort((a, b) => time(a) - time(b) || a - b));
  const batch = index.map((i, at) => ({
    id: String(runner.nextId++),
    line: at + 1,
    ...(contract.entity === undefined ? {} : { entity: entityOf(i) as string }),
    timestamp: time(i),
    input: inputs[i] as Record<string, unknown>,
    // Out-of-process sides get whole numbers of float fields as `20.0`, as a JSON writer of the schema writes them.
    inputText: encodeInput(contract.input, inputs[i]),
  }));
  return { batch, index };
}

function errorObservation(side: SideName, message: string, event: number): Observation {
  const cause = errorCause(side, message);
  const failed = { error: message };
  return {
    key: classKey({ feature: RECORD_FEATURE, kind: 'error', cause }),
    feature: RECORD_FEATURE,
    kind: 'error',
    cause,
    side,
    detail: `${side} failed: ${message}`,
    training: side === 'training' ? failed : undefined,
    serving: side === 'serving' ? failed : undefined,
    event,
  };
}

/**
 * Compares two sides' outcomes for a batch: every distinct class, first example each, in batch order; with `only`,
 * just the classes of that event.
 * @internal
 */
export function observe(
  runner: CaseRunner,
  index: readonly number[],
  training: readonly SideOutcome[],
  serving: readonly SideOutcome[],
  only?: number,
): Observation[] {
  const seen = new Map<string, Observation>();
  const add = (o: Observation) => {
    if (!seen.has(o.key)) seen.set(o.key, o);
  };
  index.forEach((event, at) => {
    if (only !== undefined && event !== only) return;
    const t = training[at] as SideOutcome;
    const s = serving[at] as SideOutcome;
    if ('error' in t) add(errorObservation('training', t.error, event));
    if ('error' in s) add(errorObservation('serving', s.error, event));
    if (!('features' in t) || !('features' in s)) return;
    for (const d of runner.compare(t.features, s.features)) {
      const { absError: _a, relError: _r, ...rest } = d;
      add({ ...rest, key: classKey(d), event });
    }
  });
  return [...seen.values()];
}

function firstUnavailable(
  outcomes: readonly SideOutcome[],
  side: SideName,
): Omit<FuzzUnavailable, 'afterCases'> | undefined {
  for (const o of outcomes) {
    const failure = 'error' in o ? sideUnavailable(o.error) : undefined;
    if (failure !== undefined) return { side, ...failure, message: (o as { error: string }).error };
  }
  return undefined;
}

/**
 * Runs a batch through both sides and observes its classes (`index[i]` names the event of `batch[i]`; with `only`,
 * just that event's classes). Once a side is unavailable (see `CaseRunner.unavailable`) it runs nothing and observes
 * nothing.
 * @internal
 */
export async function runBatch(
  runner: CaseRunner,
  batch: readonly SideRecord[],
  index: readonly number[],
  only?: number,
): Promise<Observation[]> {
  if (runner.unavailable !== undefined) return [];
  const [t, s] = await Promise.all([runner.training.compute(batch), runner.serving.compute(batch)]);
  const stop = firstUnavailable(t, 'training') ?? firstUnavailable(s, 'serving');
  if (stop !== undefined) {
    runner.unavailable = { ...stop, afterCases: runner.answered ?? 0 };
    return [];
  }
  runner.answered = (runner.answered ?? 0) + 1;
  return observe(runner, index, t, s, only);
}

/** Runs one case (one input, or one history) through both sides as one batch and observes its classes. @internal */
export async function runCase(runner: CaseRunner, inputs: readonly unknown[]): Promise<Observation[]> {
  const { batch, index } = toBatch(runner, inputs);
  return await runBatch(runner, batch, index);
}
