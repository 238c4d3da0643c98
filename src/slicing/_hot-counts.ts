/** Distinct values a `HotCounts` holds. */
const HOT = 16;

/**
 * Counts of the few values a column repeats most (labels, flags, small counts), found by identity in a short list:
 * cheaper than a map per value. A column of many values turns it off (see `tally`); its counts are then handed on.
 * @internal
 */
export class HotCounts {
  private readonly keys: unknown[] = [];
  private readonly counts: number[] = [];
  private misses = 0;
  private hits = 0;
  /** False once the column showed more distinct values than the list holds (most values missed). */
  on = true;

  /** Counts `key` once; false when it is not held (the caller counts it itself). */
  tally(key: unknown): boolean {
    const keys = this.keys;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === key) {
        this.counts[j] = (this.counts[j] as number) + 1;
        this.hits++;
        return true;
      }
    }
    if (keys.length < HOT && !(typeof key === 'number' && Number.isNaN(key))) {
      keys.push(key);
      this.counts.push(1);
      return true;
    }
    if (++this.misses > 256 && this.misses > this.hits) this.on = false;
    return false;
  }

  /** Hands each value held on with its count, and forgets them. */
  drain(count: (key: unknown, n: number) => void): void {
    for (let j = 0; j < this.keys.length; j++) count(this.keys[j], this.counts[j] as number);
    this.keys.length = 0;
    this.counts.length = 0;
  }
}
