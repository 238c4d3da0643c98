/**
 * Frame sides' framing (docs/protocol.md, "Frame sides (Arrow)"): each message is one kind byte, a 4-byte
 * little-endian payload length and the payload. Lockstep sends `B` (a batch: an Arrow IPC stream) and `R` (a reset
 * token); a side answers `A` (an Arrow IPC stream), `E` (the batch failed: a UTF-8 message) or `R` (the reset token).
 */

/** One framed message. @internal */
export interface FrameMessage {
  readonly kind: string;
  readonly payload: Buffer;
}

const HEADER = 5;
/** Bytes before a merged message's header, so that its payload starts 8-byte aligned. */
const PAD = 3;

/**
 * A message's first bytes: kind and payload length. The payload follows as it is, written after it (a batch is tens
 * of MB: it is not copied behind its header). @internal
 */
export function frameHeader(kind: string, payloadLength: number): Buffer {
  const header = Buffer.alloc(HEADER);
  header.write(kind, 0, 'latin1');
  header.writeUInt32LE(payloadLength, 1);
  return header;
}

/** Cuts a byte stream into messages; anything else on stdout is garbage that ends the child. @internal */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | undefined;

  /**
   * @param kinds - the message kinds that may come; bytes that start otherwise are handed on at once, whole, as a
   *   message of that kind (the reader of an answer then finds it is not one)
   */
  constructor(
    private readonly kinds: string,
    private readonly onMessage: (message: FrameMessage) => void,
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < HEADER) return;
        const head = this.merge();
        const kind = head.toString('latin1', 0, 1);
        if (!this.kinds.includes(kind)) {
          // Not a message (a line of text, a stray print): said at once, not after waiting for a bogus length.
          this.chunks = [];
          this.buffered = 0;
          this.onMessage({ kind, payload: head });
          return;
        }
        this.expected = HEADER + head.readUInt32LE(1);
      }
      // Chunks are merged once per message, not on every chunk of a large answer.
      if (this.buffered < this.expected) return;
      const all = this.mergeAligned();
      const kind = all.toString('latin1', 0, 1);
      const payload = all.subarray(HEADER, this.expected);
      const rest = all.subarray(this.expected);
      this.chunks = rest.length === 0 ? [] : [rest];
      this.buffered = rest.length;
      this.expected = undefined;
      this.onMessage({ kind, payload });
    }
  }

  private merge(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] as Buffer;
  }

  /**
   * The buffered bytes as one buffer whose payload starts at an 8-byte boundary: Arrow reads a message body in place
   * only there, and copies it otherwise. A message in one chunk is used as it is.
   */
  private mergeAligned(): Buffer {
    if (this.chunks.length === 1) return this.chunks[0] as Buffer;
    const all = Buffer.allocUnsafeSlow(PAD + this.buffered).subarray(PAD);
    let at = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    this.chunks = [all];
    return all;
  }
}
