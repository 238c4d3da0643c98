/**
 * What is wrong with a `redact` list (a contract's or a config binding's), or undefined when it is well-formed: a list
 * of distinct, non-empty input field paths, dotted for nested fields (`holder.name`), each starting at a field the
 * input declares (unless undeclared fields reach the sides, `open`). A misspelt path would silently leak the field it
 * meant, so it is refused rather than ignored.
 * @param fields - the list as written
 * @param inputFields - the top-level fields of the contract's input
 * @param open - whether fields the input does not declare are kept (`extraFields: 'keep'`)
 * @returns the problem, worded to follow `redact: `, or undefined
 * @remarks Since 0.1
 * @public
 */
export function redactFieldsProblem(
  fields: unknown,
  inputFields: readonly string[],
  open: boolean,
): string | undefined {
  if (!Array.isArray(fields)) return 'must be a list of input field paths, e.g. ["card_number", "holder.name"]';
  const seen = new Set<string>();
  for (const field of fields as unknown[]) {
    if (typeof field !== 'string' || field.split('.').some((part) => part.trim() === '')) {
      return `${JSON.stringify(field)} is not an input field path: write a field name, dotted for nested fields ("holder.name")`;
    }
    if (seen.has(field)) return `"${field}" is listed twice`;
    seen.add(field);
    const root = field.split('.')[0] as string;
    if (!open && !inputFields.includes(root)) {
      return `"${field}" names no field of the input (it has ${inputFields.join(', ') || 'none'}): a misspelt path would leave the field it meant in every report`;
    }
  }
  return undefined;
}
