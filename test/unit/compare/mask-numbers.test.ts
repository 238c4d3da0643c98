import { describe, expect, it } from 'vitest';
import { maskNumbers } from '../../../src/compare/mask-numbers.ts';

describe('maskNumbers', () => {
  it.each([
    ['python3 exited with code 1 after 250 ms', 'python3 exited with code # after # ms'],
    ['KeyError: amount_7d at row 12', 'KeyError: amount_7d at row #'],
    ['connect ECONNREFUSED 127.0.0.1:8080', 'connect ECONNREFUSED 127.0.0.1:8080'],
    ['POST http://localhost:9000/v2/features answered 503', 'POST http://localhost:9000/v2/features answered #'],
    ['redis:6379 timed out after 3.5 s', 'redis:6379 timed out after # s'],
    ['[::1]:8080 refused', '[::1]:8080 refused'],
    ['int64 overflow: 9223372036854775808', 'int64 overflow: #'],
  ])('%s', (message, shape) => {
    expect(maskNumbers(message)).toBe(shape);
  });
});
