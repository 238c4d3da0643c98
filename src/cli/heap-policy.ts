import { setFlagsFromString } from 'node:v8';

/**
 * A replay streams: its live heap stays small (tens of MiB) while the sides allocate fast. Left alone, V8 then lets
 * the old generation grow to several times the live size before it collects, and peak RSS climbs with the length of
 * the log. Growing the heap by at most half of what survived a full collection keeps the peak near the live size.
 * This is a growth policy, not a limit: a side that needs more memory still gets it.
 */
export function applyStreamingHeapPolicy(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
