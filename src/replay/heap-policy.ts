import { setFlagsFromString } from 'node:v8';

const STREAMING = '--heap-growing-percent=50';
/** See `holdFrameBatches`. */
const FRAME_BATCHES = '--heap-growing-percent=200';
/** 0 leaves the growth factor to V8's own heuristics (its default). */
const V8_DEFAULT = '--heap-growing-percent=0';

let streaming = false;
/** Replays running now that hold a log in memory (`log`), or frame sides' batches on the row path (`batches`). */
const holders = { log: 0, batches: 0 };

/** The flag set last. */
let current: string | undefined;

/** The growth the replays running now want: a log in memory wins over frame batches, which win over streaming. */
function apply(): void {
  const wanted = holders.log > 0 ? V8_DEFAULT : holders.batches > 0 ? FRAME_BATCHES : STREAMING;
  if (wanted === current) return;
  current = wanted;
  setFlagsFromString(wanted);
}

/**
 * A replay streams: its live heap stays small (tens of MiB) while the sides allocate fast. Left alone, V8 then lets
 * the old generation grow to several times the live size before it collects, and peak RSS climbs with the length of
 * the log. Growing the heap by at most half of what survived a full collection keeps the peak near the live size.
 * This is a growth policy, not a limit: a side that needs more memory still gets it. The CLI applies it at start.
 */
export function applyStreamingHeapPolicy(): void {
  streaming = true;
  apply();
}

/** Takes a hold on the heap policy; the function returned lets go of it (calling it again does nothing). */
function hold(kind: keyof typeof holders): () => void {
  if (!streaming) return () => undefined;
  holders[kind]++;
  apply();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders[kind]--;
    apply();
  };
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
  return hold('log');
}

/**
 * A frame side on the row path answers a whole batch at once (thousands of rows, whole entities): the batch's records,
 * and the feature objects of its answer, all live until the batch is compared, with more batches read meanwhile. They
 * outlive the young collections, and at the streaming policy's growth each full collection marks the batches in flight
 * again (the pandas benchmark's 1M rows as JSON lines: 84 full collections, and Lockstep's own process 18.6–19.4
 * CPU-s against 15.5–15.9 with growth by twice what survived, for 193–196 against 234–239 MB of peak RSS). While such
 * a replay runs, the heap grows by twice what survived a full collection.
 * @returns the function that lets go (calling it again does nothing)
 */
export function holdFrameBatches(): () => void {
  return hold('batches');
}
