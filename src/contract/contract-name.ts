/**
 * What is wrong with a contract name, or undefined when it is fine. A contract's name names folders and files
 * (`snapshots/<name>/accepted.json`, `<name>.contract.json`) and is written into generated code, so it may not hold
 * a path separator, be `.` or `..`, or hold a control character or a line break (JavaScript's U+2028 and U+2029
 * included).
 * @internal
 */
export function contractNameProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be "${name}" (it names a folder of its own)`;
  if (/[/\\]/.test(name)) return 'may not hold "/" or "\\" (it names a folder and files)';
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(name)) return 'may not hold a control character or a line break';
  return undefined;
}

/** `contractNameProblem` as a JSON Schema pattern, for contract files. @internal */
export const CONTRACT_NAME_PATTERN = '^(?!\\.\\.?$)[^/\\\\\\u0000-\\u001f\\u007f\\u2028\\u2029]+$';
