import type { Verdict } from '../gate/verdict.ts';
import type { GoldenChange, GoldenResult } from '../golden/golden-result.ts';
import { contractInfo, reasonsFor } from './_suite-parts.ts';
import type { ClassView, SuiteView } from './gate-view-types.ts';
import type { RunInfo } from './run-info.ts';

/** The loud class's cause: both sides moved and still agree, which parity and replay cannot see. */
export const SAME_WAY = 'BOTH SIDES CHANGED THE SAME WAY (parity cannot see this)';

function cause(c: GoldenChange): string {
  if (c.feature === '(input)') return 'the input changed under its name';
  if (c.sameWay) return SAME_WAY;
  return c.side === 'both' ? 'training and serving changed' : `${c.side} changed`;
}

function classView(result: GoldenResult, c: GoldenChange): ClassView {
  const updated = result.mode === 'all';
  return {
    feature: c.feature,
    kind: `golden case ${c.case}${c.event === undefined ? '' : ` event ${c.event}`}`,
    cause: cause(c),
    records: 1,
    // The verdict fails every change unless update mode all rewrote it; a rewritten one is reported and passes.
    ...(updated
      ? { decision: 'accepted' as const, reason: 'rewritten by lockstep golden -u' }
      : { decision: 'new' as const }),
    first: {
      training: c.training?.new,
      serving: c.serving?.new,
      detail: '',
      ...(c.input === undefined ? {} : { input: c.input }),
    },
    golden: {
      sameWay: c.sameWay,
      ...(c.training === undefined ? {} : { training: c.training }),
      ...(c.serving === undefined ? {} : { serving: c.serving }),
    },
    hints: [
      c.sameWay
        ? 'both sides moved together: a shared helper, a library or runtime upgrade; if meant, bump the contract version and run lockstep golden -u'
        : 'if meant, bump the contract version and run lockstep golden -u',
    ],
  };
}

/**
 * A golden result as a CI suite: the contract's features, one class per golden case × feature that changed (old → new
 * per side, the case's input), and the verdict's other reasons about it (a missing golden file or case, a side that
 * failed on a case) as problems. @internal
 */
export function goldenSuite(run: RunInfo, verdict: Verdict, result: GoldenResult): SuiteView {
  const name = result.contract.name;
  const changed = [...new Set(result.changes.map((c) => c.feature))];
  const contract = contractInfo(run, name, result.contract.version, changed);
  const reasons = reasonsFor(verdict, name);
  const { counts } = result;
  return {
    stage: 'golden',
    contract,
    counts: {
      compared: counts.matched + counts.unmatched + counts.added,
      matched: counts.matched,
      diverged: counts.unmatched,
    },
    features: contract.features.map((feature) => ({ name: feature, failed: reasons.features.has(feature) })),
    classes: [...result.changes.filter((c) => c.sameWay), ...result.changes.filter((c) => !c.sameWay)].map((c) =>
      classView(result, c),
    ),
    problems: reasons.all.filter((r) => r.code !== 'golden_changed').map((reason) => ({ reason })),
    invalid: [],
    failed: reasons.all.length > 0,
    durationMs: 0,
  };
}
