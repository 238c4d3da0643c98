import type { Contract } from '../contract/contract.ts';
import { contractToJsonSchema, type JsonSchema } from '../contract/to-json-schema.ts';
import type { SideRecord } from './side.ts';

/**
 * The Arrow type one input column travels as: `int64`, `float64`, `utf8`, `bool`, `timestamp` (microseconds, UTC) or
 * `json` (objects, arrays and fields of no single type, sent as their JSON text in a Utf8 column).
 * @internal
 */
export type ColumnKind = 'int64' | 'float64' | 'utf8' | 'bool' | 'timestamp' | 'json';

/** One input field as a frame column. @internal */
export interface FrameColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

const columnsCache = new WeakMap<Contract, readonly FrameColumn[]>();

/** The JSON Schema types one field schema allows (`anyOf` branches and `type` arrays flattened). */
function typesOf(schema: JsonSchema): { types: Set<string>; dateTime: boolean } {
  const types = new Set<string>();
  let dateTime = false;
  const visit = (s: JsonSchema): void => {
    const { type, anyOf, oneOf, format, $comment } = s as Record<string, unknown>;
    if (typeof type === 'string') types.add(type);
    if (Array.isArray(type)) for (const t of type) types.add(String(t));
    if (format === 'date-time' || $comment === 'format: date-time') dateTime = true;
    for (const branch of [anyOf, oneOf]) if (Array.isArray(branch)) for (const b of branch) visit(b as JsonSchema);
    if ('const' in s) types.add(s.const === null ? 'null' : typeof s.const);
  };
  visit(schema);
  return { types, dateTime };
}

/** The column kind of one field's JSON Schema (see {@link ColumnKind}). */
function kindOf(schema: JsonSchema): { kind: ColumnKind; nullable: boolean } {
  const { types, dateTime } = typesOf(schema);
  const nullable = types.delete('null') || types.size === 0;
  if (types.size === 1 && types.has('integer')) return { kind: 'int64', nullable };
  if (types.size > 0 && [...types].every((t) => t === 'integer' || t === 'number'))
    return { kind: 'float64', nullable };
  if (types.size === 1 && types.has('boolean')) return { kind: 'bool', nullable };
  if (types.size === 1 && types.has('string')) return { kind: dateTime ? 'timestamp' : 'utf8', nullable };
  return { kind: 'json', nullable: true };
}

/**
 * The input columns of a contract, typed from its JSON Schema (`contractToJsonSchema`): `integer` → int64, `number`
 * → float64, `string` with format date-time → timestamp, `string` → utf8, `boolean` → bool, anything else → json.
 * A field that may be null or absent is nullable. Compiled once per contract.
 * @internal
 */
export function contractColumns(contract: Contract): readonly FrameColumn[] {
  const cached = columnsCache.get(contract);
  if (cached !== undefined) return cached;
  const input = (contractToJsonSchema(contract).properties as Record<string, JsonSchema>).input as JsonSchema;
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const columns = Object.entries(properties).map(([name, schema]) => {
    const { kind, nullable } = kindOf(schema);
    return { name, kind, nullable: nullable || !required.has(name) };
  });
  columnsCache.set(contract, columns);
  return columns;
}

/** The kind of one JS value, as a frame side without a contract guesses it. */
function guess(value: unknown): ColumnKind | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return 'int64';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'utf8';
  return 'json';
}

/**
 * Columns guessed from a batch's values, for a side built without a contract: a field whose values are all integers
 * is int64, numbers float64, and so on; a field of mixed kinds is json. Every guessed column is nullable.
 * @internal
 */
export function guessedColumns(batch: readonly SideRecord[]): readonly FrameColumn[] {
  const kinds = new Map<string, ColumnKind | undefined>();
  for (const record of batch) {
    for (const [name, value] of Object.entries(record.input)) {
      const kind = guess(value);
      const seen = kinds.get(name);
      if (seen === undefined) kinds.set(name, kind);
      else if (kind !== undefined && kind !== seen)
        kinds.set(
          name,
          (seen === 'int64' || seen === 'float64') && (kind === 'int64' || kind === 'float64') ? 'float64' : 'json',
        );
    }
  }
  return [...kinds].map(([name, kind]) => ({ name, kind: kind ?? 'utf8', nullable: true }));
}
