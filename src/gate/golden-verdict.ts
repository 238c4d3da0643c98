import { sideUnavailable } from '../compare/side-unavailable.ts';
import { buildVerdict } from './build-verdict.ts';
import type { GateReason, Verdict } from './verdict.ts';

/** What the gate reads of one contract's golden check (a `GoldenResult` is one). @public */
export interface GoldenOutcome {
  readonly contract: { readonly name: string };
  readonly file: string;
  readonly mode: 'all' | 'new' | 'none';
  readonly existed: boolean;
  readonly written: boolean;
  readonly changes: readonly {
    readonly case: string;
    readonly feature: string;
    readonly side: string;
    readonly sameWay: boolean;
    readonly event?: number;
  }[];
  readonly missing: readonly string[];
  readonly errors: readonly {
    readonly case: string;
    readonly side: string;
    readonly message: string;
    readonly event?: number;
  }[];
  readonly versionRule?: {
    readonly stored: string;
    readonly current: string;
    readonly cases: readonly string[];
  };
  readonly definedAt?: string;
  /** Cases computed by both sides, by what became of them (errored cases are in `errors`). */
  readonly counts?: {
    readonly added: number;
    readonly matched: number;
    readonly unmatched: number;
    readonly updated: number;
  };
}

/**
 * A side that failed on every case it was given with a transport failure (side unavailable) could not be reached:
 * a configuration error (exit 2) with its address, not a list of failed cases.
 */
function unreachableSides(r: GoldenOutcome): GateReason[] {
  const c = r.counts;
  if (c === undefined || c.added + c.matched + c.unmatched + c.updated + r.missing.length > 0) return [];
  const reasons: GateReason[] = [];
  for (const side of ['training', 'serving']) {
    const errors = r.errors.filter((e) => e.side === side);
    const first = errors[0] === undefined ? undefined : sideUnavailable(errors[0].message);
    if (first === undefined || !errors.every((e) => sideUnavailable(e.message) !== undefined)) continue;
    const failed = new Set(errors.map((e) => e.case));
    // A case only the other side failed on was computed by this one: it was reached.
    if (r.errors.some((e) => e.side !== side && !failed.has(e.case))) continue;
    reasons.push({
      code: 'side_unreachable',
      stage: 'golden',
      contract: r.contract.name,
      message: `${r.contract.name}: the ${side} side was unavailable at ${first.address} (${first.status}) for all ${failed.size} golden case${failed.size === 1 ? '' : 's'}, so nothing was checked. Check that it runs and can be reached`,
    });
  }
  return reasons;
}

function versionRuleMessage(r: GoldenOutcome): string {
  const rule = r.versionRule as NonNullable<GoldenOutcome['versionRule']>;
  const n = rule.cases.length;
  const listed = rule.cases
    .slice(0, 5)
    .map((c) => `"${c}"`)
    .join(', ');
  const more = n > 5 ? ` and ${n - 5} more` : '';
  const where = r.definedAt === undefined ? 'where the contract is defined' : `at ${r.definedAt}`;
  return (
    `${r.contract.name}: stored values of ${n} case${n === 1 ? '' : 's'} (${listed}${more}) changed under the same ` +
    `contract version "${rule.current}" the file was recorded with, so -u did not rewrite them. If the change is ` +
    `meant, bump the contract's version (version: '${rule.current}' ${where}) and run lockstep golden -u again; to ` +
    `keep the version, run lockstep golden -u --accept-without-bump (the rewrite is recorded in ${r.file})`
  );
}

function sideWords(feature: string, side: string, sameWay: boolean): string {
  if (feature === '(input)') return 'the input changed (a case keeps its name only while its input stays the same)';
  if (sameWay) return 'BOTH SIDES CHANGED THE SAME WAY (training and serving; parity cannot see this)';
  return side === 'both' ? 'training and serving changed' : `${side} changed`;
}

/**
 * The verdict of a golden check: a case whose features moved fails (unless update mode `all` rewrote it), as does a
 * missing golden file or case where nothing may be written (`none`, whenever CI is set), and a side that failed on a
 * case. Obsolete cases are reported, never failed. A side unavailable (a transport failure) on every case could not be
 * reached: `side_unreachable`, exit 2.
 * @param results - one result per contract checked
 * @remarks Since 0.1
 * @public
 */
export function goldenVerdict(results: readonly GoldenOutcome[]): Verdict {
  const reasons: GateReason[] = [];
  for (const r of results) {
    const contract = r.contract.name;
    reasons.push(...unreachableSides(r));
    if (!r.existed && r.mode === 'none') {
      reasons.push({
        code: 'golden_missing',
        stage: 'golden',
        contract,
        message: `${contract}: no golden file at ${r.file} and nothing is written on CI; run lockstep golden locally and commit the file`,
      });
    } else {
      for (const name of r.missing) {
        reasons.push({
          code: 'golden_missing',
          stage: 'golden',
          contract,
          message: `${contract}: case "${name}" is not in ${r.file} and nothing is written on CI; run lockstep golden locally and commit the file`,
        });
      }
    }
    const refused = new Set(r.versionRule?.cases ?? []);
    for (const c of r.changes.filter((x) => r.mode !== 'all' || refused.has(x.case))) {
      reasons.push({
        code: 'golden_changed',
        stage: 'golden',
        contract,
        feature: c.feature,
        message: `${contract}: case "${c.case}"${c.event === undefined ? '' : ` event ${c.event}`} · ${c.feature}: ${sideWords(c.feature, c.side, c.sameWay)}; if meant, bump the contract version and run lockstep golden -u`,
      });
    }
    if (r.versionRule !== undefined) {
      reasons.push({ code: 'golden_version', stage: 'golden', contract, message: versionRuleMessage(r) });
    }
    for (const e of r.errors) {
      reasons.push({
        code: 'golden_error',
        stage: 'golden',
        contract,
        message: `${contract}: case "${e.case}"${e.event === undefined ? '' : ` event ${e.event}`}: the ${e.side} side failed: ${e.message}`,
      });
    }
  }
  return buildVerdict({ reasons, stages: { golden: reasons.length > 0 ? 'failed' : 'passed' } });
}
