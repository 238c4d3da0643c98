import { aaTextLines } from './_aa-lines.ts';
import { classEvidence, classLabel, decisionText, recordsText } from './_class-text.ts';
import { breachesText, distancesText } from './_distribution-text.ts';
import { formatCount, formatPercent } from './format-value.ts';
import type { FeatureView, SuiteView } from './gate-view-types.ts';

/** One JUnit test case, before it is XML. */
export interface Case {
  readonly name: string;
  readonly classname: string;
  readonly failure?: { readonly type: string; readonly message: string; readonly body: string };
  /** `side_unreachable`: the check could not run (a JUnit error, not a failure). */
  readonly error?: boolean;
  readonly out?: string;
}

/** A feature's distances as lines of its case, and its breaches as an end of the failure message. */
function distributionLines(f: FeatureView): { lines: string[]; breach: string } {
  const d = f.distribution;
  if (d === undefined) return { lines: [], breach: '' };
  const over = d.breaches === undefined ? '' : breachesText(d.breaches);
  return {
    lines: [`distribution (serving against training): ${distancesText(d)}`, ...(over === '' ? [] : [`over: ${over}`])],
    breach: over === '' ? '' : `; distribution drifted: ${over}`,
  };
}

/**
 * A suite's test cases: one per feature (failing when the verdict names it), one per divergence class (failing unless
 * accepted), one per other reason of the verdict, and a passing one listing invalid lines within their budget.
 */
export function suiteCases(suite: SuiteView): Case[] {
  const name = suite.contract.name;
  const cases: Case[] = suite.features.map((f) => {
    const classes = suite.classes.filter((c) => c.feature === f.name && c.decision !== 'accepted');
    const counts =
      f.compared === undefined ? '' : `${formatCount(f.diverged ?? 0)} of ${formatCount(f.compared)} records diverged`;
    const rate = f.compared ? ` (${formatPercent((f.diverged ?? 0) / f.compared)})` : '';
    const drift = distributionLines(f);
    return {
      name: `feature ${f.name}`,
      classname: `${name}.features`,
      ...(f.failed
        ? {
            failure: {
              type: classes[0]?.kind ?? (f.distribution?.breaches === undefined ? 'feature' : 'distribution_skew'),
              message: `${f.name}: ${counts === '' ? `${classes.length} divergence class${classes.length === 1 ? '' : 'es'}` : `${counts}${rate}`}${drift.breach}`,
              body: [
                ...classes.map((c) => `${classLabel(c)}: ${recordsText(c.records)}, ${decisionText(c)}`),
                ...drift.lines,
              ].join('\n'),
            },
          }
        : counts === ''
          ? {}
          : { out: [`${counts}${rate}`, ...drift.lines].join('\n') }),
    };
  });
  for (const c of suite.classes) {
    const evidence = classEvidence(c).join('\n');
    const accepted = c.decision === 'accepted';
    cases.push({
      name: `class ${classLabel(c)}`,
      classname: `${name}.classes`,
      ...(accepted
        ? { out: `${recordsText(c.records)}, ${decisionText(c)}\n${evidence}` }
        : {
            failure: {
              type: c.kind,
              message: `${classLabel(c)}: ${recordsText(c.records)}, ${decisionText(c)}`,
              body: evidence,
            },
          }),
    });
  }
  if (suite.aa !== undefined) {
    // The calibration itself passes: each nondeterministic feature fails as a gate reason below.
    cases.push({ name: 'A/A calibration', classname: `${name}.gate`, out: aaTextLines(suite.aa).join('\n') });
  }
  for (const p of suite.problems) {
    const where = p.at === undefined ? '' : `\nat ${p.at.log}${p.at.line === undefined ? '' : `:${p.at.line}`}`;
    cases.push({
      name: `gate ${p.reason.code}`,
      classname: `${name}.gate`,
      failure: { type: p.reason.code, message: p.reason.message, body: `${p.reason.message}${where}` },
      ...(p.reason.code === 'side_unreachable' ? { error: true } : {}),
    });
  }
  if (suite.invalid.length > 0 && !suite.problems.some((p) => p.reason.code.includes('invalid'))) {
    // Invalid lines within --max-invalid: they pass the gate, and the suite still says where they are.
    cases.push({
      name: 'gate invalid lines (within --max-invalid)',
      classname: `${name}.gate`,
      out: suite.invalid.map((i) => `${i.at.log}:${i.at.line}: ${i.message}`).join('\n'),
    });
  }
  return cases;
}
