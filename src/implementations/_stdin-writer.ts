import type { Writable } from 'node:stream';

/**
 * Writes text to a child's stdin in order, piece by piece, pulling the next piece only while the pipe takes it
 * (`drain`): a batch of 100,000 records is encoded as the child reads it, not held as one string. A batch of the
 * usual size is one piece, written at once.
 * @internal
 */
export class StdinWriter {
  private readonly queue: Iterator<string>[] = [];
  private waiting = false;
  private stopped = false;

  /** `failed` hears of a piece that could not be produced (the rest of the queue is dropped). */
  constructor(
    private readonly stdin: Writable,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Queues pieces after everything queued before; the first ones are written before this returns. */
  write(pieces: Iterator<string>): void {
    this.queue.push(pieces);
    this.pump();
  }

  /** Drops what is not written yet (the child is gone). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  private pump(): void {
    while (!this.waiting && !this.stopped && this.queue.length > 0) {
      let next: IteratorResult<string>;
      try {
        next = (this.queue[0] as Iterator<string>).next();
      } catch (error) {
        this.stop();
        this.failed(error);
        return;
      }
      if (next.done === true) {
        this.queue.shift();
        continue;
      }
      if (!this.stdin.write(next.value)) {
        this.waiting = true;
        this.stdin.once('drain', () => {
          this.waiting = false;
          this.pump();
        });
      }
    }
  }
}
