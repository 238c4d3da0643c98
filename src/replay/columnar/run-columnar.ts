import { type Data, DataType, type Table, type Utf8, type Vector } from 'apache-arrow';
import type { Divergence } from '../../compare/divergence.ts';
import { columnValues, decodeAnswer, fastReader } from '../../implementations/_arrow-decode.ts';
import type { FrameFault } from '../../implementations/frame-side.ts';
import type { SideOutcome, SideRecord } from '../../implementations/side.ts';
import type { PartitionContext } from '../compare-batch.ts';
import { drainDiagnostics, inFlightOf } from '../compare-batch.ts';
import { REPRODUCTION_HISTORY } from '../entity-wise/process-partition.ts';
import { mapWindow } from '../map-window.ts';
import { answerColumn } from './answer-column.ts';
import { anyBeyondInt64 } from './beyond-int64.ts';
import type { ColumnarRun } from './columnar-run.ts';
import { encodeRows } from './encode-rows.ts';
import { type DoubtNumbers, fastCell, numberDoubter } from './fast-cell.ts';
import { holdsLines } from './utf8-texts.ts';

type Answer = { readonly answer: Table; readonly latencyMs: number } | FrameFault;

/** Batches of about `size` rows of `order` that never split an entity: [from, to) ranges of `order`. */
function* batches(run: ColumnarRun, size: number): Generator<[number, number]> {
  const starts = run.entityStarts;
  let from = 0;
  for (let e = 1; e < starts.length; e++) {
    const to = starts[e] as number;
    if (to - from >= size) {
      yield [from, to];
      from = to;
    }
  }
  const end = starts[starts.length - 1] as number;
  if (end > from) yield [from, end];
}

/** A reader of one answer column by row, nulls included (`decodeAnswer`'s values, without a row object). */
function reader(vector: Vector): (row: number) => unknown {
  const data = vector.data[0];
  const read = vector.data.length === 1 && data !== undefined ? fastReader(data) : undefined;
  if (data === undefined || read === undefined) {
    const all = columnValues(vector);
    return (row) => all[row];
  }
  if (data.nullCount === 0) return read;
  return (row) => (data.getValid(row) ? read(row) : null);
}

/**
 * Whether an answer's rows are the batch's rows in order, and it has exactly the contract's features, no errors.
 * @internal
 */
export function plainAnswer(
  table: Table,
  lines: readonly number[],
  ids: () => readonly string[],
  features: readonly string[],
): boolean {
  if (table.numRows !== lines.length) return false;
  const names = table.schema.fields.map((f) => f.name).filter((n) => n !== '_id' && n !== '_error');
  if (names.length !== features.length || !features.every((f) => names.includes(f))) return false;
  const errors = table.getChild('_error');
  if (errors !== null && errors.nullCount !== errors.length) return false;
  const answered = table.getChild('_id');
  if (answered === null) return true;
  const data = answered.data[0];
  if (
    answered.data.length === 1 &&
    data !== undefined &&
    DataType.isUtf8(data.type) &&
    holdsLines(data as Data<Utf8>, lines)
  )
    return true;
  const texts = ids();
  const read = reader(answered);
  for (let i = 0; i < texts.length; i++) if (read(i) !== texts[i]) return false;
  return true;
}

/** The lines of a batch, for a fault's message (as `frameSide` names them). */
function linesText(lines: readonly number[]): string {
  let first = Infinity;
  let last = -Infinity;
  for (const l of lines) {
    if (l < first) first = l;
    if (l > last) last = l;
  }
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/**
 * Replays a log the columnar way (see `openColumnar`): each batch of whole entities is encoded once from the columns
 * and sent to both frame sides; the answers are compared column by column, and a record object with its input
 * decoded as the row path does is made only for a row that diverged, errored or explains a class. The report is the
 * one the row path gives.
 * @internal
 */
export async function runColumnar(run: ColumnarRun, ctx: PartitionContext): Promise<void> {
  const { builder, contract } = ctx;
  for (const invalid of run.invalid) builder.addInvalid(invalid);
  if (run.invalid.length > 0) ctx.onProcessed?.(run.invalid.length);
  for (const [id, firstLine, line] of run.duplicates) builder.addDuplicateId(id, firstLine, line);
  const features = contract.featureNames;
  const specs = features.map((f) => contract.features[f]);
  const fast = specs.map((spec) => fastCell(spec as NonNullable<(typeof specs)[number]>));
  const numeric = specs.map((spec) => numberDoubter(spec as NonNullable<(typeof specs)[number]>));
  let done = 0;
  // Rows counted column-wise: their inputs are counted at the end, in log order (each column read in order).
  const plain = new Uint8Array(run.data.rows);
  await mapWindow(batches(run, ctx.batchSize), inFlightOf(ctx.sides), async ([from, to]) => {
    const rows = new Array<number>(to - from);
    for (let i = from; i < to; i++) rows[i - from] = run.order[i] as number;
    const lines = rows.map(run.lineOf);
    let idTexts: string[] | undefined;
    const ids = () => {
      idTexts ??= lines.map(String);
      return idTexts;
    };
    const facts = {
      line: lines,
      entity: rows.map((r) => run.entityOf[r] as string),
      timestamp: rows.map((r) => run.timestampOf[r] as number),
    };
    const historyOf = (i: number) => () => {
      const entity = facts.entity[i];
      let start = i;
      while (start > 0 && facts.entity[start - 1] === entity) start--;
      return rows.slice(Math.max(start, i - REPRODUCTION_HISTORY), i).map(run.decoded);
    };
    if (anyBeyondInt64(run.data, run.plan.fields, rows)) {
      // Sent as the row path sends it: each side refuses the records a frame cannot carry and computes the others.
      const records = rows.map(run.decoded);
      const [t, s] = await Promise.all([run.training.compute(records), run.serving.compute(records)]);
      compareOutcomes(run, ctx, rows, t, s, historyOf);
    } else {
      const bytes = encodeRows(run.data, run.plan.fields, rows, facts);
      const describe = () => linesText(lines);
      const [t, s] = await Promise.all([
        run.training.exchange(bytes, rows.length, describe),
        run.serving.exchange(bytes, rows.length, describe),
      ]);
      if (
        'answer' in t &&
        'answer' in s &&
        plainAnswer(t.answer, lines, ids, features) &&
        plainAnswer(s.answer, lines, ids, features)
      ) {
        compareColumns(run, ctx, rows, t, s, fast, numeric, historyOf, plain);
      } else {
        compareOutcomes(run, ctx, rows, outcomesOf(t, ids()), outcomesOf(s, ids()), historyOf);
      }
    }
    drainDiagnostics(ctx);
    ctx.onProcessed?.(rows.length);
    if (++done % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  });
  let count = 0;
  for (let r = 0; r < plain.length; r++) count += plain[r] as number;
  const plainRows = new Int32Array(count);
  for (let r = 0, k = 0; r < plain.length; r++) if (plain[r] !== 0) plainRows[k++] = r;
  builder.addPlainInputs(run.sliceColumns(plainRows), count);
  drainDiagnostics(ctx);
}

/** The outcomes of a batch's rows from one side's answer (any shape) or its fault. */
function outcomesOf(answer: Answer, ids: readonly string[]): SideOutcome[] {
  if ('error' in answer) return ids.map(() => ({ error: answer.error, latencyMs: answer.latencyMs }));
  return decodeAnswer(answer.answer, ids, answer.latencyMs);
}

/**
 * A batch whose answers are not plain (a fault, errored rows, rows by id, a record a frame cannot carry): outcome
 * objects per row, as the row path.
 */
function compareOutcomes(
  run: ColumnarRun,
  ctx: PartitionContext,
  rows: readonly number[],
  tOut: readonly SideOutcome[],
  sOut: readonly SideOutcome[],
  historyOf: (i: number) => () => readonly SideRecord[],
): void {
  for (let i = 0; i < rows.length; i++) {
    const to = tOut[i] as SideOutcome;
    const so = sOut[i] as SideOutcome;
    const both = 'features' in to && 'features' in so;
    const divergences = both ? ctx.compare(to.features, so.features, ctx.builder.observe) : [];
    const row = rows[i] as number;
    const record = both && divergences.length === 0 ? run.record(row) : run.decoded(row);
    ctx.builder.addRecord(record, to, so, divergences, historyOf(i));
  }
}

/** A row the column-wise comparison doubted: compared by the record comparator, its observer calls kept. */
interface Doubted {
  readonly i: number;
  readonly tf: Record<string, unknown>;
  readonly sf: Record<string, unknown>;
  readonly divergences: readonly Divergence[];
  /** The comparator's observer calls by feature: `calls[f]` holds feature `f`'s (training, serving) pairs, flat. */
  readonly calls: (unknown[] | undefined)[];
}

/** What comparing answers column by column needs of the rows: their lines, and their records for the rows reported. */
export type BatchRows = Pick<ColumnarRun, 'lineOf' | 'record' | 'decoded'>;

/**
 * A batch whose answers are plain: compared column by column, each feature's cells in a tight loop; the rows every
 * feature agrees on are counted column-wise (`addPlainRows`, their inputs left to the caller: `plain[row]` is set for
 * each), and objects are made only for the others, which the record comparator compares. Error statistics are
 * observed feature by feature in row order, as record by record.
 * @internal
 */
export function compareColumns(
  run: BatchRows,
  ctx: PartitionContext,
  rows: readonly number[],
  t: { readonly answer: Table; readonly latencyMs: number },
  s: { readonly answer: Table; readonly latencyMs: number },
  fast: readonly ReturnType<typeof fastCell>[],
  numeric: readonly (DoubtNumbers | undefined)[],
  historyOf: (i: number) => () => readonly SideRecord[],
  plain: Uint8Array,
): void {
  const features = ctx.contract.featureNames;
  const tAnswers = features.map((f) => answerColumn(t.answer.getChild(f) as Vector));
  const sAnswers = features.map((f) => answerColumn(s.answer.getChild(f) as Vector));
  const latencyMs = { training: t.latencyMs, serving: s.latencyMs };
  const batch: Batch = { run, ctx, rows, latencyMs, fast, numeric, historyOf, plain };
  for (let from = 0; from < rows.length; from += SLICE_ROWS) {
    const to = Math.min(rows.length, from + SLICE_ROWS);
    compareSlice(batch, { from, to, tCols: tAnswers.map((a) => a(from, to)), sCols: sAnswers.map((a) => a(from, to)) });
  }
}

/**
 * Rows compared at a time: the answer columns of this many rows are young arrays that die young (a whole batch's
 * would be born in the old generation; see `answerColumn`).
 */
const SLICE_ROWS = 8192;

/** What every slice of one batch is compared with: see `compareColumns`. */
interface Batch {
  readonly run: BatchRows;
  readonly ctx: PartitionContext;
  readonly rows: readonly number[];
  readonly latencyMs: { readonly training: number; readonly serving: number };
  readonly fast: readonly ReturnType<typeof fastCell>[];
  readonly numeric: readonly (DoubtNumbers | undefined)[];
  readonly historyOf: (i: number) => () => readonly SideRecord[];
  readonly plain: Uint8Array;
}

/** Rows [from, to) of a batch and their answer columns. */
interface Slice {
  readonly from: number;
  readonly to: number;
  readonly tCols: readonly (Float64Array | unknown[])[];
  readonly sCols: readonly (Float64Array | unknown[])[];
}

/** `compareColumns` over one slice of the batch's rows. */
function compareSlice(
  { run, ctx, rows, latencyMs, fast, numeric, historyOf, plain }: Batch,
  { from, to, tCols, sCols }: Slice,
): void {
  const { builder } = ctx;
  const n = ctx.contract.featureNames.length;
  const length = to - from;
  const doubted = new Uint8Array(length);
  for (let f = 0; f < n; f++) {
    const a = tCols[f] as Float64Array | unknown[];
    const b = sCols[f] as Float64Array | unknown[];
    const same = fast[f] as Same;
    const doubtAll = numeric[f];
    if (a instanceof Float64Array && b instanceof Float64Array) {
      if (doubtAll !== undefined) doubtAll(a, b, doubted);
      else doubtNumbers(a, b, same, doubted);
    } else doubtValues(a, b, same, doubted);
  }
  const others = compareDoubted(ctx, tCols, sCols, doubted);
  for (let f = 0; f < n; f++) {
    const a = tCols[f] as Float64Array | unknown[];
    const b = sCols[f] as Float64Array | unknown[];
    if (a instanceof Float64Array && b instanceof Float64Array)
      observeNumbers(builder.observe, f, a, b, doubted, others);
    else observeValues(builder.observe, f, a, b, doubted, others);
  }
  const lines = linesOfRows(run, rows, from, doubted, plain);
  builder.addPlainRows({
    skip: doubted,
    count: length - others.length,
    lines,
    latencyMs,
    features: tCols.map((training, f) => ({ training, serving: sCols[f] as ArrayLike<unknown> })),
  });
  for (const { i, tf, sf, divergences } of others) {
    const row = rows[from + i] as number;
    const record = divergences.length === 0 ? run.record(row) : run.decoded(row);
    builder.addRecord(
      record,
      { features: tf, latencyMs: latencyMs.training },
      { features: sf, latencyMs: latencyMs.serving },
      divergences,
      historyOf(from + i),
    );
  }
}

// The loops over a batch's rows live in functions of their own: inside `compareColumns` (called once per batch), each
// would have it compiled again on the stack, whole, with all it inlines.

/** The doubted rows as records, compared by the record comparator, its observer calls kept. */
function compareDoubted(
  ctx: PartitionContext,
  tCols: readonly ArrayLike<unknown>[],
  sCols: readonly ArrayLike<unknown>[],
  doubted: Uint8Array,
): Doubted[] {
  const features = ctx.contract.featureNames;
  const n = features.length;
  const others: Doubted[] = [];
  for (let i = 0; i < doubted.length; i++) {
    if (doubted[i] === 0) continue;
    const tf: Record<string, unknown> = {};
    const sf: Record<string, unknown> = {};
    for (let f = 0; f < n; f++) {
      tf[features[f] as string] = (tCols[f] as ArrayLike<unknown>)[i];
      sf[features[f] as string] = (sCols[f] as ArrayLike<unknown>)[i];
    }
    const calls: Doubted['calls'] = [];
    const divergences = ctx.compare(tf, sf, (feature, a, b) => {
      const pairs = calls[feature];
      if (pairs === undefined) calls[feature] = [a, b];
      else pairs.push(a, b);
    });
    others.push({ i, tf, sf, divergences, calls });
  }
  return others;
}

/** The line of each row of a slice starting at `from`; the rows no feature doubted are marked plain. */
function linesOfRows(
  run: BatchRows,
  rows: readonly number[],
  from: number,
  doubted: Uint8Array,
  plain: Uint8Array,
): Float64Array {
  const lines = new Float64Array(doubted.length);
  for (let i = 0; i < doubted.length; i++) {
    const row = rows[from + i] as number;
    lines[i] = run.lineOf(row);
    if (doubted[i] === 0) plain[row] = 1;
  }
  return lines;
}

type Same = (a: unknown, b: unknown) => boolean;
type Observe = (feature: number, training: unknown, serving: unknown) => void;

// Each loop below sees one kind of column (typed numbers, or arrays): its element reads stay monomorphic.

/** Marks the rows where a feature's two columns of numbers do not certainly agree. */
function doubtNumbers(a: Float64Array, b: Float64Array, same: Same, doubted: Uint8Array): void {
  for (let i = 0; i < doubted.length; i++) if (doubted[i] === 0 && !same(a[i], b[i])) doubted[i] = 1;
}

/** Marks the rows where a feature's two columns do not certainly agree. */
function doubtValues(a: ArrayLike<unknown>, b: ArrayLike<unknown>, same: Same, doubted: Uint8Array): void {
  for (let i = 0; i < doubted.length; i++) if (doubted[i] === 0 && !same(a[i], b[i])) doubted[i] = 1;
}

/** A doubted row's observer calls for feature `f`, made now (in its row's turn). */
function replayCalls(observe: Observe, f: number, other: Doubted): void {
  const pairs = other.calls[f];
  if (pairs !== undefined) for (let k = 0; k < pairs.length; k += 2) observe(f, pairs[k], pairs[k + 1]);
}

/** A feature's error statistics from two columns of numbers, row by row (doubted rows: their comparator's calls). */
function observeNumbers(
  observe: Observe,
  f: number,
  a: Float64Array,
  b: Float64Array,
  doubted: Uint8Array,
  others: readonly Doubted[],
): void {
  let o = 0;
  for (let i = 0; i < doubted.length; i++) {
    if (doubted[i] === 0) observe(f, (a[i] as number) + 0, (b[i] as number) + 0);
    else replayCalls(observe, f, others[o++] as Doubted);
  }
}

/** A feature's error statistics from two columns, row by row (doubted rows: their comparator's calls). */
function observeValues(
  observe: Observe,
  f: number,
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  doubted: Uint8Array,
  others: readonly Doubted[],
): void {
  let o = 0;
  for (let i = 0; i < doubted.length; i++) {
    if (doubted[i] === 0) observe(f, normal(a[i]), normal(b[i]));
    else replayCalls(observe, f, others[o++] as Doubted);
  }
}

/**
 * A number as `normalizeValue` hands it to the observer (-0 as 0); anything else as it is. Not `value + 0`: that makes
 * a new heap number of each boxed one.
 */
function normal(value: unknown): unknown {
  return value === 0 ? 0 : value;
}
