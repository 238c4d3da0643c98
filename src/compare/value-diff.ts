import { type FeatureSpec, type FloatTolerance, type NanPolicy, nanPolicyOf } from '../contract/feature-spec.ts';
import { deltaBucket, errors, magnitude, withinTolerance } from './numbers.ts';

/** Why two normalised values differ beyond tolerance, with the shape of the cause and errors for numbers. */
export interface ValueDiff {
  readonly detail: string;
  readonly cause: string;
  readonly absError?: number;
  readonly relError?: number;
}

function intDiff(t: number | bigint, s: number | bigint): ValueDiff | undefined {
  if (typeof t === 'number' && typeof s === 'number') {
    if (t === s) return undefined;
    const delta = s - t;
    return { detail: `serving − training = ${delta}`, cause: deltaBucket(BigInt(delta)), ...errors(t, s) };
  }
  const delta = BigInt(s) - BigInt(t);
  if (delta === 0n) return undefined;
  return { detail: `serving − training = ${delta}`, cause: deltaBucket(delta), ...errors(Number(t), Number(s)) };
}

function floatDiff(t: number, s: number, tolerance: FloatTolerance | undefined, nan: NanPolicy): ValueDiff | undefined {
  if (Number.isNaN(t) || Number.isNaN(s)) {
    if (Number.isNaN(t) && Number.isNaN(s)) {
      // Both NaN: under `forbid` the contract check reports it; under `equal` they agree.
      return nan === 'diverge' ? { detail: 'both are NaN (nan policy "diverge")', cause: 'both NaN' } : undefined;
    }
    const side = Number.isNaN(t) ? 'training' : 'serving';
    return { detail: `${side} is NaN${nan === 'forbid' ? ' (NaN not allowed)' : ''}`, cause: `${side} NaN` };
  }
  if (withinTolerance(t, s, tolerance)) return undefined;
  if (!Number.isFinite(t) || !Number.isFinite(s)) return { detail: `${t} vs ${s}`, cause: 'non-finite' };
  const { absError, relError } = errors(t, s);
  const bound = `abs ${tolerance?.abs ?? 0} ${tolerance?.rule === 'isclose' ? 'or' : '+'} rel ${tolerance?.rel ?? 0}`;
  const direction = s > t ? 'serving higher' : 'serving lower';
  return {
    detail: `|Δ| = ${absError} (rel ${relError.toPrecision(3)}) > ${bound}`,
    cause: direction,
    absError,
    relError,
  };
}

function codePointDiff(t: string, s: string): ValueDiff {
  const a = Array.from(t);
  const b = Array.from(s);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const at = (cp: string | undefined): string =>
    cp === undefined ? 'end' : `U+${(cp.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const detail = `first difference at code point ${i}: ${at(a[i])} vs ${at(b[i])}`;
  let cause = 'different text';
  if (t.normalize('NFC') === s.normalize('NFC')) cause = 'Unicode normalisation';
  else if (t.toLowerCase() === s.toLowerCase()) cause = 'letter case';
  else if (t.trim() === s.trim()) cause = 'leading/trailing whitespace';
  else if (t.replace(/\s+/gu, ' ') === s.replace(/\s+/gu, ' ')) cause = 'inner whitespace';
  else if (t.startsWith(s) || s.startsWith(t)) cause = 'one is a prefix of the other';
  return { detail, cause };
}

function timestampDiff(t: number, s: number, toleranceMs: number): ValueDiff | undefined {
  const delta = s - t;
  if (Math.abs(delta) <= toleranceMs) return undefined;
  const hours = delta / 3_600_000;
  let cause = `Δ ~${magnitude(delta)} ms`;
  if (Number.isInteger(hours)) cause = `Δ=${hours > 0 ? '+' : ''}${hours}h (time zone?)`;
  else if (t !== 0 && Math.abs(s / t - 1000) < 1) cause = 'serving in ms, training in s';
  else if (s !== 0 && Math.abs(t / s - 1000) < 1) cause = 'training in ms, serving in s';
  return { detail: `serving − training = ${delta} ms (tolerance ${toleranceMs} ms)`, cause, absError: Math.abs(delta) };
}

function vectorDiff(
  t: readonly number[],
  s: readonly number[],
  spec: Extract<FeatureSpec, { type: 'vector' }>,
): ValueDiff | undefined {
  if (t.length !== s.length) {
    // Only a vector without a declared length gets here: with one, a wrong length is a type divergence.
    return { detail: `training has ${t.length} elements, serving ${s.length}`, cause: 'vector length mismatch' };
  }
  const tolerance = spec.tolerance;
  if (tolerance?.mode === 'cosine') {
    let dot = 0;
    let nt = 0;
    let ns = 0;
    for (let i = 0; i < t.length; i++) {
      const a = t[i] as number;
      const b = s[i] as number;
      dot += a * b;
      nt += a * a;
      ns += b * b;
    }
    const similarity = nt === 0 && ns === 0 ? 1 : dot / Math.sqrt(nt * ns);
    if (similarity >= tolerance.minSimilarity) return undefined;
    return {
      detail: `cosine similarity ${similarity.toPrecision(6)} < ${tolerance.minSimilarity}`,
      cause: 'cosine below minimum',
      relError: 1 - similarity,
    };
  }
  let worst = -1;
  let worstAbs = 0;
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as number;
    const b = s[i] as number;
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (!withinTolerance(a, b, tolerance) && (worst < 0 || Math.abs(a - b) > worstAbs)) {
      worst = i;
      worstAbs = Math.abs(a - b);
    }
  }
  if (worst < 0) return undefined;
  return {
    detail: `element ${worst}: ${t[worst]} vs ${s[worst]}`,
    cause: 'element beyond tolerance',
    absError: worstAbs,
  };
}

/** Compares two normalised non-null values of one feature; undefined when they agree within tolerance. */
/** A value as a class's cause names it: a long one (a category value gone wrong can be megabytes) cut to its start. */
function short(value: unknown): string {
  const text = String(value);
  return text.length <= 80 ? text : `${text.slice(0, 80)}…(${text.length} chars)`;
}

export function diffValues(spec: FeatureSpec, t: unknown, s: unknown, nan?: NanPolicy): ValueDiff | undefined {
  switch (spec.type) {
    case 'int':
      return intDiff(t as number | bigint, s as number | bigint);
    case 'float':
      return floatDiff(t as number, s as number, spec.tolerance, nanPolicyOf(spec, nan));
    case 'bool':
    case 'category':
      return t === s
        ? undefined
        : { detail: `${String(t)} vs ${String(s)}`, cause: `training=${short(t)} serving=${short(s)}` };
    case 'string':
      return t === s ? undefined : codePointDiff(t as string, s as string);
    case 'timestamp':
      return timestampDiff(t as number, s as number, spec.tolerance?.ms ?? 0);
    case 'vector':
      return vectorDiff(t as number[], s as number[], spec);
  }
}
