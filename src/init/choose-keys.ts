import { fmt, plural } from './_describe.ts';
import { type FieldGuess, isIdName } from './infer-fields.ts';

/** A field chosen for a role of the contract, and why. @public */
export interface KeyChoice {
  readonly field: string;
  /** Why this field, and which others were weighed. */
  readonly note: string;
}

const ENTITY_WORDS = /user|card|customer|account|device|session|member|client|merchant|driver|rider|patient|player/i;
const TIME_NAME = /^(ts|time|timestamp|event_?time|created|date)$|_at$|_ts$|_time$|At$|Time$/;

function entityScore(f: FieldGuess): number {
  return (isIdName(f.name) ? 2 : 0) + (ENTITY_WORDS.test(f.name) ? 1 : 0);
}

const perValue = (f: FieldGuess): string => fmt(Math.round((f.valued / f.distinct) * 10) / 10);

/**
 * The entity candidate: a required string or integer field of the input whose values repeat (records per value > 1)
 * but are many, preferring names like `*_id`, `user`, `card`, `customer`.
 * @param fields - the input's top-level fields
 * @returns the choice, or undefined when no field qualifies
 * @remarks Since 0.1
 * @public
 */
export function chooseEntity(fields: readonly FieldGuess[]): KeyChoice | undefined {
  const keyLike = fields.filter(
    (f) =>
      f.required &&
      !f.nullable &&
      f.kinds.length === 1 &&
      (f.kinds[0] === 'string' || f.kinds[0] === 'integer') &&
      f.timestamp === undefined,
  );
  const unique = keyLike.filter((f) => f.distinct === f.valued && f.valued > 1);
  const candidates = keyLike
    .filter((f) => f.distinct >= 2 && f.distinct < f.valued)
    .sort((a, b) => entityScore(b) - entityScore(a) || b.distinct - a.distinct);
  const [best, ...others] = candidates;
  if (best === undefined) return undefined;
  const why = [`${perValue(best)} records per value`, entityScore(best) > 0 ? 'named like an entity' : ''].filter(
    (s) => s !== '',
  );
  const weighed = others.slice(0, 3).map((f) => `${f.name} (${plural(f.distinct, 'value')})`);
  const skipped = unique.slice(0, 2).map((f) => `${f.name} (unique per record: a record id, not an entity)`);
  const also = [...weighed, ...skipped];
  return {
    field: best.name,
    note: `${why.join(', ')} → the entity${also.length > 0 ? `; also weighed: ${also.join(', ')}` : ''}`,
  };
}

/**
 * The event-time candidate: a required top-level field holding ISO 8601 date-times or epoch milliseconds in every
 * record, preferring names like `ts`, `*_at`, `event_time`.
 * @param fields - the input's top-level fields
 * @remarks Since 0.1
 * @public
 */
export function chooseTimestamp(fields: readonly FieldGuess[]): KeyChoice | undefined {
  const candidates = fields
    .filter((f) => f.timestamp !== undefined && f.required && !f.nullable)
    .sort((a, b) => Number(TIME_NAME.test(b.name)) - Number(TIME_NAME.test(a.name)));
  const [best, ...others] = candidates;
  if (best === undefined) return undefined;
  const kind = best.timestamp === 'iso' ? 'ISO 8601 date-times' : 'epoch milliseconds';
  const also = others.length > 0 ? `; also a time: ${others.map((f) => f.name).join(', ')}` : '';
  return { field: best.name, note: `${kind} in every record → the event time${also}` };
}

/**
 * A field unique per record (a transaction or request id) to name records in reports, when the log has no `id`.
 * @param fields - the input's top-level fields
 * @remarks Since 0.1
 * @public
 */
export function chooseRecordId(fields: readonly FieldGuess[]): KeyChoice | undefined {
  const unique = fields.find(
    (f) =>
      f.required &&
      f.timestamp === undefined &&
      f.kinds.length === 1 &&
      (f.kinds[0] === 'string' || f.kinds[0] === 'integer') &&
      f.distinct === f.valued &&
      f.valued > 1 &&
      isIdName(f.name),
  );
  return unique === undefined
    ? undefined
    : { field: unique.name, note: `unique in all ${plural(unique.valued, 'record')} → names each record in reports` };
}
