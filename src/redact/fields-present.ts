import { redactPaths } from './redact-paths.ts';

/**
 * The fields (paths, dotted for nested fields) that hold a value, not absent nor `null`, in any of the inputs: what a
 * copy of those inputs (a golden file, the corpus) keeps of the redacted fields.
 * @param inputs - records or histories
 * @param fields - the redacted paths
 * @remarks Since 0.1
 * @public
 */
export function fieldsPresent(inputs: readonly unknown[], fields: readonly string[]): string[] {
  return fields.filter((field) => {
    let found = false;
    const seen = () => {
      found = true;
    };
    for (const input of inputs) {
      redactPaths(input, [field], () => '', seen);
      if (found) break;
    }
    return found;
  });
}
