import { parseLosslessJson } from '../codec/lossless-json.ts';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import { errorMessage, type SideOutcome, type SideRecord, type SideShape } from './side.ts';

/**
 * The line protocol's wire format (docs/protocol.md), shared by the command and HTTP sides. Values go through the
 * lossless codec both ways, so an int64 arrives exact and Python's `NaN`/`Infinity` come back as numbers.
 */

/** One request as written: `{"id","input"}`, plus `entity` and `timestamp` for entity-wise sides. @internal */
export function encodeRequest(wireId: string, record: SideRecord, shape: SideShape): string {
  const input = record.inputText ?? stringifyLosslessJson(record.input);
  if (shape === 'record') return `{"id":${JSON.stringify(wireId)},"input":${input}}`;
  const timestamp = stringifyLosslessJson(record.timestamp);
  return `{"id":${JSON.stringify(wireId)},"entity":${JSON.stringify(record.entity)},"timestamp":${timestamp},"input":${input}}`;
}

/** The line that ends a batch for entity-wise sides. @internal */
export function encodeEnd(batchId: string): string {
  return `{"end":${JSON.stringify(batchId)}}`;
}

/** A decoded response: the id it answers and the outcome, or why it is not a response. @internal */
export type DecodedResponse =
  | { readonly ok: true; readonly id: string; readonly outcome: SideOutcome }
  | { readonly ok: false; readonly id?: string; readonly message: string };

/** The start of a text, cut to a readable length. @internal */
export function excerpt(text: string, max = 160): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/**
 * Reads one result object (`{"id","features"}` or `{"id","error"}`). A known id with neither field is still an
 * answer for that id: an error outcome saying what was wrong.
 * @internal
 */
export function readResult(value: unknown): DecodedResponse {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      message: `expected an object with "id", got ${Array.isArray(value) ? 'an array' : typeof value}`,
    };
  }
  const result = value as Record<string, unknown>;
  const raw = result.id;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'bigint') {
    return { ok: false, message: 'the response has no string "id"' };
  }
  const id = String(raw);
  if (result.error !== undefined && result.error !== null) {
    const error = typeof result.error === 'string' ? result.error : stringifyLosslessJson(result.error);
    return { ok: true, id, outcome: { error } };
  }
  if ('features' in result) return { ok: true, id, outcome: { features: result.features as Record<string, unknown> } };
  return { ok: true, id, outcome: { error: 'the response has neither "features" nor "error"' } };
}

/** Parses one response line with the lossless codec. @internal */
export function decodeResponseLine(line: string): DecodedResponse {
  let value: unknown;
  try {
    value = parseLosslessJson(line);
  } catch (error) {
    return { ok: false, message: `not JSON (${errorMessage(error)})` };
  }
  return readResult(value);
}
