import type { FeatureSpec } from '../contract/feature-spec.ts';

/** A side's value brought to the form it is compared in, or the reason it has the wrong type. */
export type Normalized = { ok: true; value: unknown } | { ok: false; reason: string };

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'number' && !Number.isInteger(value)) return `non-integer number ${value}`;
  return typeof value;
}

function wrong(expected: string, value: unknown): Normalized {
  return { ok: false, reason: `expected ${expected}, got ${describe(value)}` };
}

function normalizeInt(value: unknown): Normalized {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return wrong('int', value);
    return { ok: true, value: Number.isSafeInteger(value) ? value + 0 : BigInt(value) };
  }
  if (typeof value === 'bigint') {
    const asNumber = Number(value);
    return { ok: true, value: Number.isSafeInteger(asNumber) ? asNumber : value };
  }
  return wrong('int', value);
}

function normalizeTimestamp(value: unknown): Normalized {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? wrong('timestamp', 'invalid Date') : { ok: true, value: ms };
  }
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : wrong('timestamp', value);
  if (typeof value === 'bigint') return { ok: true, value: Number(value) };
  if (typeof value === 'string') {
    if (NAIVE_ISO.test(value)) return { ok: false, reason: `timestamp "${value}" has no time zone (ambiguous)` };
    const ms = Date.parse(value);
    return Number.isNaN(ms)
      ? { ok: false, reason: `"${value}" is not an ISO 8601 timestamp` }
      : { ok: true, value: ms };
  }
  return wrong('timestamp (epoch ms, ISO 8601 string or Date)', value);
}

function normalizeVector(value: unknown, length: number | undefined): Normalized {
  if (!Array.isArray(value))
    return wrong(length === undefined ? 'vector of numbers' : `vector of ${length} numbers`, value);
  if (length !== undefined && value.length !== length) {
    return { ok: false, reason: `vector has ${value.length} elements, expected ${length}` };
  }
  for (const element of value) if (typeof element !== 'number') return wrong('vector of numbers', element);
  return { ok: true, value };
}

/**
 * Brings one side's non-null value to the comparable form of its feature type (timestamps to epoch ms,
 * integers to number or exact bigint), or says why its type is wrong.
 */
export function normalizeValue(spec: FeatureSpec, value: unknown): Normalized {
  switch (spec.type) {
    case 'int':
      return normalizeInt(value);
    case 'float':
      if (typeof value === 'bigint') return { ok: true, value: Number(value) };
      return typeof value === 'number' ? { ok: true, value: value + 0 } : wrong('float', value);
    case 'bool':
      return typeof value === 'boolean' ? { ok: true, value } : wrong('bool', value);
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : wrong('string', value);
    case 'category':
      if (spec.kind !== 'index') return typeof value === 'string' ? { ok: true, value } : wrong('string', value);
      if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return { ok: true, value: Number(value) };
      return typeof value === 'number' && Number.isInteger(value)
        ? { ok: true, value: value + 0 }
        : wrong('integer category index', value);
    case 'timestamp':
      return normalizeTimestamp(value);
    case 'vector':
      return normalizeVector(value, spec.length);
  }
}
