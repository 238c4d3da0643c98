import type { SchemaTree } from 'hyparquet';
import { asFloatText } from '../codec/lossless-stringify.ts';

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

/**
 * One Parquet value as it goes into a JSON line, losslessly: INT64 stays a `bigint` (exact digits), a whole float
 * is marked to be written `20.0` (as a JSON writer of a float column does), NaN and ±Infinity stay numbers (the
 * lossless writer emits the tokens Python reads), binary becomes base64, nested structs and lists recurse.
 * Timestamps already arrive as ISO-8601 strings (see `openParquetFile`).
 */
export function renderParquetValue(node: SchemaTree | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'number':
      return node !== undefined && isFloatColumn(node) && Number.isInteger(value) && Math.abs(value) < 1e21
        ? Object.is(value, -0)
          ? value
          : asFloatText(value)
        : value;
    case 'bigint':
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) {
    const element = node === undefined ? undefined : elementOf(node);
    return value.map((v) => renderParquetValue(element, v));
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = renderParquetValue(
        node?.children.find((c) => c.element.name === key),
        v,
      );
    }
    return out;
  }
  return String(value);
}
