import type { Stratum } from './stratify.ts';
import type { Candidate, EntityHistory } from './stratify-pools.ts';

/** One golden case the sample holds: a record (or an entity's history) and every stratum it stands for. @public */
export interface StratumPick {
  /** The case's name: its first stratum's, e.g. `log/category/merchant_category=grocery`. */
  readonly name: string;
  readonly shape: 'record' | 'history';
  /** Run-wide log lines: one for a record, the history's events in time order for a history. */
  readonly lines: readonly number[];
  readonly entity: string;
  /** Why it was picked: the strata it covers, its own first. */
  readonly strata: readonly string[];
}

/** What {@link selectStrata} picked, and what the cap left out. @public */
export interface StrataSelection {
  readonly picks: readonly StratumPick[];
  /** Strata no case covers because `cases` was reached (their names). */
  readonly leftOut: readonly string[];
}

/** How many cases, and how many of them entity histories. @public */
export interface SelectOptions {
  /** At most this many cases. */
  readonly cases: number;
  /** Entity histories to pick after the record strata. Default 3. */
  readonly historyCases?: number;
}

interface MutablePick {
  name: string;
  shape: 'record' | 'history';
  lines: number[];
  entity: string;
  strata: string[];
  features?: Readonly<Record<string, unknown>>;
}

/** A record already picked that stands for the stratum too, if any. */
function coveringPick(stratum: Stratum, picks: readonly MutablePick[]): MutablePick | undefined {
  const lines = new Set(stratum.candidates.map((c) => c.line));
  return picks.find(
    (p) =>
      p.shape === 'record' &&
      (lines.has(p.lines[0] as number) || (p.features !== undefined && stratum.covers?.(p.features) === true)),
  );
}

interface RankedHistory {
  readonly history: EntityHistory;
  readonly rank: string;
}

/**
 * Longest, median and shortest of the histories (of two events or more), then the others in hash order; entities no
 * case uses first.
 */
function historyOrder(histories: readonly EntityHistory[], used: ReadonlySet<string>): RankedHistory[] {
  const eligible = histories.filter((h) => h.events.length >= 2);
  const ranked = (pool: EntityHistory[]): RankedHistory[] => {
    const byLength = [...pool].sort((a, b) => a.events.length - b.events.length); // stable: hash order within a length
    const longest = [...pool].sort((a, b) => b.events.length - a.events.length)[0];
    const order: [EntityHistory | undefined, string][] = [
      [longest, 'the longest'],
      [byLength[Math.floor((byLength.length - 1) / 2)], 'the median'],
      [byLength[0], 'the shortest'],
      ...pool.map((h): [EntityHistory, string] => [h, 'another']),
    ];
    const seen = new Set<EntityHistory>();
    const out: RankedHistory[] = [];
    for (const [history, rank] of order) {
      if (history === undefined || seen.has(history)) continue;
      seen.add(history);
      out.push({ history, rank });
    }
    return out;
  };
  return [
    ...ranked(eligible.filter((h) => !used.has(h.entity))),
    ...ranked(eligible.filter((h) => used.has(h.entity))),
  ];
}

function uniqueName(name: string, line: number, taken: ReadonlySet<string>): string {
  return taken.has(name) ? `${name}@${line}` : name;
}

/**
 * Picks a small set of cases that covers the strata, in their priority order, until `cases` are picked: a stratum a
 * picked record already falls into adds no case (its reason is added to that case); otherwise its first candidate
 * whose entity no case uses yet is picked (a stateful serving side then never sees one case's entity in another),
 * else its first candidate. Entity histories come last: the longest, the median and the shortest of those kept.
 * Deterministic: the same strata give the same picks in the same order.
 * @remarks Since 0.1
 * @public
 */
export function selectStrata(
  strata: readonly Stratum[],
  histories: readonly EntityHistory[],
  options: SelectOptions,
): StrataSelection {
  const known = new Map<number, Readonly<Record<string, unknown>>>();
  for (const s of strata) for (const c of s.candidates) if (c.features !== undefined) known.set(c.line, c.features);
  const picks: MutablePick[] = [];
  const used = new Set<string>();
  const names = new Set<string>();
  const leftOut: string[] = [];
  const ordered = [...strata].sort((a, b) => a.priority - b.priority); // stable: the stratifier's order within a priority
  for (const stratum of ordered) {
    const covering = coveringPick(stratum, picks);
    if (covering !== undefined) {
      covering.strata.push(stratum.why);
      continue;
    }
    if (picks.length >= options.cases) {
      leftOut.push(stratum.name);
      continue;
    }
    const chosen = (stratum.candidates.find((c) => !used.has(c.entity)) ?? stratum.candidates[0]) as Candidate;
    const name = uniqueName(stratum.name, chosen.line, names);
    const features = chosen.features ?? known.get(chosen.line);
    picks.push({
      name,
      shape: 'record',
      lines: [chosen.line],
      entity: chosen.entity,
      strata: [stratum.why],
      ...(features === undefined ? {} : { features }),
    });
    names.add(name);
    used.add(chosen.entity);
  }
  for (const { history: h, rank } of historyOrder(histories, used).slice(0, options.historyCases ?? 3)) {
    const stratum = `log/history/${h.entity}`;
    if (picks.length >= options.cases) {
      leftOut.push(stratum);
      continue;
    }
    const name = uniqueName(stratum, h.events[0]?.line ?? 0, names);
    picks.push({
      name,
      shape: 'history',
      lines: h.events.map((e) => e.line),
      entity: h.entity,
      strata: [`whole history of ${h.entity}: ${h.events.length} events (${rank} of the histories sampled)`],
    });
    names.add(name);
  }
  return { picks: picks.map(({ features: _, ...p }) => p), leftOut };
}
