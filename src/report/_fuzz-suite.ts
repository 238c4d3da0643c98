import type { Finding, FuzzResult } from '../fuzz/fuzz-result.ts';
import type { Verdict } from '../gate/verdict.ts';
import { CLASS_CODES, contractInfo, decisionFields, reasonsFor } from './_suite-parts.ts';
import type { ClassView, SuiteView } from './gate-view-types.ts';
import type { RunInfo } from './run-info.ts';

function classView(run: RunInfo, result: FuzzResult, verdict: Verdict, f: Finding): ClassView {
  const config = run.config === '' ? '' : ` --config ${run.config}`;
  return {
    feature: f.feature,
    kind: f.kind,
    cause: f.cause,
    records: 1,
    ...decisionFields(verdict, result.contract.name, f),
    first: { training: f.training, serving: f.serving, detail: f.detail },
    minimal: { input: f.minimalInput, fieldsThatMatter: [] },
    hints: [],
    replay: `lockstep fuzz${config} --contract ${result.contract.name} --seed ${f.seed} --path "${f.path}"`,
  };
}

/** A fuzz result as a CI suite: the contract's features, one class per finding. @internal */
export function fuzzSuite(run: RunInfo, verdict: Verdict, result: FuzzResult): SuiteView {
  const name = result.contract.name;
  const found = [...new Set(result.findings.map((f) => f.feature))];
  const contract = contractInfo(run, name, result.contract.version, found);
  const reasons = reasonsFor(verdict, name);
  return {
    stage: 'fuzz',
    contract,
    counts: { compared: result.runs, diverged: result.findings.length },
    features: contract.features.map((feature) => ({ name: feature, failed: reasons.features.has(feature) })),
    classes: result.findings.map((f) => classView(run, result, verdict, f)),
    problems: reasons.all.filter((r) => !CLASS_CODES.has(r.code)).map((reason) => ({ reason })),
    invalid: [],
    failed: reasons.all.length > 0,
    durationMs: result.durationMs,
  };
}
