/** Text for a Markdown table cell: Markdown and HTML syntax escaped, line breaks as `<br>`. */
export function mdText(text: string): string {
  return text.replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, '<br>');
}

/** Code in a table cell: a code span whose fence is longer than any run of backticks inside, pipes escaped. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** One Markdown table row. */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
