import type { AcceptedFile } from './accepted-file.ts';
import { buildVerdict } from './build-verdict.ts';
import { classSignature } from './class-signature.ts';
import type { ClassDecision, GateReason, Verdict } from './verdict.ts';

/** What the gate reads of one contract's fuzz result (a `FuzzResult` is one). @public */
export interface FuzzOutcome {
  readonly contract: { readonly name: string };
  /** Generated cases run. */
  readonly runs: number;
  readonly findings: readonly { readonly feature: string; readonly kind: string; readonly cause: string }[];
  /** Stored counterexamples replayed first. */
  readonly corpus?: { readonly replayed: number };
  /** A side that could not be reached: the run stopped at that case. */
  readonly unavailable?: {
    readonly side: string;
    readonly address: string;
    readonly status: string;
    readonly afterCases: number;
  };
}

/** A side unavailable: never reached is a configuration error (exit 2), unavailable part-way stops the run (fail). */
function unavailableReason(contract: string, u: NonNullable<FuzzOutcome['unavailable']>): GateReason {
  const what = `the ${u.side} side was unavailable at ${u.address} (${u.status})`;
  return u.afterCases === 0
    ? {
        code: 'side_unreachable',
        stage: 'fuzz',
        contract,
        message: `${contract}: ${what} from the first case, so nothing was fuzzed. Check that it runs and can be reached`,
      }
    : {
        code: 'side_unavailable',
        stage: 'fuzz',
        contract,
        message: `${contract}: ${what} after ${u.afterCases} cases, so fuzzing stopped there; run again when it is up`,
      };
}

/** What the fuzz gate weighs besides the results. @public */
export interface FuzzGateOptions {
  /** Each contract's accepted file, by contract name: a finding of a listed class is reported and passes. */
  readonly accepted?: ReadonlyMap<string, AcceptedFile>;
}

/**
 * The verdict of a fuzz run: each finding is a divergence class that fails the run unless the contract's accepted
 * file lists its signature (fuzz counts classes, not records, so budgets do not apply); a contract for which no case
 * ran at all (no generated case, no stored one) checked nothing and fails too. A side that could not be reached from
 * the first case is `side_unreachable` (exit 2, with its address); one that became unavailable later fails the run.
 * @param results - one result per contract fuzzed
 * @param options - accepted files
 * @remarks Since 0.1
 * @public
 */
export function fuzzVerdict(results: readonly FuzzOutcome[], options: FuzzGateOptions = {}): Verdict {
  const reasons: GateReason[] = [];
  const classes: ClassDecision[] = [];
  for (const result of results) {
    const contract = result.contract.name;
    const listed = new Map((options.accepted?.get(contract)?.accepted ?? []).map((e) => [e.signature, e]));
    if (result.unavailable !== undefined) reasons.push(unavailableReason(contract, result.unavailable));
    else if (result.runs === 0 && (result.corpus?.replayed ?? 0) === 0) {
      reasons.push({
        code: 'nothing_compared',
        stage: 'fuzz',
        contract,
        message: `${contract}: no case was run (no generated case, no stored counterexample), so nothing was checked; give --runs 1 or more`,
      });
    }
    for (const f of result.findings) {
      const signature = classSignature({ contract, feature: f.feature, kind: f.kind, cause: f.cause });
      const identity = { contract, feature: f.feature, kind: f.kind, cause: f.cause, signature, records: 1 };
      const entry = listed.get(signature);
      if (entry !== undefined) {
        classes.push({
          ...identity,
          decision: 'accepted',
          reason: entry.reason,
          ...(entry.link === undefined ? {} : { link: entry.link }),
        });
        continue;
      }
      classes.push({ ...identity, decision: 'new' });
      reasons.push({
        code: 'divergence',
        stage: 'fuzz',
        contract,
        feature: f.feature,
        signature,
        message: `${contract}: ${f.feature} · ${f.kind} · ${f.cause}, found by fuzz, not accepted`,
      });
    }
  }
  return buildVerdict({ reasons, stages: { fuzz: reasons.length > 0 ? 'failed' : 'passed' }, classes });
}
