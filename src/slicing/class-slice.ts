/**
 * An input predicate a divergence class's records share far more than the rest of the log does, e.g.
 * `cardholder_tz = "Australia/Sydney"`: 100% of the class, 21% of the log.
 * @remarks Since 0.1
 * @public
 */
export interface ClassSlice {
  /** The predicate as shown: `cardholder_tz = "Australia/Sydney"`, `amount ends in .5`. */
  readonly predicate: string;
  /** The input field (dotted path) it is about. */
  readonly field: string;
  /** Share of the class's records it holds for (0..1). */
  readonly inClass: number;
  /** Share of the log's records that reached the sides (compared or errored) it holds for (0..1). */
  readonly inLog: number;
  /** inClass ÷ inLog. */
  readonly lift: number;
}
