/**
 * Runs `work` over `items` with at most `limit` at once, in order of start, and waits for all of them.
 * @internal
 */
export async function mapWindow<T>(items: Iterable<T>, limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  for (const item of items) {
    const p: Promise<void> = work(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}
