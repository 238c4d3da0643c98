import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type { z } from 'zod';
import { hasCustomCheck } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, arbitraryError, atPath, filterOrThrow, withEdges } from './_context.ts';
import { eventTimes, offsetArbitrary, timestampWriter, unwrapField } from './_history-times.ts';
import { instantArbitrary } from './datetime.ts';
import type { ArbitraryOptions } from './from-schema.ts';
import { assertOverridesUsed, createContext } from './from-schema.ts';
import { timestampEdges } from './timestamp-edges.ts';

/**
 * Limits of {@link arbitraryHistories}.
 * @remarks Since 0.1
 * @public
 */
export interface HistoryConstraints {
  /** Field holding the entity key (user id, card id); shared by every event of a history. */
  entityField: string;
  /** Field holding the event time: a number or bigint (epoch ms), a `z.date()` or a `z.iso.datetime()` string. */
  timestampField: string;
  /** Fewest events per entity (default 1). */
  minEvents?: number;
  /** Most events per entity (default 12); the anchor and exact window boundaries are kept first. */
  maxEvents?: number;
  /** Most entities (default 3). */
  maxEntities?: number;
  /** Window lengths in ms whose boundaries get events (default 7 days, 1 day, 1 hour). */
  windowsMs?: readonly number[];
}

const HOUR = 3_600_000;
const DEFAULT_WINDOWS: readonly number[] = [7 * 24 * HOUR, 24 * HOUR, HOUR];

function entityKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `${typeof value}:${String(value)}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function checkConstraints(c: HistoryConstraints, ctx: BuildContext): Required<HistoryConstraints> {
  const r = { minEvents: 1, maxEvents: 12, maxEntities: 3, windowsMs: DEFAULT_WINDOWS, ...c };
  const bad = (what: string) => arbitraryError(ctx, `constraints.${what}`);
  if (!Number.isInteger(r.minEvents) || r.minEvents < 1) throw bad('minEvents must be an integer >= 1');
  if (!Number.isInteger(r.maxEvents) || r.maxEvents < r.minEvents)
    throw bad('maxEvents must be an integer >= minEvents');
  if (!Number.isInteger(r.maxEntities) || r.maxEntities < 1) throw bad('maxEntities must be an integer >= 1');
  if (r.windowsMs.some((w) => !Number.isInteger(w) || w <= 0)) throw bad('windowsMs must hold positive integers');
  return r;
}

/**
 * Generates event histories for entity-wise features (windows over an entity's past): up to `maxEntities`
 * distinct entities, each with a short history sharing its entity value, with strictly increasing timestamps
 * and events placed exactly at window boundaries — at `t - window` and `t - window ± 1 ms` before the latest
 * event `t`, for each window. The latest event is sometimes a timestamp edge (DST transition, month end …)
 * or one window after it, so boundaries land on those edges too. Events of all entities are returned in one
 * array sorted by time. Other fields come from {@link arbitraryFromSchema}'s generators for the schema.
 *
 * For low-precision ISO timestamps (seconds, minutes) the ±1 step is one unit of that precision.
 *
 * @param schema - the input schema of an entity-wise contract
 * @param constraints - entity and timestamp fields, event and entity counts, windows
 * @param options - overrides, time zones and edge bias, as for {@link arbitraryFromSchema}
 * @throws SkewError `SKEW_CONTRACT_INVALID` for unknown fields, a timestamp field of another type, or bad limits
 * @remarks Since 0.1
 * @public
 */
export function arbitraryHistories(
  schema: z.ZodObject,
  constraints: HistoryConstraints,
  options?: ArbitraryOptions,
): Arbitrary<Array<Record<string, unknown>>> {
  const ctx = createContext('arbitraryHistories', options);
  const c = checkConstraints(constraints, ctx);
  const shape = schema._zod.def.shape;
  const entitySchema = shape[c.entityField];
  const timeSchema = shape[c.timestampField];
  if (entitySchema === undefined) throw arbitraryError(ctx, `entity field "${c.entityField}" is not in the schema`);
  if (timeSchema === undefined) throw arbitraryError(ctx, `timestamp field "${c.timestampField}" is not in the schema`);
  const writer = timestampWriter(timeSchema, atPath(ctx, c.timestampField));
  const record = ctx.build(schema, ctx) as Arbitrary<Record<string, unknown>>;
  const entity = ctx.build(unwrapField(entitySchema), atPath(ctx, c.entityField));
  assertOverridesUsed(ctx);

  const span = Math.max(...c.windowsMs) + HOUR;
  const timeOk = accepts(unwrapField(timeSchema));
  const { plain, edges } = instantArbitrary(ctx);
  const shifted = fc.tuple(fc.constantFrom(...timestampEdges(ctx.timeZones)), fc.constantFrom(...c.windowsMs));
  const anchor = filterOrThrow(
    withEdges(plain, [edges, shifted.map(([e, w]) => e + w)], ctx).map(
      (t) => Math.floor(t / writer.tick) * writer.tick,
    ),
    (t) => typeof t === 'number' && timeOk(writer.write(t, undefined)) && timeOk(writer.write(t - 2 * span, undefined)),
    ctx,
  );
  // Only the zones whose rendering the field accepts (a pattern may pin UTC, `…Z`), and per event a fallback to UTC
  // when a zone's offset at that instant is still refused: every event time obeys its field, not only the anchor.
  const probe = Date.UTC(2024, 0, 1);
  const zones = ctx.timeZones.filter((z) => timeOk(writer.write(probe, z)));
  const zone = fc.constantFrom(undefined, ...zones);
  const written = (ms: number, z: string | undefined): unknown => {
    const value = writer.write(ms, z);
    return z === undefined || timeOk(value) ? value : writer.write(ms, undefined);
  };
  const event = (key: unknown, ms: number) =>
    fc
      .tuple(record, zone)
      .map(([r, z]): [number, Record<string, unknown>] => [
        ms,
        { ...r, [c.entityField]: key, [c.timestampField]: written(ms, z) },
      ]);
  const bounds = { min: c.minEvents, max: c.maxEvents, tick: writer.tick, span };
  const history = (key: unknown) =>
    fc
      .tuple(anchor, offsetArbitrary(c.windowsMs, writer.tick, span))
      .chain(([t, o]) =>
        fc.tuple(...eventTimes(t, { windows: c.windowsMs, ...o }, bounds).map((ms) => event(key, ms))),
      );
  const entities = fc.uniqueArray(entity, { minLength: 1, maxLength: c.maxEntities, selector: entityKey });
  const all = entities
    .chain((keys) => fc.tuple(...keys.map(history)))
    .map((hs) =>
      hs
        .flat()
        .sort((a, b) => a[0] - b[0])
        .map(([, r]) => r),
    );
  return hasCustomCheck(schema) ? all.filter((events) => events.every(accepts(schema))) : all;
}
