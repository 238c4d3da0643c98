import type { Table } from 'apache-arrow';
import type { FeatureSpec } from '../../contract/feature-spec.ts';
import { isSkewError } from '../../errors.ts';
import type { FrameExchange, FrameFault } from '../../implementations/frame-side.ts';
import { errorMessage, type SideOutcome, type SideRecord } from '../../implementations/side.ts';
import type { PartitionContext } from '../compare-batch.ts';
import { keptCopy } from '../entity-wise/lazy-record.ts';
import { fastCell, numberDoubter } from './fast-cell.ts';
import { type BatchRows, compareColumns, plainAnswer } from './run-columnar.ts';

type Answer = { readonly answer: Table; readonly latencyMs: number } | FrameFault;
/** A side that threw instead of answering (it could not be reached): every record errors with this, as `computeSafely`. */
type Thrown = { readonly thrown: string };

/** One side's answer to a batch; undefined when a record cannot travel in a frame (nothing was sent). */
async function answerOf(side: FrameExchange, batch: readonly SideRecord[]): Promise<Answer | Thrown | undefined> {
  try {
    return await side.answerTable(batch);
  } catch (error) {
    if (isSkewError(error) && error.code === 'SKEW_IMPL_START') throw error;
    return { thrown: errorMessage(error) };
  }
}

/** A side's answer as outcomes, one per record of the batch, as the side's `compute` and `computeSafely` give them. */
function outcomesOf(side: FrameExchange, got: Answer | Thrown, batch: readonly SideRecord[]): readonly SideOutcome[] {
  if ('thrown' in got) return batch.map(() => ({ error: got.thrown }));
  return side.outcomesOf(got, batch);
}

/**
 * A batch of decoded records (the row path: a JSON-lines or CSV log) between two frame sides of the replay's contract:
 * sent to both, and when both answer plainly (the batch's rows in order, the contract's features, no errors),
 * compared column by column as the columnar replay compares (`compareColumns`): only a row that a per-cell check
 * doubts becomes an object, and the rows both sides answered cleanly are counted from the columns. Returns nothing
 * then; otherwise (a fault, errored rows, an answer by id) each side's outcomes, for the record-by-record comparison;
 * `compute` when a record cannot travel in a frame and nothing was sent (the sides' `compute` then errors that record
 * alone).
 * @internal
 */
export async function compareFrameBatch(
  batch: readonly SideRecord[],
  ctx: PartitionContext,
  historyOf: (i: number) => readonly SideRecord[],
  sides: { readonly training: FrameExchange; readonly serving: FrameExchange },
): Promise<readonly [readonly SideOutcome[], readonly SideOutcome[]] | 'compute' | undefined> {
  const [t, s] = await Promise.all([answerOf(sides.training, batch), answerOf(sides.serving, batch)]);
  // A record that cannot travel in a frame: both sides (of one contract) refused the batch, sent nothing.
  if (t === undefined || s === undefined) return 'compute';
  const features = ctx.contract.featureNames;
  const lines = batch.map((r) => r.line);
  const ids = () => batch.map((r) => r.id);
  if (
    'answer' in t &&
    'answer' in s &&
    plainAnswer(t.answer, lines, ids, features) &&
    plainAnswer(s.answer, lines, ids, features)
  ) {
    const specs = features.map((f) => ctx.contract.features[f] as FeatureSpec);
    const rows: BatchRows = {
      lineOf: (i) => (batch[i] as SideRecord).line,
      record: (i) => batch[i] as SideRecord,
      // Only a record that diverged may be kept (an example, a reproduction): then as plain data.
      decoded: (i) => keptCopy(batch[i] as SideRecord),
    };
    const plain = new Uint8Array(batch.length);
    const order = batch.map((_, i) => i);
    const history = (i: number) => () => historyOf(i);
    compareColumns(rows, ctx, order, t, s, specs.map(fastCell), specs.map(numberDoubter), history, plain);
    const inputs: unknown[] = [];
    for (let i = 0; i < batch.length; i++) if (plain[i] !== 0) inputs.push((batch[i] as SideRecord).input);
    ctx.builder.addPlainInputObjects(inputs);
    return undefined;
  }
  return [outcomesOf(sides.training, t, batch), outcomesOf(sides.serving, s, batch)];
}
