import type { ClassSlice } from './class-slice.ts';
import { keyText, SLOT_KEYS } from './shape-keys.ts';
import { allFields, type FieldCounts, type SliceCounts, type SliceValue, shapeTotals } from './slice-counts.ts';

/**
 * When a predicate is a slice of a class: enough of the class's records hold it, it is far more common in the class
 * than in the log, and that is not chance.
 * @remarks Since 0.1
 * @public
 */
export const SLICE_RULE = {
  /** Class records that must hold it. */
  minRecords: 3,
  /** inClass ÷ inLog, at least. */
  minLift: 2,
  /** Either this share of the class holds it… */
  minInClass: 0.8,
  /** …or it is this many times as common in the class as in the log… */
  strongLift: 3,
  /** …and holds for this share of the class at least. */
  minShare: 0.2,
  /** Standard deviations above what a class as big drawn at random from the log would hold (binomial). */
  minZ: 3,
  /** Slices kept per class. */
  limit: 5,
} as const;

interface Candidate extends ClassSlice {
  readonly hits: number;
  readonly logHits: number;
  readonly score: number;
}

/** `"Australia/Sydney"`, `12.5`, `true`. */
function valueText(value: SliceValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function candidate(
  field: string,
  predicate: string,
  hits: number,
  logHits: number,
  n: number,
  total: number,
): Candidate | undefined {
  if (hits < SLICE_RULE.minRecords || logHits < hits || total === 0 || n === 0) return undefined;
  const inClass = hits / n;
  const inLog = logHits / total;
  const lift = inClass / inLog;
  if (lift < SLICE_RULE.minLift) return undefined;
  if (inClass < SLICE_RULE.minInClass && (lift < SLICE_RULE.strongLift || inClass < SLICE_RULE.minShare))
    return undefined;
  const z = (hits - n * inLog) / Math.sqrt(n * inLog * (1 - inLog));
  if (!(z >= SLICE_RULE.minZ)) return undefined;
  return { predicate, field, inClass, inLog, lift, hits, logHits, score: inClass * Math.log2(lift) };
}

function fieldCandidates(cls: SliceCounts, log: SliceCounts, logField: FieldCounts, mine: FieldCounts | undefined) {
  const out: (Candidate | undefined)[] = [];
  const field = logField.path;
  const add = (predicate: string, hits: number, logHits: number): void => {
    out.push(candidate(field, predicate, hits, logHits, cls.records, log.records));
  };
  add(`${field} is absent`, cls.records - (mine?.present ?? 0), log.records - logField.present);
  if (mine === undefined) return out;
  if (mine.values !== null && logField.values !== null) {
    for (const [value, n] of mine.values)
      add(`${field} = ${valueText(value)}`, n, logField.values.get(value) ?? Number.POSITIVE_INFINITY);
  }
  const shapes = shapeTotals(mine);
  const logShapes = shapeTotals(logField);
  shapes.slots.forEach((n, i) => {
    if (n > 0) add(`${field} ${keyText(SLOT_KEYS[i] as string)}`, n, logShapes.slots[i] as number);
  });
  if (shapes.offsets !== null && logShapes.offsets !== null) {
    for (const [offset, n] of shapes.offsets)
      add(`${field} ${keyText(offset)}`, n, logShapes.offsets.get(offset) ?? Number.POSITIVE_INFINITY);
  }
  return out;
}

/** Code-unit order (the same on every machine). */
function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The input predicates a class's records share far more than the log's do (see {@link SLICE_RULE}), most telling first:
 * ranked by `inClass × log2(lift)` (lift, weighted by how much of the class it explains), then share of the class,
 * then text. A predicate on the same field as one ranked above it that holds for no more of the class's records and
 * for no fewer of the log's (`amount is fractional` under `amount ends in .5`, a length under a value) is implied by
 * it and left out.
 * @param cls - the class's records' counts
 * @param log - the log's compared records' counts (the class's records among them)
 * @remarks Since 0.1
 * @public
 */
export function rankSlices(cls: SliceCounts, log: SliceCounts): ClassSlice[] {
  const mine = new Map(allFields(cls).map((f) => [f.path, f]));
  const all = allFields(log)
    .flatMap((f) => fieldCandidates(cls, log, f, mine.get(f.path)))
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => b.score - a.score || b.inClass - a.inClass || textOrder(a.predicate, b.predicate));
  const kept: Candidate[] = [];
  for (const c of all) {
    if (kept.length >= SLICE_RULE.limit) break;
    const implied = kept.some((k) => k.field === c.field && k.hits >= c.hits && k.logHits <= c.logHits);
    if (!implied) kept.push(c);
  }
  return kept.map(({ predicate, field, inClass, inLog, lift }) => ({ predicate, field, inClass, inLog, lift }));
}
