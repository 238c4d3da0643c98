import { SkewError } from '../errors.ts';

/**
 * How many invalid lines a run may hold and still pass (`--max-invalid`): a count, or a percent of the lines read.
 * The default is none: an invalid line is a record nobody checked.
 * @public
 */
export type InvalidBudget = { readonly count: number } | { readonly percent: number };

/** No invalid line allowed. @public */
export const NO_INVALID: InvalidBudget = { count: 0 };

/**
 * Parses `--max-invalid <n|p%>`: `12` allows 12 invalid lines, `0.5%` allows 0.5% of the lines read.
 * @throws SkewError `SKEW_USAGE` for anything else
 * @remarks Since 0.1
 * @public
 */
export function parseInvalidBudget(text: string): InvalidBudget {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent !== null && Number(percent[1]) <= 100) return { percent: Number(percent[1]) };
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return { count: Number(text) };
  throw new SkewError(
    'SKEW_USAGE',
    `--max-invalid: expected a count (e.g. 10) or a percent of the lines read (e.g. 0.5%), got "${text}"`,
  );
}

/**
 * Whether `invalid` of `read` lines fit the budget.
 * @remarks Since 0.1
 * @public
 */
export function withinInvalidBudget(invalid: number, read: number, budget: InvalidBudget): boolean {
  if ('count' in budget) return invalid <= budget.count;
  return read === 0 || (invalid / read) * 100 <= budget.percent;
}

/** The budget as the flag was written: `10` or `0.5%`. @public */
export function describeInvalidBudget(budget: InvalidBudget): string {
  return 'count' in budget ? String(budget.count) : `${budget.percent}%`;
}
