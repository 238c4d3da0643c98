/**
 * One thing wrong with a contract document: where (a JSON pointer into the document, `/features/amount/tolerance`),
 * what, and what to write instead. Data, as ajv's and zod's issues are; {@link formatContractIssues} renders them.
 * @remarks Since 0.1
 * @public
 */
export interface ContractIssue {
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

/** A JSON pointer (RFC 6901) from its segments. @internal */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * Every issue of a contract document on its own line, `<source>: <path>: <message>; <hint>`.
 * @param source - the file (or other origin) the document came from
 * @param issues - the issues, in document order
 * @remarks Since 0.1
 * @public
 */
export function formatContractIssues(source: string, issues: readonly ContractIssue[]): string {
  return issues
    .map((i) => `${source}: ${i.path || '/'}: ${i.message}${i.hint === undefined ? '' : `; ${i.hint}`}`)
    .join('\n');
}
