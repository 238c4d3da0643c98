import { describe, expect, it } from 'vitest';
import { commandSide } from '../../../src/implementations/command-side.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { checkParity, memoryCorpusStore, parity } from '../../../src/vitest/index.ts';
import { referenceSide, tiny } from '../fuzz/_tiny.ts';

// tiny's reference features in a Python child: `len` counts code points, as the reference does.
const PYTHON_REFERENCE = [
  'import json, sys',
  'for line in sys.stdin:',
  '    req = json.loads(line)',
  '    x, s = req["input"]["x"], req["input"]["s"]',
  '    print(json.dumps({"id": req["id"], "features": {"double": x * 2, "length": len(s)}}), flush=True)',
].join('\n');

describe('parity and side ownership', () => {
  it('never closes a side instance the caller gave: it serves two parity runs and the caller afterwards', async () => {
    // Arrange
    const serving = commandSide({ command: ['python3', '-c', PYTHON_REFERENCE], concurrency: 1 });
    const options = { training: referenceSide, serving, runs: 25, corpus: memoryCorpusStore() };
    try {
      // Act
      const first = await checkParity(tiny, { ...options, seed: 1 });
      const second = await parity(tiny, { ...options, seed: 2 });
      const [after] = await serving.compute([
        { id: 'after', line: 1, entity: 'e', timestamp: 0, input: { id: 'e', x: 21, s: 'ab' } },
      ]);

      // Assert
      expect(first.findings).toEqual([]);
      expect(second.status).toBe('pass');
      expect(after).toMatchObject({ features: { double: 42, length: 2 } });
    } finally {
      await serving.close?.();
    }
  });

  it('closes every side a factory made, each once, and only those', async () => {
    // Arrange
    const made: { started: number; closed: number }[] = [];
    const factory = (): Side => {
      const life = { started: 0, closed: 0 };
      made.push(life);
      return {
        shape: 'record',
        description: 'reference (fresh per case)',
        start: async () => void life.started++,
        compute: (batch) => referenceSide.compute(batch),
        close: async () => void life.closed++,
      };
    };
    let callerClosed = 0;
    const training: Side = { ...referenceSide, close: async () => void callerClosed++ };

    // Act
    await parity(tiny, { training, serving: factory, runs: 20, seed: 3, corpus: memoryCorpusStore() });

    // Assert
    expect(made.length).toBeGreaterThanOrEqual(20);
    expect(made.filter((life) => life.started !== 1 || life.closed !== 1)).toEqual([]);
    expect(callerClosed).toBe(0);
  });
});
