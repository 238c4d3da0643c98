import type { Contract } from '../contract/contract.ts';
import { categoryAllows, type FeatureSpec, type NanPolicy } from '../contract/feature-spec.ts';
import { contractViolation } from './contract-check.ts';
import type { Divergence, SideName } from './divergence.ts';
import { normalizeValue } from './normalize.ts';
import { diffValues } from './value-diff.ts';

/** Called once per feature that both sides produced as comparable non-null values (for error statistics). */
export type PairObserver = (featureIndex: number, training: unknown, serving: unknown) => void;

/** Compares the feature records two sides produced for one input. */
export type RecordComparator = (
  training: Readonly<Record<string, unknown>>,
  serving: Readonly<Record<string, unknown>>,
  observe?: PairObserver,
) => Divergence[];

type Values = { training: unknown; serving: unknown };

function nullFault(v: Values, spec: FeatureSpec, feature: string): Divergence | undefined {
  const tNull = v.training === null;
  const sNull = v.serving === null;
  if (tNull !== sNull) {
    const side: SideName = tNull ? 'training' : 'serving';
    return {
      kind: 'null_mismatch',
      feature,
      ...v,
      side,
      detail: `${side} is null, the other is not`,
      cause: `${side} null`,
    };
  }
  if (tNull && !spec.nullable) {
    return {
      kind: 'contract',
      feature,
      ...v,
      side: 'both',
      detail: 'null but the feature is not nullable',
      cause: 'null, not nullable',
    };
  }
  return undefined;
}

/** For identical primitive values: true when the value has the feature's type and keeps the contract. @internal */
export function identicalIsFine(spec: FeatureSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'int':
      return (
        typeof value === 'number' &&
        Number.isSafeInteger(value) &&
        (spec.range === undefined || contractViolation(spec, value) === undefined)
      );
    case 'float':
      return typeof value === 'number' && (spec.range === undefined || contractViolation(spec, value) === undefined);
    case 'bool':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && (spec.allowed === undefined || spec.allowed.includes(value));
    case 'category': {
      const ofKind = spec.kind === 'index' ? Number.isInteger(value) : typeof value === 'string';
      return ofKind && categoryAllows(spec, value as string | number);
    }
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return false;
  }
}

/** `identicalIsFine` for one feature, specialised once per contract for the common types (the same answers). */
function identicalCheckOf(spec: FeatureSpec): (value: unknown) => boolean {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const min = spec.range?.min;
      const max = spec.range?.max;
      const integer = spec.type === 'int';
      return (v) => {
        if (typeof v !== 'number' || (integer && !Number.isSafeInteger(v))) return false;
        // NaN (a float's NaN rule) is left to the general check
        if (Number.isNaN(v)) return identicalIsFine(spec, v);
        return !(min !== undefined && v < min) && !(max !== undefined && v > max);
      };
    }
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'timestamp':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    default:
      return (v) => identicalIsFine(spec, v);
  }
}

function compareFeature(
  spec: FeatureSpec,
  feature: string,
  index: number,
  v: Values,
  nan: NanPolicy | undefined,
  observe?: PairObserver,
): Divergence | undefined {
  const tMissing = v.training === undefined;
  const sMissing = v.serving === undefined;
  if (tMissing || sMissing) {
    const side = tMissing && sMissing ? 'both' : tMissing ? 'training' : 'serving';
    return { kind: 'missing', feature, ...v, side, detail: `feature absent on ${side}`, cause: `absent on ${side}` };
  }
  const byNull = nullFault(v, spec, feature);
  if (byNull !== undefined || v.training === null) return byNull;
  const t = normalizeValue(spec, v.training);
  const s = normalizeValue(spec, v.serving);
  if (!t.ok || !s.ok) {
    const side = !t.ok && !s.ok ? 'both' : !t.ok ? 'training' : 'serving';
    const reason = (!t.ok ? t.reason : !s.ok ? s.reason : '') as string;
    return {
      kind: 'type',
      feature,
      ...v,
      side,
      detail: `${side}: ${reason}`,
      cause: `${side} ${reason.replace(/-?\d+(\.\d+)?/g, '#')}`,
    };
  }
  observe?.(index, t.value, s.value);
  const diff = diffValues(spec, t.value, s.value, nan);
  if (diff !== undefined) return { kind: 'value', feature, ...v, ...diff };
  const tBroken = contractViolation(spec, t.value, nan);
  const sBroken = contractViolation(spec, s.value, nan);
  if (tBroken === undefined && sBroken === undefined) return undefined;
  const side = tBroken !== undefined && sBroken !== undefined ? 'both' : tBroken !== undefined ? 'training' : 'serving';
  const broken = (tBroken ?? sBroken) as string;
  return {
    kind: 'contract',
    feature,
    ...v,
    side,
    detail: `${side}: ${broken}`,
    cause: `${side} ${broken.replace(/-?\d+(\.\d+)?/g, '#')}`,
  };
}

function unexpectedKeys(
  record: Readonly<Record<string, unknown>>,
  specs: Contract['features'],
  side: SideName,
  out: Divergence[],
): void {
  for (const key in record) {
    if (Object.hasOwn(specs, key)) continue;
    const value = record[key];
    out.push({
      kind: 'unexpected',
      feature: key,
      training: side === 'training' ? value : undefined,
      serving: side === 'serving' ? value : undefined,
      side,
      detail: `"${key}" is not a feature of the contract`,
      cause: `extra key on ${side}`,
    });
  }
}

const cache = new WeakMap<Contract, RecordComparator>();

/**
 * Compiles (once per contract) the comparison of two feature records by the contract: exact integers, floats by
 * tolerance, timestamps as epoch ms, strings by code points, and the contract's range, vocabulary and nullability.
 * @public
 */
export function compileComparator(contract: Contract): RecordComparator {
  const cached = cache.get(contract);
  if (cached !== undefined) return cached;
  const names = contract.featureNames;
  const specs = names.map((name) => contract.features[name] as FeatureSpec);
  const identicalFine = specs.map(identicalCheckOf);
  const slow: SlowPath = (i, t, s, observe) =>
    compareFeature(specs[i] as FeatureSpec, names[i] as string, i, { training: t, serving: s }, contract.nan, observe);
  const features = featureLoop(names) ?? dynamicLoop(names);
  const comparator: RecordComparator = (training, serving, observe) => {
    const out: Divergence[] = [];
    features(training, serving, observe, identicalFine, slow, out);
    const anyMissing = out.some((d) => d.kind === 'missing');
    if (anyMissing || Object.keys(training).length !== names.length || Object.keys(serving).length !== names.length) {
      unexpectedKeys(training, contract.features, 'training', out);
      unexpectedKeys(serving, contract.features, 'serving', out);
    }
    return out;
  };
  cache.set(contract, comparator);
  return comparator;
}

/** A feature that is not the same valid primitive on both sides: compared in full. */
type SlowPath = (i: number, t: unknown, s: unknown, observe: PairObserver | undefined) => Divergence | undefined;

/** Compares every feature of two records in contract order, pushing each divergence onto `out`. */
type FeatureLoop = (
  training: Readonly<Record<string, unknown>>,
  serving: Readonly<Record<string, unknown>>,
  observe: PairObserver | undefined,
  identicalFine: readonly ((v: unknown) => boolean)[],
  slow: SlowPath,
  out: Divergence[],
) => void;

/** The feature loop reading each feature by a name known at run time. */
function dynamicLoop(names: readonly string[]): FeatureLoop {
  return (training, serving, observe, identicalFine, slow, out) => {
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const t = training[name];
      const s = serving[name];
      // Fast path: the same primitive on both sides needs only the type and contract checks.
      if (
        t === s &&
        t !== undefined &&
        t !== null &&
        typeof t !== 'object' &&
        (identicalFine[i] as (v: unknown) => boolean)(t)
      ) {
        observe?.(i, t, s);
        continue;
      }
      const d = slow(i, t, s, observe);
      if (d !== undefined) out.push(d);
    }
  };
}

/**
 * The same loop unrolled, each feature read by its name written in the code (`training["log_amount"]`): a load by a
 * name that changes at every step of a loop is several times slower than one by a fixed name, and it was most of a
 * comparison's cost. Undefined where code cannot be generated (then the dynamic loop serves).
 */
function featureLoop(names: readonly string[]): FeatureLoop | undefined {
  const steps = names.map((name, i) => {
    const key = JSON.stringify(name);
    return `t = training[${key}]; s = serving[${key}];
if (t === s && t !== undefined && t !== null && typeof t !== 'object' && identicalFine[${i}](t)) observe?.(${i}, t, s);
else if ((d = slow(${i}, t, s, observe)) !== undefined) out.push(d);`;
  });
  try {
    return new Function(
      'training',
      'serving',
      'observe',
      'identicalFine',
      'slow',
      'out',
      `let t, s, d;\n${steps.join('\n')}`,
    ) as FeatureLoop;
  } catch {
    return undefined; // code generation disallowed (--disallow-code-generation-from-strings, a CSP)
  }
}
