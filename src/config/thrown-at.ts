import { fileURLToPath } from 'node:url';

/**
 * The first place in a file of the user's (not Node's, not a package's in node_modules) that an error's stack names,
 * as `path:line:column`, when any; a config's fresh-load query is left out of its name.
 * @internal
 */
export function thrownAt(error: unknown): string | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n').slice(1)) {
    const place = /\(?((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?\s*$/.exec(line.trim())?.[1];
    if (place === undefined || place.includes('/node_modules/')) continue;
    const path = place.replace(/\?lockstep-load=\d+/, '');
    return path.startsWith('file://')
      ? fileURLToPath(path.replace(/:\d+:\d+$/, '')) + /:\d+:\d+$/.exec(path)?.[0]
      : path;
  }
  return undefined;
}
