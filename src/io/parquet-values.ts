import type { SchemaTree } from 'hyparquet';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';

/** Writes one value of a column as JSON text. */
export type ValueWriter = (value: unknown) => string;

/** Whether a column holds floating-point or decimal numbers (a whole value is then written `20.0`). */
function isFloatColumn(node: SchemaTree): boolean {
  const { type, converted_type: converted, logical_type: logical } = node.element;
  return (
    type === 'FLOAT' ||
    type === 'DOUBLE' ||
    converted === 'DECIMAL' ||
    logical?.type === 'DECIMAL' ||
    logical?.type === 'FLOAT16'
  );
}

/** The schema node of a list's elements (the 3-level `LIST` layout, or a legacy repeated field). */
function elementOf(node: SchemaTree): SchemaTree | undefined {
  const repeated = node.children[0];
  if (repeated === undefined) return undefined;
  return repeated.children.length === 1 && repeated.children[0] !== undefined ? repeated.children[0] : repeated;
}

/** A number as the lossless JSON writer has it: NaN and ±Infinity as Python's tokens, -0 as `-0.0`. */
function numberText(value: number, float: boolean): string {
  if (!Number.isFinite(value)) return String(value); // NaN, Infinity, -Infinity
  if (Object.is(value, -0)) return '-0.0';
  return float && Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value);
}

/** Any other value (a map, a geometry): through the lossless writer. */
function genericText(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) {
    return `"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"`;
  }
  return stringifyLosslessJson(value) ?? 'null';
}

function scalarText(value: unknown, float: boolean): string {
  switch (typeof value) {
    case 'number':
      return numberText(value, float);
    case 'bigint':
      return value.toString();
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value === null || value === undefined ? 'null' : genericText(value);
  }
}

/**
 * A writer of one column's values as JSON text, compiled once from its schema, losslessly: INT64 digits exact, a
 * whole float written `20.0` (as a JSON writer of a float column does, so a Python side sees a float), NaN and
 * ±Infinity as the tokens Python reads, binary as base64, structs as objects (in schema order) and lists as arrays.
 * Timestamps already arrive as ISO-8601 strings (see `openParquetFile`). The text is what `stringifyLosslessJson`
 * would write for the same value with whole floats marked.
 */
export function parquetValueWriter(node: SchemaTree | undefined): ValueWriter {
  if (node === undefined) return (value) => scalarText(value, false);
  const logical = node.element.logical_type?.type;
  if (logical === 'LIST') {
    const element = parquetValueWriter(elementOf(node));
    return (value) => (Array.isArray(value) ? `[${value.map(element).join(',')}]` : scalarText(value, false));
  }
  if (node.children.length > 0 && logical !== 'MAP' && node.element.converted_type !== 'MAP') {
    const fields = node.children.map((child) => ({
      name: child.element.name,
      key: `${JSON.stringify(child.element.name)}:`,
      write: parquetValueWriter(child),
    }));
    return (value) => {
      if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
        return scalarText(value, false);
      }
      const record = value as Record<string, unknown>;
      return `{${fields.map((f) => f.key + f.write(record[f.name])).join(',')}}`;
    };
  }
  const float = isFloatColumn(node);
  return (value) => (Array.isArray(value) ? genericText(value) : scalarText(value, float));
}

/**
 * A writer for a string column that holds JSON objects (an `input` or `served` column written as JSON text): an object's
 * text goes into the line as it is (whole floats, int64 digits and key order kept; line breaks between tokens become
 * spaces), an empty cell as null, anything else as a JSON string, which the replay reports as not an object.
 */
export function jsonTextWriter(): ValueWriter {
  return (value) => {
    if (typeof value !== 'string' || value === '') return scalarText(value === '' ? null : value, false);
    try {
      const parsed = parseLosslessJson(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return value.replace(/[\r\n]/g, ' ');
    } catch {
      // not JSON: kept as a string
    }
    return JSON.stringify(value);
  };
}
