import { SkewError } from '../errors.ts';
import type { SideSpec } from './define-config.ts';

/**
 * Turns a `--training`/`--serving` flag into a side spec: `logged`, an `http(s)://` URL, a JSON array of
 * arguments, or a command line split on whitespace (no shell: quotes are not interpreted; use a JSON array).
 * @public
 */
export function parseSideFlag(flag: string, value: string): SideSpec {
  const text = value.trim();
  if (text === '') throw new SkewError('SKEW_USAGE', `--${flag}: empty side; give logged, a URL or a command`);
  if (text === 'logged') return 'logged';
  if (/^https?:\/\//.test(text)) return { http: text };
  if (text.startsWith('[')) {
    let args: unknown;
    try {
      args = JSON.parse(text);
    } catch {
      throw new SkewError('SKEW_USAGE', `--${flag}: ${text} is not a JSON array of strings`);
    }
    if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) {
      throw new SkewError(
        'SKEW_USAGE',
        `--${flag}: expected a non-empty JSON array of strings, e.g. ["python3","train.py"]`,
      );
    }
    return { command: args };
  }
  const entity = text.startsWith('entity:');
  const command = (entity ? text.slice('entity:'.length) : text).trim().split(/\s+/);
  return entity ? { command, shape: 'entity' } : { command };
}
