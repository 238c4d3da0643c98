import { EXIT_CODES, type GateReason, type GateStage, type StageOutcome, type Verdict } from './verdict.ts';

/** What a verdict is made of: the reasons found, each stage's outcome, and how each divergence class was treated. @public */
export interface VerdictParts {
  readonly reasons: readonly GateReason[];
  readonly stages: Readonly<Partial<Record<GateStage, StageOutcome>>>;
  readonly classes?: Verdict['classes'];
}

/** How severe a reason is: an unreachable side (exit 2) before failures, failures before an incomplete log. */
function rank(reason: GateReason): number {
  if (reason.code === 'side_unreachable') return 0;
  return reason.code === 'incomplete_log' ? 2 : 1;
}

function stageNote(stages: VerdictParts['stages']): string {
  const skipped = Object.entries(stages)
    .filter(([, outcome]) => outcome === 'skipped')
    .map(([stage]) => stage);
  return skipped.length === 0 ? '' : ` (skipped: ${skipped.join(', ')})`;
}

/**
 * The one place a run's reasons become a status and an exit code (see {@link EXIT_CODES}): a side that could not be
 * reached for any record is `error` (2); any other reason but an unread log is `fail` (1); a log that could not be
 * read to its end alone is `incomplete` (1, never PASS); no reason is `pass` (0). Reasons are ordered most severe
 * first, so the headline is the reason that decided the status.
 * @param parts - the reasons, the stages' outcomes and the class decisions
 * @remarks Since 0.1
 * @public
 */
export function buildVerdict(parts: VerdictParts): Verdict {
  const reasons = parts.reasons
    .map((reason, i) => ({ reason, i }))
    .sort((a, b) => rank(a.reason) - rank(b.reason) || a.i - b.i)
    .map(({ reason }) => reason);
  const worst = reasons[0];
  const status = worst === undefined ? 'pass' : rank(worst) === 0 ? 'error' : rank(worst) === 1 ? 'fail' : 'incomplete';
  const exitCode = status === 'pass' ? EXIT_CODES.pass : status === 'error' ? EXIT_CODES.usage : EXIT_CODES.fail;
  return {
    status,
    exitCode,
    headline: worst === undefined ? `PASS${stageNote(parts.stages)}` : worst.message,
    reasons,
    stages: parts.stages,
    classes: parts.classes ?? [],
  };
}

/**
 * One verdict from several (the stages of `lockstep check`): reasons, stages and classes put together, decided again.
 * @param verdicts - the verdicts of the stages, in the order they ran
 * @remarks Since 0.1
 * @public
 */
export function combineVerdicts(verdicts: readonly Verdict[]): Verdict {
  return buildVerdict({
    reasons: verdicts.flatMap((v) => v.reasons),
    stages: Object.assign({}, ...verdicts.map((v) => v.stages)),
    classes: verdicts.flatMap((v) => v.classes),
  });
}
