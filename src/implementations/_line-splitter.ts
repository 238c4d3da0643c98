/**
 * Cuts a stream of text chunks into lines (without their `\n` or `\r\n`). The pieces of a line not yet ended are
 * kept in a list and joined once its newline comes, so a long line costs linear time.
 * @internal
 */
export class LineSplitter {
  private carry: string[] = [];

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      let line = chunk.slice(start, nl);
      if (this.carry.length > 0) {
        this.carry.push(line);
        line = this.carry.join('');
        this.carry = [];
      }
      this.onLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
      start = nl + 1;
    }
    if (start < chunk.length) this.carry.push(chunk.slice(start));
  }
}
