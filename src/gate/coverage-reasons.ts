import type { ReplayReport, SideReport } from '../replay/replay-report.ts';
import { RECORD_FEATURE } from '../replay/tally/report-builder.ts';
import { describeInvalidBudget, type InvalidBudget, withinInvalidBudget } from './invalid-budget.ts';
import type { GateReason } from './verdict.ts';

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const percent = (part: number, whole: number): string => `${((part / whole) * 100).toFixed(2)}%`;

function firstError(report: ReplayReport, side: SideReport): string {
  const cls = report.classes.find((c) => c.feature === RECORD_FEATURE && c.examples[0]?.side === side.side);
  return cls?.examples[0]?.detail ?? 'no message';
}

/** What to check for a side that failed on every record: a precomputed side reads, it is not reached. */
function unreachableAdvice(error: string): string {
  if (error.includes('the log record has no served features'))
    return 'Check that each log record holds the features production served under the served field (--served-field)';
  if (error.includes('missing from precomputed features'))
    return "Check that the features file covers this log's records and that its id column (--features-id-field) holds the log's record ids";
  return 'Check that it runs and can be reached';
}

/** A side that failed on every record it was given: it could not be reached (exit 2), not a divergence. */
function unreachable(report: ReplayReport): GateReason[] {
  if (report.counts.compared > 0) return [];
  return report.sides
    .filter((s) => s.records > 0 && s.errors === s.records)
    .map((s) => {
      const error = firstError(report, s);
      return {
        code: 'side_unreachable',
        stage: 'replay',
        contract: report.contract.name,
        message:
          `${report.contract.name}: the ${s.side} side (${s.description}) failed on all ${plural(s.records, 'record')}, ` +
          `so nothing was compared; first error: ${error}. ${unreachableAdvice(error)}`,
      };
    });
}

function invalidLines(report: ReplayReport, budget: InvalidBudget): GateReason[] {
  const { read, invalid, invalidByReason: by } = report.counts;
  const name = report.contract.name;
  if (invalid === 0) return [];
  if (invalid === read) {
    const why = `${by.json} bad JSON, ${by.record} malformed records, ${by.schema} schema violations`;
    return [
      {
        code: 'all_invalid',
        stage: 'replay',
        contract: name,
        message: `${name}: every line is invalid (${plural(read, 'line')}: ${why}), so nothing was checked; the first ones are listed under Invalid lines`,
      },
    ];
  }
  if (withinInvalidBudget(invalid, read, budget)) return [];
  return [
    {
      code: 'invalid_over_budget',
      stage: 'replay',
      contract: name,
      message: `${name}: ${plural(invalid, 'invalid line')} of ${plural(read, 'line')} read (${percent(invalid, read)}), over --max-invalid ${describeInvalidBudget(budget)}: they are records nobody checked; fix them, or allow a budget with --max-invalid <n|p%>`,
    },
  ];
}

/** Why a run read no record: a shard that got none, blank lines only, a header only, or nothing at all. */
function whyNoRecord(report: ReplayReport): string {
  const { blank } = report.counts;
  if (report.shard !== undefined) {
    return `shard ${report.shard.index}/${report.shard.count} got none of its lines: every entity hashed to another shard`;
  }
  if (blank > 0) return `it holds ${plural(blank, 'blank line')} and nothing else`;
  const tabular = report.sources.some((s) => /\.(csv|tsv)(\.gz)?$|\.parquet$/i.test(s));
  return tabular ? 'empty, or a header with no row' : 'empty';
}

/**
 * Why a contract's replay checked less than it read: an empty log, every line invalid, invalid lines over budget,
 * nothing compared, a side that could not be reached, a log not read to its end. A gate never passes having checked
 * nothing.
 * @param report - one contract's replay report
 * @param budget - how many invalid lines may pass
 * @remarks Since 0.1
 * @public
 */
export function coverageReasons(report: ReplayReport, budget: InvalidBudget): GateReason[] {
  const name = report.contract.name;
  const { read, compared, invalid } = report.counts;
  const incomplete: GateReason[] = report.sourceErrors.map((e) => ({
    code: 'incomplete_log',
    stage: 'replay',
    contract: name,
    message: `${name}: log ${e.source} could not be read past line ${e.afterLine.toLocaleString('en-US')} (${e.message}); the run covers only the lines before`,
  }));
  if (read === 0) {
    // A log that broke before its first line is reported as unread, not as empty.
    if (incomplete.length > 0) return incomplete;
    const logs = report.sources.join(', ');
    const sampledOut = report.counts.sampledOut ?? 0;
    return [
      {
        code: 'empty_log',
        stage: 'replay',
        contract: name,
        message:
          sampledOut > 0
            ? `${name}: the sample (--sample ${report.sample}) left out every line of ${logs || 'its logs'} (${plural(sampledOut, 'line')}), so nothing was checked; raise the sample rate`
            : `${name}: no record was read from ${logs || 'its logs'} (${whyNoRecord(report)}), so nothing was checked; ${
                report.shard === undefined ? 'point the replay at a log with records' : 'run fewer shards'
              }`,
      },
    ];
  }
  const sides = unreachable(report);
  const lines = invalidLines(report, budget);
  const nothing: GateReason[] =
    compared === 0 && sides.length === 0 && invalid < read
      ? [
          {
            code: 'nothing_compared',
            stage: 'replay',
            contract: name,
            message: `${name}: no record was compared (${plural(read, 'line')} read, ${invalid} invalid, ${report.counts.errored} errored), so nothing was checked`,
          },
        ]
      : [];
  return [...sides, ...lines, ...nothing, ...incomplete];
}
