import type { z } from 'zod';
import { compileComparator } from '../compare/compare-features.ts';
import type { Divergence } from '../compare/divergence.ts';
import type { Contract } from '../contract/contract.ts';
import { encodeInput } from '../contract/encode-input.ts';
import { validateInput } from '../contract/validate-input.ts';
import type { FuzzSides } from '../fuzz/fuzz-result.ts';
import { type CaseRunner, type Observation, runBatch, timestampMs } from '../fuzz/run-case.ts';
import { SideSession } from '../fuzz/side-session.ts';
import type { SideRecord } from '../implementations/side.ts';
import { entityKeyOf } from '../replay/decode/entity-key.ts';
import { diffPaths, dotted, getAt, type InputPath, nodePaths, setAt } from './_paths.ts';
import { ABSENT, alternatives, simpler } from './_simplify.ts';

/** What {@link minimizeInput} takes. @public */
export interface MinimizeInputOptions {
  readonly contract: Contract;
  /** Side instances are started once and closed at the end; factories make a fresh side per try. */
  readonly sides: FuzzSides;
  /** The logged record whose input showed the divergence. */
  readonly record: SideRecord;
  /** The divergence class to keep: same feature, kind and cause (for `error`: same failing side). */
  readonly divergence: Pick<Divergence, 'feature' | 'kind' | 'cause'> & { readonly side?: Divergence['side'] };
  /** The entity's earlier records, sent unchanged before the record (entity-wise sides); else it runs alone. */
  readonly history?: readonly SideRecord[];
  /** Most tries (each one call of both sides), default 200. */
  readonly maxSteps?: number;
  /**
   * A wall-clock cap: no try starts at or after this instant (of `now`). The step budget keeps the result
   * deterministic; the cap only bounds a slow side, and the result says when it cut the reduction short.
   */
  readonly deadline?: number;
  /** The clock the deadline is read on, in ms (default `performance.now`). */
  readonly now?: () => number;
}

/** A reduced input. @public */
export interface MinimizedInput {
  readonly original: unknown;
  readonly minimal: unknown;
  /** Dotted paths whose value differs between the original and the minimal input (removed keys included). */
  readonly changedFields: readonly string[];
  /** Dotted paths that have a simpler legal value both sides accept, none of which keeps the divergence. */
  readonly fieldsThatMatter: readonly string[];
  /** Side calls made. */
  readonly steps: number;
  /** False when the original input does not show the divergence when run again (nothing is reduced). */
  readonly reproduced: boolean;
  /** Set when the wall-clock cap stopped the reduction before it was done (the input may reduce further). */
  readonly cutShort?: 'time';
}

function sameClass(o: Observation, d: MinimizeInputOptions['divergence']): boolean {
  if (o.feature !== d.feature || o.kind !== d.kind) return false;
  // Error causes are worded differently by replay and fuzz: the failing side is what makes the class.
  return d.kind === 'error' ? d.side === undefined || o.side === d.side : o.cause === d.cause;
}

/**
 * Reduces a logged input while it still passes the contract's input schema and still shows the same divergence
 * class, greedily (delta-debugging style): field by field, it tries simpler alternatives — drop an optional field,
 * null a nullable one, shorten strings and arrays, move numbers toward 0, integers and fewer decimals — keeps the
 * first that still diverges, and repeats until nothing changes or `maxSteps` side calls are spent. With `history`,
 * the entity and timestamp fields are kept (the history must stay the record's).
 * @param options - contract, sides, the record and its divergence, history, step budget
 * @returns the minimal input, the fields changed and the fields that matter
 * @remarks Since 0.1
 * @public
 */
export async function minimizeInput(options: MinimizeInputOptions): Promise<MinimizedInput> {
  const { contract, record, divergence } = options;
  const history = options.history ?? [];
  const maxSteps = options.maxSteps ?? 200;
  const schema = contract.input as z.ZodType;
  const runner: CaseRunner = {
    contract,
    compare: compileComparator(contract),
    training: await SideSession.open('training', options.sides.training),
    serving: await SideSession.open('serving', options.sides.serving),
    nextId: 1,
  };
  const pinned = new Set(history.length > 0 ? [contract.entity, contract.timestamp] : []);
  const now = options.now ?? (() => performance.now());
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  let steps = 0;
  let timedOut = false;
  const budgetLeft = (): boolean => {
    if (steps >= maxSteps) return false;
    if (now() >= deadline) timedOut = true;
    return !timedOut;
  };
  const tryInput = async (input: unknown): Promise<TryResult> => {
    steps++;
    const changed = input as Record<string, unknown>;
    // The logged text stands for the logged input only: a reduced input is encoded from its value.
    const { inputText, ...logged } = record;
    // The entity of the changed input, unless the history pins it (or the log, not the input, holds it).
    const entity =
      history.length > 0 || contract.entity === undefined ? record.entity : entityKeyOf(changed[contract.entity]);
    const last: SideRecord = {
      ...logged,
      inputText: changed === record.input && inputText !== undefined ? inputText : encodeInput(contract.input, changed),
      input: changed,
      ...(entity === undefined ? {} : { entity }),
      timestamp:
        history.length > 0 || contract.timestamp === undefined
          ? record.timestamp
          : timestampMs(changed[contract.timestamp]),
    };
    const batch = [...history, last].map((r) => ({ ...r, id: String(runner.nextId++) }));
    const observed = await runBatch(
      runner,
      batch,
      batch.map((_, i) => i),
      history.length,
    );
    if (observed.some((o) => sameClass(o, divergence))) return 'kept';
    // A side failing on the simpler input says the side does not accept it (an unknown time zone, say), not that
    // the divergence needs the original value.
    return divergence.kind !== 'error' && observed.some((o) => o.kind === 'error') ? 'refused' : 'lost';
  };
  let current: unknown = record.input;
  const matter = new Set<string>();
  try {
    const reproduced = (await tryInput(current)) === 'kept';
    if (!reproduced)
      return {
        original: record.input,
        minimal: record.input,
        changedFields: [],
        fieldsThatMatter: [],
        steps,
        reproduced,
      };
    for (let changed = true; changed && budgetLeft(); ) {
      changed = false;
      matter.clear();
      for (const path of nodePaths(current)) {
        if (pinned.has(String(path[0])) || !budgetLeft()) continue;
        const result = await simplifyAt(current, path, schema, tryInput, budgetLeft);
        if (result.value !== current) changed = true;
        current = result.value;
        if (result.lost) matter.add(dotted(path));
      }
    }
  } finally {
    await Promise.all([runner.training.close(), runner.serving.close()]);
  }
  const changedFields = diffPaths(record.input, current);
  const fieldsThatMatter = [...matter].filter((p) => getAt(current, p.split('.')) !== ABSENT);
  return {
    original: record.input,
    minimal: current,
    changedFields,
    fieldsThatMatter,
    steps,
    reproduced: true,
    ...(timedOut ? { cutShort: 'time' as const } : {}),
  };
}

/** What one try of a simpler input showed: the class kept, the class gone, or a side that failed on the input. */
type TryResult = 'kept' | 'lost' | 'refused';

/**
 * Tries the alternatives of one node, restarting from each accepted one; `lost` when a legal alternative that both
 * sides accept lost the class.
 */
async function simplifyAt(
  input: unknown,
  path: InputPath,
  schema: z.ZodType,
  tryInput: (input: unknown) => Promise<TryResult>,
  budgetLeft: () => boolean,
): Promise<{ value: unknown; lost: boolean }> {
  let current = input;
  let lost = false;
  for (let accepted = true; accepted; ) {
    accepted = false;
    lost = false;
    const node = getAt(current, path);
    for (const alternative of alternatives(node)) {
      if (!simpler(alternative, node)) continue;
      const next = setAt(current, path, alternative);
      if (!validateInput(schema, next).success) continue;
      if (!budgetLeft()) return { value: current, lost };
      const result = await tryInput(next);
      if (result === 'kept') {
        current = next;
        accepted = true;
        break;
      }
      if (result === 'lost') lost = true;
    }
  }
  return { value: current, lost };
}
