import type { DivergenceClass, ReplayReport } from '../replay/replay-report.ts';
import type { AcceptedClass, AcceptedFile } from './accepted-file.ts';
import { classSignature } from './class-signature.ts';
import { nondeterministicNote } from './nondeterministic-reasons.ts';
import type { ClassDecision, GateReason } from './verdict.ts';

const records = (n: number): string => `${n.toLocaleString('en-US')} record${n === 1 ? '' : 's'}`;
const percent = (rate: number): string => `${(rate * 100).toFixed(2)}%`;

/** The records both sides ran on: the denominator of a class's rate (errors are records too). @public */
export function classDenominator(report: ReplayReport): number {
  return report.counts.compared + report.counts.errored;
}

/** Where a class stands against its accepted budget: undefined within it, else what it broke, in words. */
function overBudget(entry: AcceptedClass, count: number, rate: number): string | undefined {
  const broken: string[] = [];
  if (entry.maxRecords !== undefined && count > entry.maxRecords) broken.push(`maxRecords ${entry.maxRecords}`);
  if (entry.maxRate !== undefined && rate > entry.maxRate) broken.push(`maxRate ${percent(entry.maxRate)}`);
  return broken.length === 0 ? undefined : broken.join(' and ');
}

function label(contract: string, c: DivergenceClass): string {
  return `${contract}: ${c.feature} · ${c.kind} · ${c.cause}${nondeterministicNote(c)}`;
}

/**
 * How the gate treats each divergence class of one contract's replay: `accepted` when the contract's accepted file
 * lists its signature and the class is within budget; `over_budget` when listed but over; `new` when not listed. Only
 * accepted classes pass; the others are reasons.
 * @param report - one contract's replay report
 * @param accepted - that contract's accepted file, if it has one
 * @remarks Since 0.1
 * @public
 */
export function decideClasses(
  report: ReplayReport,
  accepted: AcceptedFile | undefined,
): { classes: ClassDecision[]; reasons: GateReason[] } {
  const contract = report.contract.name;
  const bySignature = new Map((accepted?.accepted ?? []).map((e) => [e.signature, e]));
  const total = classDenominator(report);
  const classes: ClassDecision[] = [];
  const reasons: GateReason[] = [];
  for (const c of report.classes) {
    const signature = classSignature({ contract, feature: c.feature, kind: c.kind, cause: c.cause });
    const entry = bySignature.get(signature);
    const rate = total === 0 ? 1 : c.count / total;
    const broken = entry === undefined ? undefined : overBudget(entry, c.count, rate);
    const decision = entry === undefined ? 'new' : broken === undefined ? 'accepted' : 'over_budget';
    classes.push({
      contract,
      feature: c.feature,
      kind: c.kind,
      cause: c.cause,
      signature,
      records: c.count,
      decision,
      ...(entry === undefined ? {} : { reason: entry.reason }),
      ...(entry?.link === undefined ? {} : { link: entry.link }),
    });
    if (decision === 'accepted') continue;
    const base = { stage: 'replay', contract, feature: c.feature, signature } as const;
    reasons.push(
      decision === 'new'
        ? { ...base, code: 'divergence', message: `${label(contract, c)} — ${records(c.count)}, not accepted` }
        : {
            ...base,
            code: 'accepted_over_budget',
            message: `${label(contract, c)} — ${records(c.count)} (${percent(rate)}), over its accepted ${broken}`,
          },
    );
  }
  return { classes, reasons };
}
