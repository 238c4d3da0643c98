import { fmt, plural, rangeNote } from './_describe.ts';
import { kindsOf, stringValues, timestampKind, type ValueKind, type ValueStats, valued } from './value-stats.ts';

/**
 * Thresholds of the guesses.
 * @remarks Since 0.1
 * @public
 */
export interface InferConstraints {
  /** A string field with at most this many distinct values… (default 50) */
  readonly enumMaxValues: number;
  /** …over at least this many records is an enum (default 100). */
  readonly enumMinRecords: number;
}

/** @public */
export const DEFAULT_INFER_CONSTRAINTS: InferConstraints = { enumMaxValues: 50, enumMinRecords: 100 };

/**
 * The guess for one input field (or array element): its JSON type, whether it may be null or absent, and what else the
 * sample suggests. `notes` explain every guess, in words a reviewer checks.
 * @remarks Since 0.1
 * @public
 */
export interface FieldGuess {
  readonly name: string;
  /** One kind, several (`["string", "integer"]`), or `unknown` when every value was null. */
  readonly kinds: readonly ValueKind[];
  readonly nullable: boolean;
  /** Present in every record of its object. */
  readonly required: boolean;
  /** The values of a low-cardinality string field, sorted. */
  readonly enum?: readonly string[];
  readonly timestamp?: 'iso' | 'epoch-ms';
  /** Some integers were beyond 2^53 (read exactly as 64-bit integers). */
  readonly int64: boolean;
  readonly distinct: number;
  readonly valued: number;
  readonly fields?: readonly FieldGuess[];
  readonly items?: FieldGuess;
  readonly notes: readonly string[];
}

const ID_NAME = /(^|_)id$|[a-z]Id$|^id$/;

/** Named like an identifier (`card_id`, `userId`). @internal */
export function isIdName(name: string): boolean {
  return ID_NAME.test(name);
}

function typeNote(stats: ValueStats, kinds: readonly ValueKind[]): string | undefined {
  const n = valued(stats);
  if (kinds.length === 0) return `always null in ${plural(stats.present, 'record')}: type unknown, any value accepted`;
  if (kinds.length > 1) return `values of several types (${kinds.join(', ')}) → any of them`;
  if (kinds[0] === 'integer') {
    const wide = stats.wide > 0 ? `; ${plural(stats.wide, 'value')} beyond 2^53, read exactly as 64-bit integers` : '';
    return `whole numbers in all ${plural(n, 'value')} → integer${wide}`;
  }
  if (kinds[0] === 'object') return `an object in all ${plural(n, 'value')}`;
  if (kinds[0] === 'number' && stats.writtenFloats === n) {
    return `every value is whole but written as a float (e.g. 20.0) → number, not integer`;
  }
  return undefined;
}

/**
 * The guess for a field from its stats.
 * @param name - the field's name
 * @param stats - what the sample showed of it
 * @param records - how many objects the field could have appeared in
 * @param constraints - thresholds
 * @remarks Since 0.1
 * @public
 */
export function guessField(
  name: string,
  stats: ValueStats,
  records: number,
  constraints: InferConstraints = DEFAULT_INFER_CONSTRAINTS,
): FieldGuess {
  const kinds = kindsOf(stats);
  const notes: string[] = [];
  const n = valued(stats);
  const note = typeNote(stats, kinds);
  if (note !== undefined) notes.push(note);
  if (stats.nonFinite > 0) {
    notes.push(
      `TODO: ${plural(stats.nonFinite, 'NaN or ±Infinity value')}, which a JSON Schema number refuses (those records are invalid)`,
    );
  }
  if (stats.nulls > 0 && kinds.length > 0) notes.push(`null in ${plural(stats.nulls, 'record')} → nullable`);
  if (stats.present < records) notes.push(`absent from ${plural(records - stats.present, 'record')} → optional`);
  const timestamp = timestampKind(stats);
  const only = kinds.length === 1 ? kinds[0] : undefined;
  let values: string[] | undefined;
  if (timestamp === 'iso') notes.push(`ISO 8601 date-times with a zone in all ${plural(n, 'value')} → date-time`);
  else if (timestamp === 'epoch-ms')
    notes.push('whole numbers in the epoch-milliseconds range → a timestamp candidate');
  else if (only === 'string') {
    const distinct = stats.distinct.size;
    const few = distinct <= constraints.enumMaxValues && n >= constraints.enumMinRecords;
    if (few && !isIdName(name)) {
      values = stringValues(stats);
      notes.push(`${plural(distinct, 'distinct value')} over ${plural(n, 'record')} → enum (a new value is invalid)`);
    } else {
      const why = few
        ? 'named like an id'
        : distinct > constraints.enumMaxValues
          ? `more than ${constraints.enumMaxValues} values`
          : `fewer than ${fmt(constraints.enumMinRecords)} records to tell`;
      notes.push(`${plural(distinct, 'distinct value')} over ${plural(n, 'record')} → string (not an enum: ${why})`);
    }
  }
  if ((only === 'integer' || only === 'number') && Number.isFinite(stats.min) && timestamp === undefined) {
    notes.push(rangeNote(stats.min, stats.max));
  }
  const fields =
    only === 'object'
      ? [...stats.fields].map(([key, field]) => guessField(key, field, stats.objects, constraints))
      : undefined;
  const items =
    only === 'array' && stats.items !== undefined
      ? guessField('items', stats.items, stats.items.present, constraints)
      : undefined;
  if (items !== undefined && items.fields === undefined && items.notes.length > 0) {
    notes.push(`elements: ${items.notes.join(', ')}`);
  }
  if (only === 'array' && stats.items === undefined) notes.push('every array was empty: element type unknown');
  return {
    name,
    kinds,
    nullable: stats.nulls > 0,
    required: stats.present >= records,
    ...(values === undefined ? {} : { enum: values }),
    ...(timestamp === undefined ? {} : { timestamp }),
    int64: stats.wide > 0,
    distinct: stats.distinct.size,
    valued: n,
    ...(fields === undefined ? {} : { fields }),
    ...(items === undefined ? {} : { items }),
    notes,
  };
}
