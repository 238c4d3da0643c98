import { SkewError } from '../errors.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import { plural } from './_describe.ts';
import { chooseEntity, chooseRecordId, chooseTimestamp, type KeyChoice } from './choose-keys.ts';
import { type FeatureGuess, inferFeatures } from './infer-features.ts';
import { DEFAULT_INFER_CONSTRAINTS, type FieldGuess, guessField, type InferConstraints } from './infer-fields.ts';
import { emptyStats, observeValue, type ValueStats } from './value-stats.ts';

/**
 * A contract drafted from a sample of a log: every part a guess with its reasons, for the renderers to write out.
 * @remarks Since 0.1
 * @public
 */
export interface ContractDraft {
  readonly name: string;
  /** Records the guesses are drawn from. */
  readonly records: number;
  readonly input: readonly FieldGuess[];
  /** Absent when no field repeats across records: the contract is then record-wise (see {@link NO_ENTITY_NOTE}). */
  readonly entity?: KeyChoice;
  readonly timestamp?: KeyChoice;
  /** An input field naming each record in reports, when the log has no top-level id. */
  readonly recordId?: KeyChoice;
  readonly features: readonly FeatureGuess[];
  /** The log's field names as drafted (only what differs from the defaults). */
  readonly format: Partial<LogFormat>;
}

/** What {@link draftContract} takes besides the records. @public */
export interface DraftOptions {
  readonly name: string;
  /** The log's field names (defaults: `timestamp`, `input`, `served`). */
  readonly format?: Partial<LogFormat>;
  /** A flat table (CSV, Parquet): top-level columns other than the time, id and served ones are the input. */
  readonly flat?: boolean;
  readonly constraints?: InferConstraints;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The input object of one record: its input field, or (flat tables) its columns but the time, id and served ones. */
function inputOf(record: Record<string, unknown>, format: LogFormat, flat: boolean): unknown {
  if (!flat || Object.hasOwn(record, format.inputField)) return record[format.inputField];
  const skip = new Set([format.timestampField, format.servedField, format.idField ?? 'id']);
  return Object.fromEntries(Object.entries(record).filter(([k]) => !skip.has(k)));
}

/**
 * Why a draft has no entity, written where the entity would be.
 * @remarks Since 0.1
 * @public
 */
export const NO_ENTITY_NOTE =
  "no entity: no string or integer field repeats across records (an entity has several records), so the contract is record-wise and each record stands on its own; add entity: '<field>' (the card, user or account) if a side computes from an entity's history";

/** The entity as a plain string: a new card or user is not an invalid record, however few the sample held. */
function notEnum(field: FieldGuess): FieldGuess {
  const { enum: values, ...rest } = field;
  const notes = field.notes.map((n) =>
    n.includes('→ enum') ? `${plural(values?.length ?? 0, 'distinct value')} → string (not an enum: the entity)` : n,
  );
  return { ...rest, notes };
}

/**
 * Drafts a contract from decoded log records (as {@link decodeSampleLine} gives them): the input's fields with their
 * types, nullability, enums, ranges and timestamps, the entity and event-time candidates, and the features of the
 * logged `served` objects.
 * @param records - one decoded object per log line
 * @param options - the contract's name and the log's field names
 * @throws SkewError `SKEW_LOG_UNREADABLE` when no record has an input object or no record has served features
 * @remarks Since 0.1
 * @public
 */
export function draftContract(records: readonly unknown[], options: DraftOptions): ContractDraft {
  const format: LogFormat = { ...DEFAULT_LOG_FORMAT, ...options.format };
  const constraints = options.constraints ?? DEFAULT_INFER_CONSTRAINTS;
  const input: ValueStats = emptyStats();
  const served: ValueStats = emptyStats();
  let withId = 0;
  for (const record of records) {
    if (!isObject(record)) continue;
    const value = inputOf(record, format, options.flat === true);
    if (isObject(value)) observeValue(input, value);
    const features = record[format.servedField];
    if (isObject(features)) observeValue(served, features);
    if (Object.hasOwn(record, format.idField ?? 'id')) withId++;
  }
  if (input.objects === 0 || input.fields.size === 0) {
    throw new SkewError(
      'SKEW_LOG_UNREADABLE',
      `no record of ${plural(records.length, 'record')} has an input object with fields under "${format.inputField}"; pass --input-field <name> if the log keeps it elsewhere`,
    );
  }
  if (served.objects === 0 || served.fields.size === 0) {
    throw new SkewError(
      'SKEW_LOG_UNREADABLE',
      `no record has served features under "${format.servedField}" (an object of feature values), which init drafts the features from; pass --served-field <name> if the log keeps them elsewhere`,
    );
  }
  const guesses = [...input.fields].map(([name, stats]) => guessField(name, stats, input.objects, constraints));
  const entity = chooseEntity(guesses);
  const fields = guesses.map((f) => (f.name === entity?.field && f.enum !== undefined ? notEnum(f) : f));
  const timestamp = chooseTimestamp(fields);
  const recordId = withId === 0 ? chooseRecordId(fields) : undefined;
  const given = options.format ?? {};
  return {
    name: options.name,
    records: input.objects,
    input: fields,
    ...(entity === undefined ? {} : { entity }),
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(recordId === undefined ? {} : { recordId }),
    features: inferFeatures(served, constraints),
    format: Object.fromEntries(
      Object.entries(given).filter(
        ([k, v]) => v !== undefined && v !== (DEFAULT_LOG_FORMAT as unknown as Record<string, unknown>)[k],
      ),
    ) as Partial<LogFormat>,
  };
}
