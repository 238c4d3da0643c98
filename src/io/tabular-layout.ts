import type { z } from 'zod';
import type { Contract } from '../contract/contract.ts';
import type { LogFormat } from '../replay/log-format.ts';

/**
 * Where a table's columns go in the JSON record a row becomes. A column named like the input field (a struct) is the
 * input and one named like the served field is the served features (the nested layout). Otherwise (the flat layout)
 * a column `<input field>.<name>` or named like a field of the contract's input goes into the input, and a column
 * `<served field>.<feature>` into the served features; every other column (id, timestamp, entity) stays top-level.
 * A flat input column named like the timestamp, id or entity field is also kept top-level.
 */
export interface TabularLayout {
  /** Where each column goes: top-level (`top`), into the input or the served features, and under which key. */
  readonly places: readonly ColumnPlace[];
}

/** One column's place in the record. */
export interface ColumnPlace {
  readonly column: string;
  readonly into: 'top' | 'input' | 'served' | 'input-and-top';
  readonly key: string;
  /** `"key":` as JSON text. */
  readonly keyText: string;
}

/** The contract input's top-level fields and their schemas. */
export function inputShape(contract: Contract): Readonly<Record<string, z.ZodType>> {
  return (contract.input as unknown as { shape: Record<string, z.ZodType> }).shape ?? {};
}

/** Places the columns of a table (in order) for a contract and the log's field names. */
export function tabularLayout(columns: readonly string[], contract: Contract, format: LogFormat): TabularLayout {
  const nested = columns.includes(format.inputField);
  const shape = inputShape(contract);
  const topFields = new Set([format.timestampField, format.idField ?? 'id', format.entityField].filter(Boolean));
  const inputPrefix = `${format.inputField}.`;
  const servedPrefix = `${format.servedField}.`;
  const place = (column: string): Omit<ColumnPlace, 'keyText'> => {
    if (column.startsWith(servedPrefix) && column !== format.servedField) {
      return { column, into: 'served', key: column.slice(servedPrefix.length) };
    }
    if (!nested && column.startsWith(inputPrefix))
      return { column, into: 'input', key: column.slice(inputPrefix.length) };
    if (!nested && Object.hasOwn(shape, column)) {
      return { column, into: topFields.has(column) ? 'input-and-top' : 'input', key: column };
    }
    return { column, into: 'top', key: column };
  };
  const places = columns.map(place).map((p) => ({ ...p, keyText: `${JSON.stringify(p.key)}:` }));
  return { places };
}

/**
 * The JSON text of one row's record, from its columns' values as JSON text (`undefined` leaves the key out): top-level
 * columns in order, then the input, then the served features (when any column holds them).
 */
export function recordText(layout: TabularLayout, texts: readonly (string | undefined)[], format: LogFormat): string {
  const top: string[] = [];
  const input: string[] = [];
  const served: string[] = [];
  for (const [i, place] of layout.places.entries()) {
    const text = texts[i];
    if (text === undefined) continue;
    const entry = place.keyText + text;
    if (place.into === 'top' || place.into === 'input-and-top') top.push(entry);
    if (place.into === 'input' || place.into === 'input-and-top') input.push(entry);
    else if (place.into === 'served') served.push(entry);
  }
  if (input.length > 0) top.push(`${JSON.stringify(format.inputField)}:{${input.join(',')}}`);
  if (served.length > 0) top.push(`${JSON.stringify(format.servedField)}:{${served.join(',')}}`);
  return `{${top.join(',')}}`;
}
