import { describe, expect, it } from 'vitest';
import { parseSideFlag } from '../../../src/config/parse-side-flag.ts';

describe('parseSideFlag: frame sides', () => {
  it('reads frames:<command> and entity-frames:<command> (split on whitespace or a JSON array) as Arrow frame sides', () => {
    expect(parseSideFlag('training', 'frames:python3 train.py')).toEqual({
      command: ['python3', 'train.py'],
      protocol: 'arrow',
    });
    expect(parseSideFlag('serving', 'entity-frames:["python3","my side.py"]')).toEqual({
      command: ['python3', 'my side.py'],
      protocol: 'arrow',
      shape: 'entity',
    });
  });

  it('refuses frames: without a command, with SKEW_USAGE', () => {
    expect(() => parseSideFlag('training', 'frames:https://example.com')).toThrow(
      expect.objectContaining({
        code: 'SKEW_USAGE',
        message: expect.stringMatching(/^--training: frames: takes a command/),
      }),
    );
  });
});
