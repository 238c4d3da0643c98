import { firstInvalidUtf8 } from '../../codec/utf8.ts';
import type { Contract } from '../../contract/contract.ts';
import { asFrameExchange } from '../../implementations/frame-side.ts';
import type { Side, SidePair, SideRecord } from '../../implementations/side.ts';
import type { LogFormat } from '../log-format.ts';
import { decodeRecord, isBlank, type RawLine } from './decode-record.ts';
import { excerptOf, type InvalidLine } from './invalid-line.ts';

/** A line whose bytes are not UTF-8: invalid, with the offending byte (never silently replaced with U+FFFD). */
function notUtf8(raw: RawLine, at: number, bytes: Uint8Array): InvalidLine {
  const shown = Array.from(bytes.subarray(at, at + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    reason: 'json',
    line: raw.line,
    byteOffset: raw.byteOffset,
    message: `not UTF-8: byte ${at} of the line (offset ${raw.byteOffset + at} in the log) starts an invalid sequence (${shown}); logs must be UTF-8`,
    excerpt: excerptOf(raw.text),
  };
}

/**
 * Decodes the bytes `buf[from..to]` of one log line: `blank` for an empty or whitespace-only line (skipped, counted
 * apart), an invalid line (not UTF-8, not JSON, not a record, against the schema), or the record the sides compute on.
 * @internal
 */
export function decodeLine(
  buf: Buffer,
  from: number,
  to: number,
  at: { readonly line: number; readonly byteOffset: number },
  contract: Contract,
  format: LogFormat,
  keepInputText: boolean,
): SideRecord | InvalidLine | 'blank' {
  const raw = { line: at.line, byteOffset: at.byteOffset, text: buf.toString('utf8', from, to) };
  if (isBlank(raw.text)) return 'blank';
  const badByte = raw.text.includes('\uFFFD') ? firstInvalidUtf8(buf.subarray(from, to)) : -1;
  return badByte === -1
    ? decodeRecord(raw, contract, format, { keepInputText })
    : notUtf8(raw, badByte, buf.subarray(from, to));
}

/**
 * Whether a side gets each input's logged text verbatim: a side out of process that reads JSON (a command or HTTP
 * side), not a frame side (it gets Arrow columns encoded from the input) nor one in process.
 * @internal
 */
export function wantsInputText(sides: SidePair): boolean {
  const verbatim = (side: Side) => side.location !== 'in-process' && asFrameExchange(side) === undefined;
  return verbatim(sides.training) || verbatim(sides.serving);
}
