import { describe, expect, it } from 'vitest';
import type { SideSpec } from '../../../src/config/define-config.ts';
import { preferredBatchSize } from '../../../src/implementations/frame-batch-size.ts';
import { loggedSide } from '../../../src/implementations/in-process.ts';
import { resolveSide } from '../../../src/runner/resolve-side.ts';

describe('resolveSide: frame sides', () => {
  it("builds a frame side for protocol: 'arrow', which asks for large batches (8192, or its batchSize)", async () => {
    const side = await resolveSide(
      { command: ['python3', 'features.py'], protocol: 'arrow', shape: 'entity' },
      {
        root: '/tmp',
      },
    );
    const small = await resolveSide({ command: ['python3', 'f.py'], protocol: 'arrow', batchSize: 100 }, { root: '/' });

    expect(side.description).toBe('python3 features.py (arrow frames, entity-wise)');
    expect(side.shape).toBe('entity');
    expect(preferredBatchSize({ training: side, serving: loggedSide() })).toBe(8192);
    expect(preferredBatchSize({ training: small, serving: loggedSide() })).toBe(100);
    expect(preferredBatchSize({ training: loggedSide(), serving: loggedSide() })).toBeUndefined();
  });

  it('refuses another protocol with SKEW_CONFIG_INVALID', async () => {
    const spec = { command: ['python3', 'f.py'], protocol: 'lines' } as unknown as SideSpec;

    await expect(resolveSide(spec, { root: '/' })).rejects.toMatchObject({
      code: 'SKEW_CONFIG_INVALID',
      message: "side protocol must be 'arrow' (or left out for the line protocol), got lines",
    });
  });
});
