/**
 * A log line kept out of the comparison: bad JSON (`json`), a record without its parts (`record`), or an input
 * that breaks the contract's input schema (`schema`).
 * @public
 */
export interface InvalidLine {
  readonly reason: 'json' | 'record' | 'schema';
  readonly line: number;
  /** Byte offset of the line's first byte in the (decompressed) log. */
  readonly byteOffset: number;
  /** Where in the record it failed, e.g. `input.amount`, when known. */
  readonly path?: string;
  readonly message: string;
  /** The start of the offending line, cut to a readable length. */
  readonly excerpt: string;
}

/** @internal */
export function excerptOf(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
