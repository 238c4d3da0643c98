import type { Contract } from '../contract/contract.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { disagree, filled, same } from './_compare-golden.ts';
import { type ComputedCase, caseChangesOf, failuresOf, featuresOf, recorded, withEvents } from './_computed-case.ts';
import type { GoldenCase, GoldenFeatures, GoldenFile } from './golden-file.ts';
import type {
  GoldenChange,
  GoldenCounts,
  GoldenObsolete,
  GoldenSideError,
  GoldenSkipped,
  GoldenVersionRule,
} from './golden-result.ts';

export type { ComputedCase } from './_computed-case.ts';

/** What {@link decideGolden} takes. @public */
export interface DecideGoldenOptions {
  readonly contract: Contract;
  /** The stored file, undefined when there is none. */
  readonly stored: GoldenFile | undefined;
  readonly cases: readonly ComputedCase[];
  readonly mode: UpdateMode;
  readonly prune: boolean;
  /**
   * Rewrite stored values in mode `all` although the contract's version is the one they were recorded under; the
   * rewrite is recorded in the file's header. Without it, such a rewrite is refused (the version rule).
   */
  readonly acceptWithoutBump?: boolean;
}

/** What the check found, and the file to write (undefined: write nothing). @public */
export interface GoldenDecision {
  readonly counts: GoldenCounts;
  readonly changes: readonly GoldenChange[];
  readonly missing: readonly string[];
  readonly obsolete: readonly GoldenObsolete[];
  readonly errors: readonly GoldenSideError[];
  readonly pruned: number;
  /** Corpus counterexamples not recorded because the sides still disagree on them. */
  readonly skipped: readonly GoldenSkipped[];
  /** Set when mode `all` wanted to rewrite stored values under an unchanged contract version, and did not. */
  readonly versionRule?: GoldenVersionRule;
  readonly next: GoldenFile | undefined;
}

type Features = GoldenFeatures;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Decides a contract's golden check from what the sides computed, as `@vitest/snapshot` does: every stored case
 * starts unchecked; a given case checks its own; a stored `config` case left unchecked is obsolete (reported, removed
 * only with `prune`), a stored `log` or `corpus` case left unchecked is kept. Each side is compared with its own stored
 * values, event by event for a history (a change names its event), so a disagreement between the sides that was
 * recorded is no failure. A `corpus` case not stored yet is recorded only once the sides agree on it, else skipped.
 * Mode `new` adds cases and fills features not stored yet, never changing a stored value; `all` rewrites what moved;
 * `none` writes nothing.
 * @param options - the contract, the stored file, the computed cases, the update mode and whether to prune
 * @remarks Since 0.1
 * @public
 */
export function decideGolden(options: DecideGoldenOptions): GoldenDecision {
  const { contract, mode, prune } = options;
  const write = mode !== 'none';
  const stored = new Map((options.stored?.cases ?? []).map((c) => [c.name, c]));
  const next = new Map<string, GoldenCase>();
  const changes: GoldenChange[] = [];
  const missing: string[] = [];
  const obsolete: GoldenObsolete[] = [];
  const errors: GoldenSideError[] = [];
  const skipped: GoldenSkipped[] = [];
  const counts = { added: 0, matched: 0, unmatched: 0, updated: 0, obsolete: 0 };
  let dirty = false;
  let pruned = 0;
  const configured = new Set(options.cases.map((c) => c.name));
  // The version rule: stored values change only under a new contract version, or when the user accepts it explicitly.
  const sameVersion = options.stored !== undefined && options.stored.version === contract.version;
  const rewriteAllowed = !sameVersion || options.acceptWithoutBump === true;
  const refusedCases: string[] = [];
  const rewritten: string[] = [];
  for (const c of options.cases) {
    const old = stored.get(c.name);
    if (c.invalid !== undefined) {
      if (old !== undefined) {
        obsolete.push({ case: c.name, reason: `input no longer valid for the contract: ${c.invalid}` });
        if (prune && write) pruned++;
        else next.set(c.name, old);
      }
      continue;
    }
    const t = featuresOf(c.training);
    const s = featuresOf(c.serving);
    const failures = failuresOf(c);
    // A fuzz counterexample becomes golden once both sides agree on it; until then fuzz reports it, golden skips it.
    if (
      old === undefined &&
      c.source === 'corpus' &&
      (t === undefined || s === undefined || disagree(contract, t, s))
    ) {
      skipped.push({ case: c.name, reason: 'sides still disagree (lockstep fuzz reports it)' });
      continue;
    }
    errors.push(...failures);
    if (t === undefined || s === undefined) {
      if (old !== undefined) next.set(c.name, old);
      continue;
    }
    if (old === undefined) {
      if (!write) {
        missing.push(c.name);
        continue;
      }
      next.set(c.name, recorded(c, t, s));
      counts.added++;
      dirty = true;
      continue;
    }
    const { changes: caseChanges, inputMoved, oldT, oldS } = caseChangesOf(contract, c, old, t, s);
    const oldKeys = new Set(oldT.flatMap((f) => Object.keys(f)));
    for (const f of oldKeys) {
      if (!Object.hasOwn(contract.features, f))
        obsolete.push({ case: c.name, feature: f, reason: 'no longer in the contract' });
    }
    const fill = (o: readonly Features[], n: readonly Features[]) =>
      o.map((f, i) => filled(contract, f, n[i], prune && write));
    if (caseChanges.length === 0) {
      counts.matched++;
      const kept = withEvents(old, fill(oldT, t), fill(oldS, s));
      if (!same(kept, old)) dirty = true;
      next.set(c.name, kept);
      continue;
    }
    changes.push(...caseChanges);
    if (mode === 'all' && !rewriteAllowed) refusedCases.push(c.name);
    if (mode === 'all' && rewriteAllowed) {
      rewritten.push(c.name);
      counts.updated++;
      dirty = true;
      const keep = (o: readonly Features[], n: readonly Features[]) => n.map((f, i) => (prune ? f : { ...o[i], ...f }));
      next.set(c.name, recorded(c, keep(oldT, t), keep(oldS, s), inputMoved ? undefined : old));
    } else {
      counts.unmatched++;
      next.set(c.name, withEvents(old, fill(oldT, t), fill(oldS, s)));
    }
  }
  for (const [name, old] of stored) {
    if (configured.has(name)) continue;
    // A log or corpus case lives only in the file: checkGolden checks it from its stored input, never calls it obsolete.
    if (old.source !== undefined && old.source !== 'config') {
      next.set(name, old);
      continue;
    }
    obsolete.push({ case: name, reason: 'no longer among the contract’s golden cases' });
    if (prune && write) pruned++;
    else next.set(name, old);
  }
  pruned += prune && write ? obsolete.filter((o) => o.feature !== undefined).length : 0;
  counts.obsolete = obsolete.length;
  const accepted = [...(options.stored?.accepted ?? [])];
  if (sameVersion && rewritten.length > 0) accepted.push({ version: contract.version, cases: rewritten.sort(byName) });
  const file: GoldenFile = {
    contract: contract.name,
    version: options.stored?.version ?? contract.version,
    ...(accepted.length > 0 ? { accepted } : {}),
    cases: [...next.values()],
  };
  const versionRule =
    refusedCases.length > 0
      ? {
          stored: options.stored?.version ?? contract.version,
          current: contract.version,
          cases: refusedCases.sort(byName),
        }
      : undefined;
  const byCase = (a: GoldenChange, b: GoldenChange) => (a.case < b.case ? -1 : a.case > b.case ? 1 : 0);
  return {
    counts,
    changes: changes.sort(byCase),
    missing,
    obsolete,
    errors,
    pruned,
    skipped,
    ...(versionRule === undefined ? {} : { versionRule }),
    // A new file is written once it has a case; an existing one when something in it changed.
    next:
      write && (options.stored === undefined ? next.size > 0 : dirty || pruned > 0)
        ? mode === 'all'
          ? { ...file, version: contract.version }
          : file
        : undefined,
  };
}
