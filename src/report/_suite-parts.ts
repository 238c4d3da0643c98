import { isAbsolute, relative } from 'node:path';
import type { ClassDecision, GateReason, Verdict } from '../gate/verdict.ts';
import type { ContractInfo, RunInfo } from './run-info.ts';

/** Reasons that are one class's, shown with the class rather than as a problem of the contract. */
export const CLASS_CODES: ReadonlySet<GateReason['code']> = new Set(['divergence', 'accepted_over_budget']);

/** A path as reports show it: relative to the run's cwd when inside it. */
export function displayPath(run: RunInfo, path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(run.cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The run info's entry for a contract, or one naming the config file when the run info has none. */
export function contractInfo(run: RunInfo, name: string, version: string, features: readonly string[]): ContractInfo {
  return (
    run.contracts.find((c) => c.name === name) ?? {
      name,
      version,
      features,
      definedAt: { file: run.config },
      featureLines: {},
    }
  );
}

/** The verdict's decision on a class, found by contract, feature, kind and cause, as class-view fields. */
export function decisionFields(
  verdict: Verdict,
  contract: string,
  c: { readonly feature: string; readonly kind: string; readonly cause: string },
): Pick<ClassDecision, 'decision'> & Partial<Pick<ClassDecision, 'signature' | 'reason' | 'link'>> {
  const d = verdict.classes.find(
    (x) => x.contract === contract && x.feature === c.feature && x.kind === c.kind && x.cause === c.cause,
  );
  return {
    decision: d?.decision ?? 'new',
    ...(d === undefined ? {} : { signature: d.signature }),
    ...(d?.reason === undefined ? {} : { reason: d.reason }),
    ...(d?.link === undefined ? {} : { link: d.link }),
  };
}

/** The verdict's reasons about one contract, and the features they name. */
export function reasonsFor(verdict: Verdict, contract: string): { all: GateReason[]; features: Set<string> } {
  const all = verdict.reasons.filter((r) => r.contract === contract);
  return { all, features: new Set(all.flatMap((r) => (r.feature === undefined ? [] : [r.feature]))) };
}
