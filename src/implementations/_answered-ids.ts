/**
 * The ids a child answered lately, so an answer for an id no longer in flight can be told apart: a duplicate, or an
 * id that was never asked. Bounded: a ring of `size` ids.
 * @internal
 */
export class AnsweredIds {
  private readonly lines = new Map<string, number>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(private readonly size = 4096) {
    this.ring = new Array(size);
  }

  remember(id: string, line: number): void {
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.lines.delete(evicted);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.size;
    this.lines.set(id, line);
  }

  /** Why an answer for `id` matched nothing in flight, and the record's log line when known. */
  explain(id: string): { readonly reason: string; readonly line?: number } {
    const line = this.lines.get(id);
    if (line === undefined) return { reason: `answers unknown id "${id}" (no such request in flight); ignored` };
    return { reason: `answers id "${id}" a second time; ignored`, line };
  }
}
