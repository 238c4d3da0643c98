/** Marks an entry whose record had no entity. */
const NO_ENTITY = -1;

/**
 * One generation of remembered record ids: an open-addressing hash table over typed arrays (a slot holds an entry's
 * index), each entry's id and entity kept as their UTF-16 code units in one growing arena. Nothing is kept on the
 * JavaScript heap: a log with an id on every line would otherwise hold 100,000 to 200,000 strings alive long enough
 * to be promoted, and the collector would copy and mark them (1.6 CPU-s of a 12.7 CPU-s replay of 1M lines with
 * 19-digit ids). Each entry's full hash is kept, so a probe compares the texts only when the hashes are equal.
 */
class IdGeneration {
  size = 0;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  readonly lines: Float64Array;
  /** Where each entry's id starts in `units`; the entity's text follows it (`entityLengths`; -1: no entity). */
  private readonly starts: Int32Array;
  private readonly idLengths: Int32Array;
  private readonly entityStarts: Int32Array;
  private readonly entityLengths: Int32Array;
  private units: Uint16Array;
  /** Code units the arena holds: the next generation starts with room for as many. */
  used = 0;

  /** `units`: the arena's first size, in code units (it doubles when full). */
  constructor(capacity: number, units: number) {
    let size = 1;
    while (size < capacity * 2) size *= 2; // at most half full: probes stay short
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hashes = new Int32Array(capacity);
    this.lines = new Float64Array(capacity);
    this.starts = new Int32Array(capacity);
    this.idLengths = new Int32Array(capacity);
    this.entityStarts = new Int32Array(capacity);
    this.entityLengths = new Int32Array(capacity);
    this.units = new Uint16Array(units);
  }

  /** The entry of `id` (hashed `hash`), or -1. */
  find(id: string, hash: number): number {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return -1;
      const entry = slot - 1;
      if (this.hashes[entry] === hash && this.holds(this.starts[entry] as number, this.idLengths[entry] as number, id))
        return entry;
    }
  }

  /** Whether entry `entry` was noted for `entity`. */
  entityIs(entry: number, entity: string | undefined): boolean {
    const length = this.entityLengths[entry] as number;
    if (entity === undefined) return length === NO_ENTITY;
    return length !== NO_ENTITY && this.holds(this.entityStarts[entry] as number, length, entity);
  }

  /** Adds an id not yet in this generation. */
  add(id: string, hash: number, line: number, entity: string | undefined): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    const entry = this.size++;
    this.hashes[entry] = hash;
    this.starts[entry] = this.store(id);
    this.idLengths[entry] = id.length;
    this.slots[i] = entry + 1;
    this.update(entry, line, entity);
  }

  /** The entry now stands for the record at `line` of `entity`. */
  update(entry: number, line: number, entity: string | undefined): void {
    this.lines[entry] = line;
    if (entity === undefined) {
      this.entityLengths[entry] = NO_ENTITY;
      return;
    }
    this.entityStarts[entry] = this.store(entity);
    this.entityLengths[entry] = entity.length;
  }

  /** Whether `length` units from `start` are `text`'s. */
  private holds(start: number, length: number, text: string): boolean {
    if (length !== text.length) return false;
    const units = this.units;
    for (let k = 0; k < length; k++) if (units[start + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Copies `text`'s code units into the arena; where they start. */
  private store(text: string): number {
    const start = this.used;
    const end = start + text.length;
    if (end > this.units.length) {
      const grown = new Uint16Array(Math.max(end, this.units.length * 2));
      grown.set(this.units.subarray(0, start));
      this.units = grown;
    }
    const units = this.units;
    for (let k = 0; k < text.length; k++) units[start + k] = text.charCodeAt(k);
    this.used = end;
    return start;
  }
}

/** FNV-1a over the id's UTF-16 code units. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
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
    this.current = new IdGeneration(perGeneration, Math.min(perGeneration, 4096) * 32);
    this.previous = new IdGeneration(0, 0);
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
    if (entry !== -1 && generation.entityIs(entry, entity)) return generation.lines[entry];
    if (entry !== -1 && generation === this.current) {
      // The id again, for another entity: it now stands for this record (as a Map's set would have it).
      this.current.update(entry, line, entity);
      return undefined;
    }
    this.current.add(id, hash, line, entity);
    if (this.current.size >= this.perGeneration) {
      this.previous = this.current;
      this.current = new IdGeneration(this.perGeneration, Math.ceil(this.previous.used * 1.1));
    }
    return undefined;
  }
}
