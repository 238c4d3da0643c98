/**
 * Where the parts of one logged record live. Production writes one JSON object per line, in time order.
 * @public
 */
export interface LogFormat {
  /** Field holding the event time (epoch ms or ISO 8601 with zone). Default `timestamp`. */
  readonly timestampField: string;
  /** Field holding the input record. Default `input`. */
  readonly inputField: string;
  /** Field holding the features production served, if any. Default `served`. */
  readonly servedField: string;
  /** Top-level field holding the entity; when absent the contract's `entity` field of the input is used. */
  readonly entityField?: string;
  /**
   * Field naming each record in reports and divergence files (a request or transaction id): a top-level field of the
   * line, else a field of the input. Default `id`, used when present.
   */
  readonly idField?: string;
}

/** @public */
export const DEFAULT_LOG_FORMAT: LogFormat = {
  timestampField: 'timestamp',
  inputField: 'input',
  servedField: 'served',
};
