import type { SideName } from './divergence.ts';

const PREFIX = 'missing from precomputed features in ';
const PARSE = /^missing from precomputed features in (.+?): (no row has id|the record has no id)/s;

/**
 * The error outcome of a record a precomputed-features side has no row for: the file has no row with the record's id,
 * or the record has no id to join on. Replay reads these apart (see {@link precomputedMissingCause}): they make one
 * class per file, "missing from precomputed features", whatever the id.
 * @param file - the features file, as the reader should see it
 * @param id - the record's id, or undefined when the log line has none
 * @remarks Since 0.1
 * @public
 */
export function precomputedMissingMessage(file: string, id: string | undefined): string {
  return id === undefined
    ? `${PREFIX}${file}: the record has no id to join on (the log's id field: --id-field, default "id")`
    : `${PREFIX}${file}: no row has id '${id}' (the batch job skipped this record, or ran over other logs)`;
}

/**
 * The class label of an error made by {@link precomputedMissingMessage} (the id left out, so that every missing record
 * of a file is one class), or undefined for any other error.
 * @internal
 */
export function precomputedMissingCause(side: SideName, message: string): string | undefined {
  const m = PARSE.exec(message);
  if (m === null) return undefined;
  return `${side}: missing from precomputed features in ${m[1]}${m[2] === 'no row has id' ? '' : ' (records with no id)'}`;
}

/** Whether a class label was made by {@link precomputedMissingCause}. @internal */
export function isPrecomputedMissingCause(cause: string): boolean {
  return /^(training|serving): missing from precomputed features in /.test(cause);
}
