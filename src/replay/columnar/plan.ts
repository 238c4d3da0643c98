import type { z } from 'zod';
import { compiledValidator } from '../../contract/compiled-validator.ts';
import type { Contract } from '../../contract/contract.ts';
import { contractToJsonSchema, type JsonSchema } from '../../contract/to-json-schema.ts';
import { contractColumns, type FrameColumn } from '../../implementations/_frame-columns.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../log-format.ts';
import type { LogColumn } from './columnar-log.ts';
import { splitInstant } from './iso-of.ts';

/** Says whether one cell is certainly valid for its field: `false` sends its row to the row path, which decides. */
export type CellCheck = (value: unknown) => boolean;

/** One input field of the contract, the log column it comes from (none: the field is absent) and its check. */
export interface FieldPlan {
  readonly frame: FrameColumn;
  readonly column?: LogColumn;
  readonly check: CellCheck;
  /**
   * `check` over a whole column of numbers (a Float64Array), marking the rows it doubts: in one loop, when the check
   * is plain arithmetic.
   */
  readonly checkNumbers?: (values: Float64Array, doubted: Uint8Array) => void;
}

/** How the columnar replay reads one log: the input fields, and the columns of the entity and the timestamp. */
export interface ColumnarPlan {
  readonly fields: readonly FieldPlan[];
  readonly entity: LogColumn;
  readonly timestamp: LogColumn;
}

const NUMBER_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'description',
  'title',
  '$comment',
]);

/** The field's schema without a `null` branch, and whether null is allowed. */
function nonNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const { anyOf } = schema as { anyOf?: JsonSchema[] };
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const rest = anyOf.filter((s) => s.type !== 'null');
    if (rest.length === 1 && Object.keys(schema).every((k) => k === 'anyOf' || k === 'description'))
      return { schema: rest[0] as JsonSchema, nullable: true };
  }
  return { schema, nullable: false };
}

/** The bounds of a plain numeric JSON Schema, or undefined when the schema says more than that. */
interface NumberBounds {
  readonly whole: boolean;
  readonly min: number;
  readonly max: number;
  readonly xmin: number;
  readonly xmax: number;
}

function numberBounds(schema: JsonSchema): NumberBounds | undefined {
  if (!Object.keys(schema).every((k) => NUMBER_KEYWORDS.has(k))) return undefined;
  const { type, minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema as Record<string, number | string>;
  if (type !== 'integer' && type !== 'number') return undefined;
  const bound = (v: number | string | undefined, otherwise: number): number => (typeof v === 'number' ? v : otherwise);
  return {
    whole: type === 'integer',
    min: bound(minimum, -Infinity),
    max: bound(maximum, Infinity),
    xmin: bound(exclusiveMinimum, -Infinity),
    xmax: bound(exclusiveMaximum, Infinity),
  };
}

/** A check of a number against a plain numeric JSON Schema, or undefined when the schema says more than that. */
function numberCheck(schema: JsonSchema): ((n: number) => boolean) | undefined {
  const b = numberBounds(schema);
  if (b === undefined) return undefined;
  const { whole, min, max, xmin, xmax } = b;
  return (n) => (whole ? Number.isSafeInteger(n) : Number.isFinite(n)) && n >= min && n <= max && n > xmin && n < xmax;
}

/** Every value checked once by the field's own zod schema, its answer remembered (strings, booleans, null). */
function distinctCheck(field: z.ZodType): CellCheck {
  const seen = new Map<unknown, boolean>();
  return (value) => {
    let ok = seen.get(value);
    if (ok === undefined) {
      ok = field.safeParse(value).success;
      if (seen.size < 100_000) seen.set(value, ok);
    }
    return ok;
  };
}

/** `numericCheck` over a column of numbers, when the schema is plain: the same rows doubted, in one loop. */
function numbersCheck(schema: JsonSchema): FieldPlan['checkNumbers'] {
  const b = numberBounds(nonNull(schema).schema);
  if (b === undefined) return undefined;
  const { whole, min, max, xmin, xmax } = b;
  return (values, doubted) => {
    for (let r = 0; r < values.length; r++) {
      const n = values[r] as number;
      const kind = whole ? Number.isSafeInteger(n) : Number.isFinite(n);
      if (!(kind && n >= min && n <= max && n > xmin && n < xmax)) doubted[r] = 1;
    }
  };
}

/**
 * A number cell's check: plain numbers by the schema (or zod), integers beyond 2^53 left to the row path. `schema` is
 * undefined when the field's JSON Schema does not say all zod checks (a refinement, a transform): zod judges each value.
 */
function numericCheck(schema: JsonSchema | undefined, field: z.ZodType): CellCheck {
  const { schema: plain, nullable } = schema === undefined ? { schema: undefined, nullable: false } : nonNull(schema);
  const byZod = distinctCheck(field);
  const bySchema = plain === undefined ? undefined : numberCheck(plain);
  return (value) => {
    if (value === null) return schema === undefined ? byZod(null) : nullable;
    const n = typeof value === 'bigint' ? Number(value) : value;
    if (typeof n !== 'number' || (typeof value === 'bigint' && !Number.isSafeInteger(n))) return false;
    return bySchema === undefined ? byZod(n) : bySchema(n);
  };
}

/** Years 0000–9999: an instant in them renders as the plain ISO form one representative checks for all. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/**
 * A timestamp cell's check (a date-time string field fed by a timestamp column): the rendered text's form depends only
 * on its sub-millisecond digits, so one representative of each form is checked by zod; instants outside years
 * 0000–9999 go to the row path. A field whose zod checks are not all plain (`exact` false: a refinement may judge the
 * instant itself) has every value's text checked by zod.
 */
function timestampCheck(field: z.ZodType, unit: NonNullable<LogColumn['unit']>, exact: boolean): CellCheck {
  const byNull = distinctCheck(field);
  const forms = new Map<number, boolean>();
  return (value) => {
    if (value === null || value === undefined) return byNull(null);
    if (typeof value !== 'bigint' && typeof value !== 'number') return false;
    const { ms, nanos } = unit === 'ms' ? { ms: Number(value), nanos: 0 } : splitInstant(value, unit);
    if (!(ms >= MIN_MS && ms <= MAX_MS)) return false;
    // isoFromNanos: no fraction beyond the milliseconds, or 3 or 6 more digits.
    let digits = nanos === 0 ? '' : String(nanos).padStart(6, '0');
    if (digits.endsWith('000')) digits = digits.slice(0, 3);
    let ok = exact ? forms.get(digits.length) : undefined;
    if (ok === undefined) {
      const iso = new Date(ms).toISOString();
      ok = field.safeParse(digits === '' ? iso : `${iso.slice(0, -1)}${digits}Z`).success;
      if (exact) forms.set(digits.length, ok);
    }
    return ok;
  };
}

/** Whether a frame column of this kind can be fed from a log column of that kind. */
function fits(frame: FrameColumn['kind'], column: LogColumn['kind']): boolean {
  if (frame === 'int64') return column === 'int';
  if (frame === 'float64') return column === 'int' || column === 'float';
  if (frame === 'utf8') return column === 'utf8';
  if (frame === 'bool') return column === 'bool';
  if (frame === 'timestamp') return column === 'timestamp';
  return false;
}

/**
 * How the columnar replay reads a log of these columns for this contract, or why it cannot (the row path then
 * replays it): every input field must come from a flat column of a fitting type (int64, float64, utf8, bool,
 * timestamp), the input schema must check nothing across fields, and the timestamp and entity must be columns.
 * @internal
 */
export function columnarPlan(
  contract: Contract,
  format: LogFormat,
  columns: readonly LogColumn[],
): ColumnarPlan | { readonly why: string } {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const shape = (contract.input as unknown as { shape?: Record<string, z.ZodType> }).shape;
  const def = (contract.input as unknown as { _zod?: { def?: { checks?: unknown[] } } })._zod?.def;
  if (shape === undefined || (def?.checks?.length ?? 0) > 0) return { why: 'the input schema checks across fields' };
  const input = (contractToJsonSchema(contract).properties as Record<string, JsonSchema>).input as JsonSchema;
  const schemas = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const fields: FieldPlan[] = [];
  for (const frame of contractColumns(contract)) {
    const column = byName.get(frame.name);
    const field = shape[frame.name];
    if (field === undefined) return { why: `input field ${frame.name} has no zod schema` };
    if (column === undefined) {
      if (required.has(frame.name)) return { why: `the log has no column ${frame.name}` };
      fields.push({ frame, check: () => true });
      continue;
    }
    if (!fits(frame.kind, column.kind)) return { why: `column ${frame.name} is ${column.kind}, not ${frame.kind}` };
    // The JSON Schema leaves out what zod alone can check (a refinement, a transform), and the compiled validator then
    // cannot stand for the field either: zod judges each of its values.
    const exact = compiledValidator(field) !== undefined;
    const schema = exact ? (schemas[frame.name] ?? {}) : undefined;
    const check =
      frame.kind === 'timestamp'
        ? timestampCheck(field, column.unit ?? 'ms', exact)
        : frame.kind === 'int64' || frame.kind === 'float64'
          ? numericCheck(schema, field)
          : distinctCheck(field);
    const numbers = frame.kind === 'int64' || frame.kind === 'float64';
    const checkNumbers = numbers && schema !== undefined ? numbersCheck(schema) : undefined;
    fields.push(checkNumbers === undefined ? { frame, column, check } : { frame, column, check, checkNumbers });
  }
  const entityName = format.entityField ?? contract.entity;
  const entity = entityName === undefined ? undefined : byName.get(entityName);
  if (entity === undefined || (entity.kind !== 'int' && entity.kind !== 'utf8'))
    return { why: 'the entity is not an integer or string column' };
  const logged = byName.get(format.timestampField);
  const timestamp =
    logged ??
    (format.timestampField === DEFAULT_LOG_FORMAT.timestampField && contract.timestamp !== undefined
      ? byName.get(contract.timestamp)
      : undefined);
  if (timestamp?.kind !== 'timestamp') return { why: 'the timestamp is not a timestamp column' };
  return { fields, entity, timestamp };
}
