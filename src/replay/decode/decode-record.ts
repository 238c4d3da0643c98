import type { z } from 'zod';
import { topLevelValueSpan } from '../../codec/json-span.ts';
import { JsonSyntaxError, parseLosslessJson } from '../../codec/lossless-json.ts';
import type { Contract } from '../../contract/contract.ts';
import { applyExtraFields } from '../../contract/extra-fields.ts';
import { validateInput } from '../../contract/validate-input.ts';
import type { SideRecord } from '../../implementations/side.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../log-format.ts';
import { entityKeyOf } from './entity-key.ts';
import { excerptOf, type InvalidLine } from './invalid-line.ts';
import { timestampOf } from './parse-timestamp.ts';

/** A raw log line with where it came from. */
export interface RawLine {
  readonly text: string;
  readonly line: number;
  readonly byteOffset: number;
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].join('.');
}

function invalidLine(raw: RawLine, reason: InvalidLine['reason'], message: string, path?: string): InvalidLine {
  return {
    reason,
    line: raw.line,
    byteOffset: raw.byteOffset,
    message,
    excerpt: excerptOf(raw.text),
    ...(path === undefined ? {} : { path }),
  };
}

/**
 * Decodes one log line into a record the sides can compute on, or says exactly why it is invalid.
 * The input handed to sides is the input as logged (the schema only validates it), less the fields the contract does
 * not declare when its `extraFields` policy is `strip`; under `reject` such a field makes the record invalid.
 */
/** The record's id: the named field at the top level of the line, else in the input; a string or an integer. */
function idOf(record: Record<string, unknown>, input: Record<string, unknown>, field: string): string | undefined {
  const value = Object.hasOwn(record, field) ? record[field] : input[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return String(value);
  return undefined;
}

/** The input's text as logged, when the sides see the input unchanged (no field stripped by the policy). */
function verbatimInput(text: string, format: LogFormat, logged: object, seen: object): string | undefined {
  if (Object.keys(logged).length !== Object.keys(seen).length) return undefined;
  const span = topLevelValueSpan(text, format.inputField);
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

/** Why a line is not JSON, and where in the line (the line's `byteOffset` stays its first byte). */
function badJson(text: string, error: unknown): string {
  if (error instanceof RangeError) {
    return 'bad JSON: nested too deeply to read (arrays or objects inside each other beyond what the parser can hold)';
  }
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof JsonSyntaxError)) return `bad JSON: ${message}`;
  return `bad JSON: ${message} (byte ${Buffer.byteLength(text.slice(0, error.offset))} of the line)`;
}

/** What a line that is JSON but not an object holds; a string holding a JSON object gets a hint. */
function whatItIs(parsed: unknown): string {
  if (Array.isArray(parsed)) return 'an array';
  if (typeof parsed === 'string') {
    try {
      const inner = JSON.parse(parsed) as unknown;
      if (inner !== null && typeof inner === 'object') {
        return 'a string that holds JSON (double-encoded? the writer serialised each record twice)';
      }
    } catch {
      // an ordinary string
    }
    return 'a string';
  }
  return parsed === null ? 'null' : typeof parsed;
}

const NO_ENTITY = Symbol('no entity');

const shapes = new WeakMap<Contract, object>();

/** Whether every field of a parsed input is declared by the contract's input schema (none to strip or reject). */
function onlyDeclared(contract: Contract, input: Record<string, unknown>): boolean {
  let shape = shapes.get(contract);
  if (shape === undefined) {
    shape = contract.input.shape; // a getter on zod's side: read once per contract
    shapes.set(contract, shape);
  }
  for (const key in input) if (!Object.hasOwn(shape, key)) return false;
  return true;
}

/** Whether a line is empty or whitespace only (a line that opens an object is not: no trim of it). @internal */
export function isBlank(text: string): boolean {
  return text.charCodeAt(0) !== 123 && text.trim() === '';
}

export function decodeRecord(
  raw: RawLine,
  contract: Contract,
  format: LogFormat,
  options: { readonly keepInputText?: boolean } = {},
): SideRecord | InvalidLine {
  if (isBlank(raw.text)) return invalidLine(raw, 'json', 'blank line');
  let parsed: unknown;
  try {
    parsed = parseLosslessJson(raw.text);
  } catch (error) {
    return invalidLine(raw, 'json', badJson(raw.text, error));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return invalidLine(raw, 'record', `expected a JSON object per line, got ${whatItIs(parsed)}`);
  }
  const record = parsed as Record<string, unknown>;
  const input = record[format.inputField];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return invalidLine(raw, 'record', `field "${format.inputField}" is missing or not an object`, format.inputField);
  }
  const logged = record[format.timestampField];
  // Only the default field falls back to the contract's timestamp in the input; a field the user named never does.
  const fallback =
    logged === undefined &&
    contract.timestamp !== undefined &&
    format.timestampField === DEFAULT_LOG_FORMAT.timestampField
      ? (input as Record<string, unknown>)[contract.timestamp]
      : logged;
  const timestamp = timestampOf(fallback);
  if (timestamp === undefined) {
    const what =
      fallback === undefined
        ? 'is missing'
        : typeof fallback === 'number' && Number.isFinite(fallback)
          ? `is ${fallback} epoch ms, outside the range of a date (±8.64e15)`
          : 'is not epoch ms or ISO 8601 with a zone';
    return invalidLine(raw, 'record', `field "${format.timestampField}" ${what}`, format.timestampField);
  }
  // An input of declared fields only is the same under every policy: no need to list its keys.
  const policed = onlyDeclared(contract, input as Record<string, unknown>)
    ? { input: input as Record<string, unknown> }
    : applyExtraFields(contract, input as Record<string, unknown>);
  if ('extraField' in policed) {
    const path = formatPath(format.inputField, [policed.extraField]);
    return invalidLine(
      raw,
      'schema',
      `${path}: not a field of the contract (its extraFields policy is 'reject')`,
      path,
    );
  }
  const checked = validateInput(contract.input as z.ZodType, policed.input);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = formatPath(format.inputField, issue?.path ?? []);
    return invalidLine(
      raw,
      'schema',
      `${path}: ${issue?.message ?? 'invalid'}${checked.issues.length > 1 ? ` (+${checked.issues.length - 1} more)` : ''}`,
      path,
    );
  }
  // No entity named by the log format or the contract (a record-wise contract): the record stands on its own.
  const entityValue =
    format.entityField !== undefined
      ? record[format.entityField]
      : contract.entity === undefined
        ? NO_ENTITY
        : (input as Record<string, unknown>)[contract.entity];
  if (entityValue === undefined || entityValue === null) {
    const where = format.entityField ?? `${format.inputField}.${contract.entity}`;
    return invalidLine(raw, 'record', `entity field "${where}" is missing`, where);
  }
  const served = record[format.servedField];
  const recordId = idOf(record, input as Record<string, unknown>, format.idField ?? 'id');
  const inputText = options.keepInputText === true ? verbatimInput(raw.text, format, input, policed.input) : undefined;
  // Built field by field, in the order the record has always had, without a throwaway object per optional field.
  const out: { -readonly [K in keyof SideRecord]: SideRecord[K] } = {
    id: String(raw.line),
    line: raw.line,
  } as SideRecord;
  if (entityValue !== NO_ENTITY) out.entity = entityKeyOf(entityValue);
  out.timestamp = timestamp;
  if (recordId !== undefined) out.recordId = recordId;
  out.input = policed.input;
  if (inputText !== undefined) out.inputText = inputText;
  if (served !== undefined) out.served = served;
  return out;
}

/** @internal */
export function isInvalid(decoded: SideRecord | InvalidLine): decoded is InvalidLine {
  return 'reason' in decoded;
}
