/**
 * Bounded, order-independent collections the stratifier fills while a replay streams records past it. The replay
 * visits records partition by partition, not in log order; every pool here ends up with the same contents whatever
 * the order, so the same log always gives the same sample.
 */

/** A log record as a candidate for a stratum: its run-wide line number, its entity and (when kept) its features. */
export interface Candidate {
  readonly line: number;
  readonly entity: string;
  readonly features?: Readonly<Record<string, unknown>>;
}

/** A 32-bit mix of a number (murmur3's finaliser): a stable, well-spread hash of a line number. */
export function hashLine(line: number): number {
  let h = (line ^ (line / 0x1_0000_0000)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of a string's UTF-16 code units, mixed: a stable hash of an entity key. */
export function hashText(text: string): number {
  let h = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x0100_0193);
  return hashLine(h >>> 0);
}

/**
 * The records with the smallest line numbers among distinct entities: each entity's first line, then the `size`
 * smallest of those. Keeping several entities lets a stratum prefer a record whose entity no other case uses.
 */
export class LinePool {
  private readonly byEntity = new Map<string, Candidate>();

  constructor(private readonly size = 4) {}

  add(candidate: Candidate): void {
    const current = this.byEntity.get(candidate.entity);
    if (current !== undefined && current.line <= candidate.line) return;
    this.byEntity.set(candidate.entity, candidate);
    if (this.byEntity.size <= this.size) return;
    let worst = candidate;
    for (const c of this.byEntity.values()) if (c.line > worst.line) worst = c;
    this.byEntity.delete(worst.entity);
  }

  /** The candidates, smallest line first. */
  candidates(): Candidate[] {
    return [...this.byEntity.values()].sort((a, b) => a.line - b.line);
  }
}

/**
 * The `size` items with the smallest `(hash, tie)` keys: a deterministic sample whatever order items come in. Items
 * are only cut when twice `size` are held, so adding stays cheap.
 */
export class BottomK<T> {
  private items: { readonly hash: number; readonly tie: string | number; readonly item: T }[] = [];

  constructor(private readonly size: number) {}

  add(hash: number, tie: string | number, item: T): void {
    this.items.push({ hash, tie, item });
    if (this.items.length >= 2 * this.size) this.cut();
  }

  /** The kept items, smallest key first. */
  values(): T[] {
    this.cut();
    return this.items.map((i) => i.item);
  }

  private cut(): void {
    this.items.sort((a, b) => a.hash - b.hash || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0));
    this.items.length = Math.min(this.items.length, this.size);
  }
}

/** One event of an entity's history: where it is in the log and when it happened. */
export interface HistoryEvent {
  readonly line: number;
  readonly timestamp: number;
}

/** An entity's whole history, or its size when it is longer than the pool keeps. */
export interface EntityHistory {
  readonly entity: string;
  readonly hash: number;
  /** Events in time order (ties by line); empty when `count` exceeds the pool's `maxEvents`. */
  readonly events: readonly HistoryEvent[];
  readonly count: number;
}

/**
 * The whole histories of the `size` entities with the smallest hashes of their keys. An entity is only ever dropped
 * when `size` entities with smaller hashes are held, and those stay, so every entity kept at the end has all its
 * events, whatever order they came in.
 */
export class HistoryPool {
  private readonly byEntity = new Map<string, { hash: number; events: HistoryEvent[]; count: number }>();

  constructor(
    private readonly size: number,
    private readonly maxEvents: number,
  ) {}

  add(entity: string, event: HistoryEvent): void {
    let held = this.byEntity.get(entity);
    if (held === undefined) {
      held = { hash: hashText(entity), events: [], count: 0 };
      this.byEntity.set(entity, held);
      if (this.byEntity.size >= 2 * this.size) this.cut();
    }
    held.count++;
    if (held.count <= this.maxEvents) held.events.push(event);
  }

  /** The kept histories, smallest hash first. */
  histories(): EntityHistory[] {
    this.cut();
    return this.sorted().map(([entity, h]) => ({
      entity,
      hash: h.hash,
      count: h.count,
      events:
        h.count > this.maxEvents ? [] : [...h.events].sort((a, b) => a.timestamp - b.timestamp || a.line - b.line),
    }));
  }

  private sorted(): [string, { hash: number; events: HistoryEvent[]; count: number }][] {
    return [...this.byEntity].sort(([ea, a], [eb, b]) => a.hash - b.hash || (ea < eb ? -1 : ea > eb ? 1 : 0));
  }

  private cut(): void {
    for (const [entity] of this.sorted().slice(this.size)) this.byEntity.delete(entity);
  }
}

/** The records with a feature's smallest (or largest) value so far, of distinct entities. */
export class Extreme {
  value: number = Number.NaN;
  pool: LinePool = new LinePool();
  constructor(private readonly better: (a: number, b: number) => boolean) {}
  add(n: number, c: Candidate): void {
    if (Number.isNaN(this.value) || this.better(n, this.value)) {
      this.value = n;
      this.pool = new LinePool();
    }
    if (n === this.value) this.pool.add(c);
  }
}
