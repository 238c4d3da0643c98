/** Lines are gathered into chunks of about this many characters before they go to the replay. */
const CHUNK = 1 << 20;

/** Gathers rendered lines (each ending in `\n`) into chunks of about a megabyte for a `LineSource`. */
export class LineChunks {
  private parts: string[] = [];
  private size = 0;

  /** Adds a line; returns a full chunk when one is ready. */
  push(line: string): Buffer | undefined {
    this.parts.push(line);
    this.size += line.length;
    return this.size >= CHUNK ? this.take() : undefined;
  }

  /** What is gathered so far, if anything. */
  take(): Buffer | undefined {
    if (this.parts.length === 0) return undefined;
    const chunk = Buffer.from(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    return chunk;
  }
}
