/**
 * The last lines a child wrote to stderr, kept so a crash can be explained with what the child said last.
 * Bounded: at most `maxLines` lines of at most `maxLineLength` characters each.
 * @internal
 */
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines = 12,
    private readonly maxLineLength = 300,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = this.clip(parts.pop() ?? '');
    for (const part of parts) {
      const line = part.replace(/\r$/, '');
      if (line.trim() === '') continue;
      this.lines.push(this.clip(line));
      if (this.lines.length > this.maxLines) this.lines.shift();
    }
  }

  /** The kept lines joined with ` | `, or `''` when the child wrote nothing to stderr. */
  text(): string {
    const all = this.partial.trim() === '' ? this.lines : [...this.lines, this.partial];
    return all.slice(-this.maxLines).join(' | ');
  }

  private clip(line: string): string {
    return line.length <= this.maxLineLength ? line : `${line.slice(0, this.maxLineLength)}…`;
  }
}
