import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { StdinWriter } from '../../../src/implementations/_stdin-writer.ts';

/** A slow pipe: takes one piece per tick and reports full after 2 bytes. */
function slowPipe(): { stream: Writable; written: string[] } {
  const written: string[] = [];
  const stream = new Writable({
    highWaterMark: 2,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      setImmediate(done);
    },
  });
  return { stream, written };
}

function* pieces(name: string, n: number, pulled: string[]): Generator<string> {
  for (let i = 0; i < n; i++) {
    pulled.push(`${name}${i}`);
    yield `${name}${i};`;
  }
}

describe('StdinWriter', () => {
  it('writes queued pieces in order, pulling the next only once the pipe drained', async () => {
    const { stream, written } = slowPipe();
    const pulled: string[] = [];
    const writer = new StdinWriter(stream, () => {});
    writer.write(pieces('a', 3, pulled));
    writer.write(pieces('b', 2, pulled));
    // The first piece filled the pipe: nothing more was encoded yet.
    expect(pulled).toEqual(['a0']);
    await vi.waitFor(() => expect(written.join('')).toBe('a0;a1;a2;b0;b1;'));
  });

  it('drops what is left when stopped, and reports a piece that cannot be produced', () => {
    const { stream, written } = slowPipe();
    const failures: unknown[] = [];
    const writer = new StdinWriter(stream, (e) => failures.push(e));
    writer.write(
      (function* () {
        yield 'ok;';
      })(),
    );
    writer.stop();
    writer.write(pieces('c', 2, []));
    expect(written.join('')).toBe('ok;');
    const broken = new StdinWriter(slowPipe().stream, (e) => failures.push(e));
    broken.write({
      next(): IteratorResult<string> {
        throw new Error('cannot encode');
      },
    });
    expect(String(failures[0])).toContain('cannot encode');
  });
});
