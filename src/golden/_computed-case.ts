import type { Contract } from '../contract/contract.ts';
import type { SideOutcome } from '../implementations/side.ts';
import { changesOf, same } from './_compare-golden.ts';
import { type GoldenCase, type GoldenFeatures, goldenEvents, verbatimInputText } from './golden-file.ts';
import type { GoldenCaseSpec, GoldenChange, GoldenSideError } from './golden-result.ts';

/**
 * One case and what each side computed for it, one outcome per event (a record case has one), in the order of the
 * case's events; `invalid` when its input no longer fits the contract.
 * @public
 */
export interface ComputedCase extends GoldenCaseSpec {
  readonly invalid?: string;
  readonly training?: readonly SideOutcome[];
  readonly serving?: readonly SideOutcome[];
}

type Features = GoldenFeatures;

/** A side's features per event, or undefined when it failed on one (or computed nothing). @internal */
export function featuresOf(outcomes: readonly SideOutcome[] | undefined): Features[] | undefined {
  if (outcomes === undefined || outcomes.length === 0) return undefined;
  const out: Features[] = [];
  for (const o of outcomes) {
    if (!('features' in o)) return undefined;
    out.push(o.features);
  }
  return out;
}

/** The first event each side failed on. @internal */
export function failuresOf(c: ComputedCase): GoldenSideError[] {
  const out: GoldenSideError[] = [];
  for (const side of ['training', 'serving'] as const) {
    const outcomes = c[side] ?? [];
    const event = outcomes.findIndex((o) => 'error' in o);
    const failed = outcomes[event];
    if (failed === undefined || !('error' in failed)) continue;
    out.push({ case: c.name, side, message: failed.error, ...(c.shape === 'history' ? { event } : {}) });
  }
  return out;
}

/** A stored case with each side's features per event, in the case's shape. @internal */
export function withEvents(c: GoldenCase, training: readonly Features[], serving: readonly Features[]): GoldenCase {
  return c.shape === 'history'
    ? { ...c, training, serving }
    : { ...c, training: training[0] ?? {}, serving: serving[0] ?? {} };
}

/**
 * A case to store: `kept` is the stored case whose input text stays (the input did not move), else the text is the
 * spec's own when it can be kept verbatim. @internal
 */
export function recorded(
  c: ComputedCase,
  training: readonly Features[],
  serving: readonly Features[],
  kept?: GoldenCase,
): GoldenCase {
  const inputText = kept === undefined ? verbatimInputText(c.inputText, c.input) : kept.inputText;
  const base = {
    name: c.name,
    ...(c.source === undefined || c.source === 'config' ? {} : { source: c.source }),
    input: c.input,
    ...(inputText === undefined ? {} : { inputText }),
  };
  return c.shape === 'history'
    ? { ...base, shape: 'history', training, serving }
    : { ...base, training: training[0] ?? {}, serving: serving[0] ?? {} };
}

/** What {@link caseChangesOf} finds: the changes, whether the input moved, the stored features per event. @internal */
export interface CaseChanges {
  readonly changes: GoldenChange[];
  readonly inputMoved: boolean;
  readonly oldT: readonly Features[];
  readonly oldS: readonly Features[];
}

/** The changes of a case, event by event (events only when it is a history), and whether its input moved. @internal */
export function caseChangesOf(
  contract: Contract,
  c: ComputedCase,
  old: GoldenCase,
  t: readonly Features[],
  s: readonly Features[],
): CaseChanges {
  const history = c.shape === 'history';
  const oldT = goldenEvents(old, 'training');
  const oldS = goldenEvents(old, 'serving');
  const inputMoved = !same(old.input, c.input) || (old.shape === 'history') !== history;
  const found = t.flatMap((training, i) => {
    const stored = { training: oldT[i], serving: oldS[i] };
    const serving = s[i];
    if (stored.training === undefined || stored.serving === undefined || serving === undefined) return [];
    const f = { stored: { training: stored.training, serving: stored.serving }, now: { training, serving } };
    return changesOf(contract, c.name, f, history ? i : undefined);
  });
  const input = (x: GoldenChange) => (x.event === undefined ? c.input : (c.input as unknown[])[x.event]);
  const changes: GoldenChange[] = found.map((x) => ({ ...x, input: input(x) }));
  if (inputMoved) changes.push({ case: c.name, feature: '(input)', side: 'both', sameWay: false, input: c.input });
  return { changes, inputMoved, oldT, oldS };
}
