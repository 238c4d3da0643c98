import { compileComparator } from '../compare/compare-features.ts';
import type { Divergence, SideName } from '../compare/divergence.ts';
import type { Contract } from '../contract/contract.ts';
import type { SideOutcome } from '../implementations/side.ts';
import { encodeCorpusValue } from '../snapshot/_corpus-json.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import type { GoldenCase, GoldenFile } from './golden-file.ts';
import type {
  GoldenChange,
  GoldenCounts,
  GoldenObsolete,
  GoldenSideError,
  GoldenVersionRule,
} from './golden-result.ts';

/** One configured case and what each side computed for it; `invalid` when its input no longer fits the contract. @public */
export interface ComputedCase {
  readonly name: string;
  readonly input: unknown;
  readonly invalid?: string;
  readonly training?: SideOutcome;
  readonly serving?: SideOutcome;
}

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
  /** Set when mode `all` wanted to rewrite stored values under an unchanged contract version, and did not. */
  readonly versionRule?: GoldenVersionRule;
  readonly next: GoldenFile | undefined;
}

type Features = Readonly<Record<string, unknown>>;

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(encodeCorpusValue(a)) === JSON.stringify(encodeCorpusValue(b));

/** Features whose value moved from `old` to `now`, by the contract's comparison (tolerances included). */
function moved(contract: Contract, old: Features, now: Features): Set<string> {
  const compare = compileComparator(contract);
  const out = new Set<string>();
  for (const d of compare(old, now) as Divergence[]) {
    if (!Object.hasOwn(contract.features, d.feature)) continue; // a key not in the contract: obsolete, not moved
    if (d.kind === 'missing' && d.training === undefined) continue; // not stored yet: filled, not moved
    if (d.kind === 'contract' && same(d.training, d.serving)) continue; // the same value, breaking the contract as before
    out.add(d.feature);
  }
  return out;
}

function agree(contract: Contract, feature: string, t: Features, s: Features): boolean {
  return !compileComparator(contract)(t, s).some((d) => d.feature === feature && d.kind !== 'contract');
}

function changesOf(contract: Contract, stored: GoldenCase, t: Features, s: Features): GoldenChange[] {
  const mt = moved(contract, stored.training, t);
  const ms = moved(contract, stored.serving, s);
  return contract.featureNames
    .filter((f) => mt.has(f) || ms.has(f))
    .map((feature) => {
      const side: SideName | 'both' =
        mt.has(feature) && ms.has(feature) ? 'both' : mt.has(feature) ? 'training' : 'serving';
      const sameWay =
        side === 'both' && agree(contract, feature, stored.training, stored.serving) && agree(contract, feature, t, s);
      return {
        case: stored.name,
        feature,
        side,
        sameWay,
        ...(mt.has(feature) ? { training: { old: stored.training[feature], new: t[feature] } } : {}),
        ...(ms.has(feature) ? { serving: { old: stored.serving[feature], new: s[feature] } } : {}),
      };
    });
}

/** The stored record with contract features filled from `now` where absent, obsolete keys kept unless pruned. */
function filled(contract: Contract, old: Features, now: Features, prune: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(old)) if (!prune || Object.hasOwn(contract.features, k)) out[k] = v;
  for (const f of contract.featureNames) if (!Object.hasOwn(out, f) && Object.hasOwn(now, f)) out[f] = now[f];
  return out;
}

/**
 * Decides a contract's golden check from what the sides computed, as `@vitest/snapshot` does: every stored case
 * starts unchecked; a configured case checks its own; what is left unchecked is obsolete (reported, removed only with
 * `prune`). Each side is compared with its own stored values, so a disagreement between the sides that was recorded
 * is no failure. Mode `new` adds cases and fills features not stored yet, never changing a stored value; `all`
 * rewrites what moved; `none` writes nothing.
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
  const counts = { added: 0, matched: 0, unmatched: 0, updated: 0, obsolete: 0 };
  let dirty = options.stored === undefined;
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
    const t = c.training;
    const s = c.serving;
    const failed = [t && 'error' in t ? 'training' : undefined, s && 'error' in s ? 'serving' : undefined];
    for (const side of failed) {
      if (side === undefined) continue;
      const outcome = (side === 'training' ? t : s) as { error: string };
      errors.push({ case: c.name, side: side as SideName, message: outcome.error });
    }
    if (t === undefined || s === undefined || !('features' in t) || !('features' in s)) {
      if (old !== undefined) next.set(c.name, old);
      continue;
    }
    if (old === undefined) {
      if (!write) {
        missing.push(c.name);
        continue;
      }
      next.set(c.name, { name: c.name, input: c.input, training: t.features, serving: s.features });
      counts.added++;
      dirty = true;
      continue;
    }
    const inputMoved = !same(old.input, c.input);
    const found = changesOf(contract, old, t.features, s.features);
    const caseChanges = inputMoved
      ? [...found, { case: c.name, feature: '(input)', side: 'both' as const, sameWay: false }]
      : found;
    for (const f of Object.keys(old.training)) {
      if (!Object.hasOwn(contract.features, f))
        obsolete.push({ case: c.name, feature: f, reason: 'no longer in the contract' });
    }
    if (caseChanges.length === 0) {
      counts.matched++;
      const kept = {
        ...old,
        training: filled(contract, old.training, t.features, prune && write),
        serving: filled(contract, old.serving, s.features, prune && write),
      };
      if (!same(kept, old)) dirty = true;
      next.set(c.name, kept);
      continue;
    }
    changes.push(...caseChanges.map((x) => ({ ...x, input: c.input })));
    if (mode === 'all' && !rewriteAllowed) refusedCases.push(c.name);
    if (mode === 'all' && rewriteAllowed) {
      rewritten.push(c.name);
      counts.updated++;
      dirty = true;
      const keep = (o: Features, n: Features) => (prune ? n : { ...o, ...n });
      next.set(c.name, {
        name: c.name,
        input: c.input,
        training: keep(old.training, t.features),
        serving: keep(old.serving, s.features),
      });
    } else {
      counts.unmatched++;
      next.set(c.name, {
        ...old,
        training: filled(contract, old.training, t.features, prune && write),
        serving: filled(contract, old.serving, s.features, prune && write),
      });
    }
  }
  for (const [name, old] of stored) {
    if (configured.has(name)) continue;
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
    ...(versionRule === undefined ? {} : { versionRule }),
    next: write && (dirty || pruned > 0) ? (mode === 'all' ? { ...file, version: contract.version } : file) : undefined,
  };
}
