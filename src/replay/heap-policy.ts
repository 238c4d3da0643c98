import { setFlagsFromString } from 'node:v8';

const STREAMING = '--heap-growing-percent=50';
/** 0 leaves the growth factor to V8's own heuristics (its default). */
const V8_DEFAULT = '--heap-growing-percent=0';

let streaming = false;
let holders = 0;

/**
 * A replay streams: its live heap stays small (tens of MiB) while the sides allocate fast. Left alone, V8 then lets
 * the old generation grow to several times the live size before it collects, and peak RSS climbs with the length of
 * the log. Growing the heap by at most half of what survived a full collection keeps the peak near the live size.
 * This is a growth policy, not a limit: a side that needs more memory still gets it. The CLI applies it at start.
 */
export function applyStreamingHeapPolicy(): void {
  streaming = true;
  if (holders === 0) setFlagsFromString(STREAMING);
}

/**
 * A replay that holds a log in memory (the columnar path, a whole log or a part of one) does not stream: its live heap
 * is the log's columns, hundreds of MiB, and collecting each time the heap grows by half of that marks those columns
 * again and again. While such a replay runs, V8 sizes the heap by its own heuristics; the streaming policy is back
 * once the last one lets go. Nothing changes when the streaming policy was never applied (a program using the API
 * keeps its own V8 flags).
 * @returns the function that lets go (calling it again does nothing)
 */
export function holdLogInMemory(): () => void {
  if (!streaming) return () => undefined;
  if (holders++ === 0) setFlagsFromString(V8_DEFAULT);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) setFlagsFromString(STREAMING);
  };
}
