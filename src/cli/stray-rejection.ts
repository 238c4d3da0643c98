import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { thrownAt } from '../config/thrown-at.ts';
import { EXIT_CODES } from '../gate/verdict.ts';

/** Lockstep's own folder (its sources or its build), where a frame of Lockstep's own code lies. */
const OWN_ROOT = (() => {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith('/src/cli') ? here.slice(0, -'/src/cli'.length) : dirname(here);
})();

function isLockstepCode(place: string): boolean {
  return place.startsWith(`${OWN_ROOT}/src/`) || place.startsWith(`${OWN_ROOT}/dist/`);
}

/**
 * What a command does with a promise rejected that nothing handled (Node would end the process with exit code 1, which
 * reads as a failed gate): one rejected in the user's code (the config, a side module) is a configuration error
 * (exit 2) naming where; one in Lockstep's own code is an internal error (exit 3). Returns the exit code.
 */
export function reportStrayRejection(command: string, reason: unknown, write: (text: string) => void): number {
  const at = thrownAt(reason);
  const message = reason instanceof Error ? reason.message : String(reason);
  if (at !== undefined && !isLockstepCode(at)) {
    write(
      `\nlockstep ${command}: a promise was rejected and nothing handled it, at ${at}: ${message}\n` +
        '  → await it or add a .catch() there (in the config or a module it imports)\n',
    );
    return EXIT_CODES.usage;
  }
  const detail = reason instanceof Error ? (reason.stack ?? message) : String(reason);
  write(
    `\nlockstep ${command}: internal error (a promise was rejected and nothing handled it)\n${detail}\n` +
      'This is a bug in Lockstep; please open an issue with this output.\n',
  );
  return EXIT_CODES.internal;
}
