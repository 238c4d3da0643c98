import type * as core from 'zod/v4/core';
import { util } from 'zod/v4/core';

/**
 * A plain-JavaScript check of the common zod schema shapes (objects of strings, numbers, booleans, enums, literals,
 * arrays, optional and nullable fields, with zod's own length, bound, integer and format checks), for the hot path
 * that validates every logged input. It only ever answers "valid": `true` means zod's `safeParse` succeeds on the
 * value; `false` means "ask zod" (the value may be invalid, or hold something the check does not judge, such as a
 * `bigint`). So zod still writes every message, and a schema the check does not understand is left to zod whole.
 */
type Check = (value: unknown) => boolean;

const ALWAYS: Check = () => true;

/** Check kinds whose `_zod.check` only reads the value (run here as zod runs them, on a payload of their own). */
const PURE_CHECKS = new Set([
  'less_than',
  'greater_than',
  'multiple_of',
  'number_format',
  'min_length',
  'max_length',
  'length_equals',
  'string_format',
]);

type Def = Record<string, unknown> & { readonly type: string; readonly checks?: readonly core.$ZodCheck[] };

const defOf = (schema: core.$ZodType): Def => schema._zod.def as unknown as Def;

/** String formats whose zod check is its pattern alone (others, such as `url` or `ipv6`, run code of their own). */
const PATTERN_FORMATS = new Set([
  'guid',
  'uuid',
  'email',
  'emoji',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv4',
  'regex',
  'lowercase',
  'uppercase',
]);

type CheckDef = {
  readonly check: string;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly pattern?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
};

const RANGES = util.NUMBER_FORMAT_RANGES as Record<string, readonly [number, number] | undefined>;

/**
 * The common checks written out as zod's code does them (its length checks count code points), so the hot path
 * allocates nothing; undefined for any other check.
 */
function inlineCheck(def: CheckDef): Check | undefined {
  const { value, inclusive } = def;
  switch (def.check) {
    case 'less_than':
      if (typeof value !== 'number') return undefined;
      return inclusive ? (v) => (v as number) <= value : (v) => (v as number) < value;
    case 'greater_than':
      if (typeof value !== 'number') return undefined;
      return inclusive ? (v) => (v as number) >= value : (v) => (v as number) > value;
    case 'number_format': {
      const range = RANGES[def.format ?? 'float64'];
      if (range === undefined) return undefined;
      const [min, max] = range;
      return def.format?.includes('int') === true
        ? (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
        : (v) => (v as number) >= min && (v as number) <= max;
    }
    case 'min_length': {
      const min = def.minimum as number;
      return (v) => {
        const units = (v as { length: number }).length;
        if (!(units >= min)) return false;
        return typeof v !== 'string' || units >= min * 2 || util.codePointLength(v) >= min;
      };
    }
    case 'max_length': {
      const max = def.maximum as number;
      return (v) => {
        const units = (v as { length: number }).length;
        if (units <= max) return true;
        return typeof v === 'string' && util.codePointLength(v) <= max;
      };
    }
    case 'string_format': {
      const pattern = def.pattern;
      if (!(pattern instanceof RegExp) || !PATTERN_FORMATS.has(def.format ?? '')) return undefined;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      };
    }
    default:
      return undefined;
  }
}

/** A check run by zod's own code, on a payload of its own. */
function zodCheck(check: core.$ZodCheck): Check {
  const run = check._zod.check as (payload: core.ParsePayload) => void;
  return (value) => {
    const payload = { value, issues: [] as unknown[] } as unknown as core.ParsePayload;
    run(payload);
    return payload.issues.length === 0;
  };
}

/** The schema's checks (a format schema is itself one of them), or undefined when one is not a pure check. */
function checksOf(schema: core.$ZodType): Check | undefined {
  const own = schema._zod.traits.has('$ZodCheck') ? [schema as unknown as core.$ZodCheck] : [];
  const all = [...own, ...(defOf(schema).checks ?? [])];
  if (!all.every((c) => PURE_CHECKS.has((c._zod.def as CheckDef).check))) return undefined;
  // Every check runs (zod may skip one by its `when`, never add one): passing them all is passing zod's.
  const run = all.map((c) => inlineCheck(c._zod.def as CheckDef) ?? zodCheck(c));
  if (run.length === 0) return ALWAYS;
  if (run.length === 1) return run[0];
  return (value) => {
    for (const check of run) if (!check(value)) return false;
    return true;
  };
}

/** The parse step alone (the type), or undefined for a schema kind the check does not understand. */
function typeCheckOf(schema: core.$ZodType, depth: number): Check | undefined {
  const def = defOf(schema);
  if (def.coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'any':
    case 'unknown':
      return () => true;
    case 'enum':
    case 'literal': {
      const values = schema._zod.values;
      return values === undefined ? undefined : (v) => values.has(v as never);
    }
    case 'nullable': {
      const inner = compile(def.innerType as core.$ZodType, depth + 1);
      return inner === undefined ? undefined : (v) => v === null || inner(v);
    }
    case 'optional': {
      const inner = def.innerType as core.$ZodType;
      if (inner._zod.optin === 'defaulted') return undefined;
      const check = compile(inner, depth + 1);
      return check === undefined ? undefined : (v) => v !== undefined && check(v); // undefined: let zod say
    }
    case 'array': {
      const element = compile(def.element as core.$ZodType, depth + 1);
      if (element === undefined) return undefined;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false; // a hole is undefined, as zod reads it
        return true;
      };
    }
    case 'object':
      return objectCheckOf(def, depth);
    default:
      return undefined;
  }
}

/** An object's fields (each present, or absent where the field is optional), and its policy for other keys. */
function objectCheckOf(def: Def, depth: number): Check | undefined {
  const shape = def.shape as Record<string, core.$ZodType>;
  const keys = Object.keys(shape);
  if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  const fields: Field[] = [];
  for (const key of keys) {
    const field = shape[key] as core.$ZodType;
    const check = compile(field, depth + 1);
    if (check === undefined) return undefined;
    // Absent is fine only for a plain optional field (zod's `optin`/`optout` both "optional").
    const optional = field._zod.optin === 'optional' && field._zod.optout === 'optional';
    fields.push({ key, check, optional });
  }
  const catchall = (def.catchall as core.$ZodType | undefined)?._zod.def.type;
  if (catchall !== undefined && catchall !== 'never' && catchall !== 'unknown' && catchall !== 'any') return undefined;
  const known = new Set(keys);
  const strict = catchall === 'never';
  const fieldsOk = generatedFields(fields) ?? loopedFields(fields);
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const record = v as Record<string, unknown>;
    if (!fieldsOk(record, fields)) return false;
    if (strict) for (const key in record) if (!known.has(key)) return false;
    return true;
  };
}

interface Field {
  readonly key: string;
  readonly check: Check;
  readonly optional: boolean;
}

type FieldsCheck = (record: Record<string, unknown>, fields: readonly Field[]) => boolean;

/** The fields checked in a loop, each read by a name known at run time. */
function loopedFields(fields: readonly Field[]): FieldsCheck {
  return (record) => {
    for (const { key, check, optional } of fields) {
      if (!(key in record)) {
        if (optional) continue;
        return false;
      }
      if (!check(record[key])) return false;
    }
    return true;
  };
}

/**
 * The same checks unrolled, each field read by its name written in the code (a load by a name that changes at every
 * step of a loop costs several times more); undefined where code cannot be generated.
 */
function generatedFields(fields: readonly Field[]): FieldsCheck | undefined {
  const steps = fields.map(({ key, optional }, i) => {
    const name = JSON.stringify(key);
    const absent = optional ? '' : 'return false;';
    return `x = record[${name}];
if (x === undefined && !(${name} in record)) { ${absent} } else if (!fields[${i}].check(x)) return false;`;
  });
  try {
    return new Function('record', 'fields', `let x;\n${steps.join('\n')}\nreturn true;`) as FieldsCheck;
  } catch {
    return undefined; // code generation disallowed (--disallow-code-generation-from-strings, a CSP)
  }
}

const MAX_DEPTH = 32;

function compile(schema: core.$ZodType, depth: number): Check | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const type = typeCheckOf(schema, depth);
  const checks = checksOf(schema);
  if (type === undefined || checks === undefined) return undefined;
  if (checks === ALWAYS) return type;
  // The common leaves in one closure (a call fewer per field)
  switch (defOf(schema).type) {
    case 'string':
      return (v) => typeof v === 'string' && checks(v);
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v) && checks(v);
    default:
      return (v) => type(v) && checks(v);
  }
}

const cache = new WeakMap<core.$ZodType, Check | null>();

/**
 * The compiled check of a schema (once per schema), or undefined when the schema has a part it does not understand
 * (transforms, refinements, unions, defaults, …: zod alone judges those).
 * @internal
 */
export function compiledValidator(schema: core.$ZodType): Check | undefined {
  let compiled = cache.get(schema);
  if (compiled === undefined) {
    compiled = compile(schema, 0) ?? null;
    cache.set(schema, compiled);
  }
  return compiled ?? undefined;
}
