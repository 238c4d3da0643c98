import { SkewError } from '../../errors.ts';

/**
 * Events one entity may have before a replay refuses to send it to entity-wise sides, unless told otherwise
 * (`maxEntityEvents`, `--max-entity-events`). An entity under the limit is replayed whatever its size: a big one
 * streams to the sides without its decoded history in memory.
 * @remarks Since 0.1
 * @public
 */
export const DEFAULT_MAX_ENTITY_EVENTS: number = 1_000_000;

/**
 * The limit checked: a whole number of events, at least 1.
 * @throws SkewError `SKEW_USAGE` naming `api` and the value
 * @internal
 */
export function checkMaxEntityEvents(limit: number, api: string): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SkewError(
      'SKEW_USAGE',
      `${api}: maxEntityEvents must be a whole number of events, at least 1 (default ${DEFAULT_MAX_ENTITY_EVENTS.toLocaleString('en-US')}); got ${limit}`,
    );
  }
  return limit;
}

/** Why an entity's records were not replayed: the error outcome of each of them, on both sides. @internal */
export function refusedEntityMessage(entity: string, events: number, limit: number): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  return `entity ${JSON.stringify(entity)} has ${n(events)} events, above --max-entity-events ${n(limit)}: not replayed (raise the limit, maxEntityEvents in the API, to replay it)`;
}

const REFUSED = /^entity .+ has [\d,]+ events, above --max-entity-events ([\d,]+): not replayed/s;

/**
 * The class label of a record refused by the entity limit (one class for every refused entity, named by the limit,
 * not by the side: neither side saw the record), or undefined for any other error.
 * @internal
 */
export function refusedEntityCause(message: string): string | undefined {
  const m = REFUSED.exec(message);
  return m === null ? undefined : `not replayed: entity above --max-entity-events ${m[1]}`;
}

/** Whether a class label was made by {@link refusedEntityCause}. @internal */
export function isRefusedEntityCause(cause: string): boolean {
  return cause.startsWith('not replayed: entity above --max-entity-events ');
}
