import type { AnswerColumns } from '../../distribution/observe-columns.ts';

/**
 * Records of one batch that both sides answered without error and that did not diverge, as columns (see
 * `ReportBuilder.addPlainRows`): the batch's rows `i` whose `skip[i]` is 0, at line `lines[i]`, row `i` of each
 * feature's answer columns. The others are added record by record after these.
 * @internal
 */
export interface PlainRows {
  readonly skip: Uint8Array;
  /** The records not skipped. */
  readonly count: number;
  readonly lines: ArrayLike<number>;
  /** Each side's latency, the same for every record (its share of the batch's time). */
  readonly latencyMs: { readonly training: number; readonly serving: number };
  /** The contract's features in order: each side's answers. */
  readonly features: readonly AnswerColumns[];
}
