import type { Contract } from '../../contract/contract.ts';
import { SkewError } from '../../errors.ts';
import { asFrameExchange } from '../../implementations/frame-side.ts';
import type { SidePair } from '../../implementations/side.ts';
import { DEFAULT_MAX_ENTITY_EVENTS } from '../entity-wise/entity-limit.ts';
import type { LogFormat } from '../log-format.ts';
import type { LineSource } from '../ports.ts';
import type { LineSelection } from '../sample.ts';
import { type ColumnarLog, type LogColumns, RowPathNeeded } from './columnar-log.ts';
import {
  type ColumnarParts,
  type ColumnarRun,
  closeLogs,
  type PartRows,
  type RowPathReason,
  rowPath,
} from './columnar-run.ts';
import { groupRows } from './group-rows.ts';
import { partitioned } from './partitioned.ts';
import { columnarPlan } from './plan.ts';

/**
 * The most rows the columnar replay holds in memory by default (about 500 bytes a row for a dozen input fields): a
 * longer log is read in parts of whole entities of about as many rows each (see partitioned.ts).
 * @internal
 */
export const COLUMNAR_MAX_ROWS = 2_000_000;

/**
 * Checks the rows the columnar path may hold in memory: a whole number, at least 1.
 * @throws SkewError `SKEW_USAGE` naming `what` (the option, or the environment variable) and the value
 * @internal
 */
export function checkColumnarMaxRows(rows: unknown, what: string): number {
  if (typeof rows === 'number' && Number.isSafeInteger(rows) && rows >= 1) return rows;
  throw new SkewError(
    'SKEW_USAGE',
    `${what} must be a whole number of rows, at least 1 (default ${COLUMNAR_MAX_ROWS.toLocaleString('en-US')}); got ${JSON.stringify(rows) ?? String(rows)}`,
  );
}

/** What the columnar replay may be asked beside its logs and sides. @internal */
export interface ColumnarOptions {
  readonly maxEntityEvents?: number;
  readonly maxRows?: number;
  /** The run's shard and sample: rows are kept or left out by their routing key, as the row path keeps lines. */
  readonly selection?: LineSelection;
}

/**
 * Reads the logs column by column and groups them for the columnar replay, when it can replay them: both sides frame
 * sides of this contract, every source a flat columnar log the plan fits, no entity above the limit, at most
 * `maxRows` rows in all (counted before a shard or sample is taken). Undefined when the columnar path does not apply
 * (a side that is not a frame side of this contract, no log read column by column); why not, when it applies but
 * cannot replay these logs (the row path replays them; nothing has been counted yet).
 * @internal
 */
export async function openColumnar(
  sources: readonly LineSource[],
  contract: Contract,
  format: LogFormat,
  sides: SidePair,
  options: ColumnarOptions = {},
): Promise<ColumnarParts | RowPathReason | undefined> {
  const { maxEntityEvents = DEFAULT_MAX_ENTITY_EVENTS, maxRows = COLUMNAR_MAX_ROWS, selection = {} } = options;
  const training = asFrameExchange(sides.training);
  const serving = asFrameExchange(sides.serving);
  if (training?.frameContract !== contract || serving?.frameContract !== contract) return undefined;
  if (!sources.some((s) => s.columnar !== undefined)) return undefined;
  const rowWise = sources.filter((s) => s.columnar === undefined).map((s) => s.name);
  if (rowWise.length > 0)
    return rowPath(`a run reads all its logs one way, and ${rowWise.join(', ')} is read as lines`);
  const ranged = sources.find((s) => (s.byteBase ?? 0) !== 0);
  if (ranged !== undefined) return rowPath(`${ranged.name} is read from a byte offset, as lines`);
  const logs: ColumnarLog[] = [];
  try {
    for (const source of sources) logs.push(await (source.columnar as () => Promise<ColumnarLog>)());
  } catch (error) {
    await closeLogs(logs);
    return rowPath(`its layout could not be read (${messageOf(error)})`);
  }
  const rows = logs.reduce((sum, l) => sum + l.rows, 0);
  const first = logs[0] as ColumnarLog;
  const same = (l: ColumnarLog) => JSON.stringify(l.columns) === JSON.stringify(first.columns);
  if (!Array.isArray(first.columns)) {
    await closeLogs(logs);
    return rowPath((first.columns as { readonly unusable: string }).unusable);
  }
  const other = logs.findIndex((l) => !same(l));
  if (other !== -1) {
    await closeLogs(logs);
    return rowPath(`${sources[other]?.name} has other columns than ${sources[0]?.name}`);
  }
  const plan = columnarPlan(contract, format, first.columns);
  if ('why' in plan) {
    await closeLogs(logs);
    return rowPath(plan.why);
  }
  const groupPart = (parts: readonly LogColumns[], part?: PartRows) =>
    groupRows(contract, format, plan, logs, parts, { training, serving }, maxEntityEvents, selection, part);
  if (rows > maxRows) {
    try {
      const parted = await partitioned(
        logs,
        sources.map((s) => s.name),
        plan.entity.name,
        { rows, maxRows, maxEntityEvents },
        selection,
        groupPart,
      );
      if ('rowPath' in parted) await closeLogs(logs);
      return parted;
    } catch (error) {
      await closeLogs(logs);
      return unreadable(error);
    }
  }
  const parts: LogColumns[] = [];
  try {
    for (const log of logs) parts.push(await log.read());
  } catch (error) {
    await closeLogs(logs);
    return unreadable(error);
  }
  const run = await groupPart(parts);
  if ('rowPath' in run) {
    await closeLogs(logs);
    return run;
  }
  return wholeLog(run);
}

/** A log held in memory whole: one part. */
function wholeLog(run: ColumnarRun): ColumnarParts {
  return {
    rows: run.data.rows,
    lineOffsets: run.lineOffsets,
    partCount: 1,
    skipped: run.skipped,
    sampledOut: run.sampledOut,
    async *parts() {
      yield run;
    },
    // A log held whole was read to its end before replaying (or the row path took it).
    sourceErrors: [],
    close: run.close,
  };
}

/** Why the row path replays logs one of which could not be read column by column. */
function unreadable(error: unknown): RowPathReason {
  if (error instanceof RowPathNeeded) return rowPath(error.message);
  return rowPath(`a log could not be read column by column (${messageOf(error)})`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
