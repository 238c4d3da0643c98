/**
 * One generation of remembered record ids: an open-addressing hash table over typed arrays (a slot holds an entry's
 * index), each id kept as its string so a hash collision is settled by comparing the ids themselves. Cheaper than a
 * `Map` of small objects: no object per id, and nothing for the collector to trace but the id strings.
 */
class IdGeneration {
  readonly ids: string[] = [];
  readonly lines: Float64Array;
  readonly entities: (string | undefined)[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 1;
    while (size < capacity * 2) size *= 2; // at most half full: probes stay short
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.lines = new Float64Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The entry of `id` (hashed `hash`), or -1. */
  find(id: string, hash: number): number {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return -1;
      if (this.ids[slot - 1] === id) return slot - 1;
    }
  }

  /** Adds an id not yet in this generation. */
  add(id: string, hash: number, line: number, entity: string | undefined): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    const entry = this.ids.length;
    this.ids.push(id);
    this.entities.push(entity);
    this.lines[entry] = line;
    this.slots[i] = entry + 1;
  }
}

/** FNV-1a over the id's UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The most recent record ids, to find repeats: two generations of `perGeneration` ids (when the current one fills, it
 * becomes the previous one and the oldest is dropped whole), so memory stays flat on a log of any length and
 * remembering costs the same on the billionth line as on the first.
 * @internal
 */
export class RecentIds {
  private current: IdGeneration;
  private previous: IdGeneration;

  constructor(private readonly perGeneration: number) {
    this.current = new IdGeneration(perGeneration);
    this.previous = new IdGeneration(0);
  }

  /**
   * Notes a record's id; returns the line of the earlier record of the same entity that had it (the current
   * generation is asked first, as the later one), or undefined after remembering it with this line and entity.
   */
  note(id: string, line: number, entity: string | undefined): number | undefined {
    const hash = hashOf(id);
    let generation = this.current;
    let entry = generation.find(id, hash);
    if (entry === -1) {
      generation = this.previous;
      entry = generation.find(id, hash);
    }
    if (entry !== -1 && generation.entities[entry] === entity) return generation.lines[entry];
    if (entry !== -1 && generation === this.current) {
      // The id again, for another entity: it now stands for this record (as a Map's set would have it).
      this.current.lines[entry] = line;
      this.current.entities[entry] = entity;
      return undefined;
    }
    this.current.add(id, hash, line, entity);
    if (this.current.size >= this.perGeneration) {
      this.previous = this.current;
      this.current = new IdGeneration(this.perGeneration);
    }
    return undefined;
  }
}
