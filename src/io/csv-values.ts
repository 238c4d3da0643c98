import type * as core from 'zod/v4/core';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { asFloatText } from '../codec/lossless-stringify.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';

/** How the text of a CSV cell becomes a JSON value. `auto`: a number when it reads as one, else the text. */
export interface CellType {
  readonly kind: 'int' | 'float' | 'bool' | 'string' | 'json' | 'auto';
  readonly nullable: boolean;
  readonly optional: boolean;
}

export const AUTO_CELL: CellType = { kind: 'auto', nullable: true, optional: true };

const KIND_OF_DEF: Readonly<Record<string, CellType['kind']>> = {
  bigint: 'int',
  boolean: 'bool',
  string: 'string',
  enum: 'string',
  array: 'json',
  object: 'json',
  record: 'json',
  tuple: 'json',
};

/** The cell type of a field of the contract's input, from its zod schema. */
export function cellTypeOfSchema(schema: core.$ZodType): CellType {
  let s = schema;
  let nullable = false;
  let optional = false;
  for (;;) {
    const type = s._zod.def.type;
    if (type === 'nullable') nullable = true;
    else if (type === 'optional' || type === 'default' || type === 'prefault') optional = true;
    else if (!['readonly', 'catch', 'nonoptional'].includes(type)) break;
    s = (s._zod.def as unknown as { innerType: core.$ZodType }).innerType;
  }
  const def = s._zod.def as unknown as {
    type: string;
    checks?: { _zod: { def: { check: string; format?: string } } }[];
  };
  if (def.type === 'number') {
    const int = (def.checks ?? []).some(
      (c) => c._zod.def.check === 'number_format' && /int/.test(c._zod.def.format ?? ''),
    );
    return { kind: int ? 'int' : 'float', nullable, optional };
  }
  return { kind: KIND_OF_DEF[def.type] ?? 'auto', nullable, optional };
}

const KIND_OF_FEATURE: Readonly<Record<FeatureSpec['type'], CellType['kind']>> = {
  int: 'int',
  float: 'float',
  bool: 'bool',
  string: 'string',
  category: 'string',
  timestamp: 'auto',
  vector: 'json',
};

/** The cell type of a served feature, from its spec. */
export function cellTypeOfFeature(spec: FeatureSpec): CellType {
  const kind = spec.type === 'category' && spec.kind === 'index' ? 'int' : KIND_OF_FEATURE[spec.type];
  return { kind, nullable: spec.nullable === true, optional: true };
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** What `auto` reads as a number: JSON's number syntax (so an id `007` stays text). */
const JSON_INTEGER = /^-?(0|[1-9]\d*)$/;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const NON_FINITE: Readonly<Record<string, number>> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

function integer(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function float(text: string): unknown {
  const lower = text.toLowerCase();
  if (Object.hasOwn(NON_FINITE, lower)) return NON_FINITE[lower];
  if (!DECIMAL.test(text)) return text;
  const n = Number(text);
  return Number.isInteger(n) && !Object.is(n, -0) && Math.abs(n) < 1e21 ? asFloatText(n) : n;
}

/**
 * A cell's value in the JSON record, typed as its field is: a numeric field's `12.5` becomes 12.5 (a whole number in
 * a float field is written `20.0`), `true`/`false`/`1`/`0` a boolean, a list or object field's cell is parsed as
 * JSON. Text that does not read as its type stays text, so the contract's schema reports the row as invalid with the
 * field and what it expected. An empty cell is `null` in a nullable field, left out of an optional one, `""` in a
 * string field, and otherwise `null` (which the schema then rejects). `undefined` leaves the key out.
 */
export function cellValue(text: string, type: CellType): unknown {
  if (text === '') {
    if (type.nullable) return null;
    if (type.optional) return undefined;
    return type.kind === 'string' ? '' : null;
  }
  switch (type.kind) {
    case 'string':
      return text;
    case 'int':
      return INTEGER.test(text) ? integer(text) : DECIMAL.test(text) ? Number(text) : text;
    case 'float':
      return float(text);
    case 'bool': {
      const lower = text.toLowerCase();
      return lower === 'true' || lower === '1' ? true : lower === 'false' || lower === '0' ? false : text;
    }
    case 'json':
      try {
        return parseLosslessJson(text);
      } catch {
        return text;
      }
    default:
      return JSON_INTEGER.test(text) ? integer(text) : JSON_NUMBER.test(text) ? Number(text) : text;
  }
}
