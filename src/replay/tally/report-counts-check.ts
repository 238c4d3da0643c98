import type { ReplayCounts } from '../replay-report.ts';

/** What the check reads of a replay report: its counts, and each feature's. @internal */
export interface CountedReport {
  readonly counts: Pick<ReplayCounts, 'read' | 'compared' | 'invalid' | 'errored' | 'diverged' | 'invalidByReason'>;
  readonly features: readonly { readonly diverged: number; readonly byKind: Partial<Record<string, number>> }[];
}

/** One way a report's counts do not add up. @internal */
export interface CountsProblem {
  /** The field, from the report: `['counts', 'read']`, `['features', 1, 'byKind']`. */
  readonly path: readonly (string | number)[];
  /** What the field must be, with the number it is held to: `compared + invalid + errored (7)`. */
  readonly mustBe: string;
  /** The field's number; absent for `byKind`, an object (`mustBe` says what its counts add up to). */
  readonly found?: number;
}

/**
 * What every replay report's counts satisfy, and how this one does not (empty when it does): compared + invalid +
 * errored = read, the reasons add up to invalid, diverged is at most compared, and no feature diverged on more records
 * than diverged, or by kinds that do not add up to its count. Merging adds counts up, so a shard whose counts do not
 * add up makes a merged report whose do not either.
 * @param report - a replay report, or as much of one as a shard's JSON file gave
 * @remarks Since 0.1
 * @internal
 */
export function countsProblems(report: CountedReport): CountsProblem[] {
  const c = report.counts;
  const problems: CountsProblem[] = [];
  const sum = c.compared + c.invalid + c.errored;
  if (sum !== c.read)
    problems.push({ path: ['counts', 'read'], mustBe: `compared + invalid + errored (${sum})`, found: c.read });
  const reasons = c.invalidByReason.json + c.invalidByReason.record + c.invalidByReason.schema;
  if (reasons !== c.invalid) {
    problems.push({ path: ['counts', 'invalid'], mustBe: `the sum of invalidByReason (${reasons})`, found: c.invalid });
  }
  if (c.diverged > c.compared) {
    problems.push({ path: ['counts', 'diverged'], mustBe: `at most compared (${c.compared})`, found: c.diverged });
  }
  report.features.forEach((f, i) => {
    if (f.diverged > c.diverged) {
      problems.push({
        path: ['features', i, 'diverged'],
        mustBe: `at most counts.diverged (${c.diverged})`,
        found: f.diverged,
      });
    }
    const kinds = Object.values(f.byKind).reduce<number>((a, b) => a + (b ?? 0), 0);
    if (kinds !== f.diverged) {
      const mustBe = `counts by kind that add up to diverged (${f.diverged}; these add up to ${kinds})`;
      problems.push({ path: ['features', i, 'byKind'], mustBe });
    }
  });
  return problems;
}

/**
 * A counts problem as a sentence: the field as written in JavaScript from the report, what it must be and what it is
 * (`counts.read must be compared + invalid + errored (7), got 8`).
 * @internal
 */
export function countsProblemText(problem: CountsProblem): string {
  const field = problem.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
  return `${field} must be ${problem.mustBe}${problem.found === undefined ? '' : `, got ${problem.found}`}`;
}
