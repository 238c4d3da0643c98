import type { FeatureTable } from './feature-table.ts';

/** Duplicate ids kept as examples, each with the first rows that hold it. */
const EXAMPLES_KEPT = 20;
const ROWS_KEPT = 5;

/** An id found on more than one row of a features file, with the rows (1-based) that hold it. */
export interface DuplicateId {
  readonly id: string;
  readonly rows: readonly number[];
}

/**
 * The record id a row holds, as the log's ids are read (decode-record's `idOf`): a string as it is, an integer (a
 * number or an exact `bigint`) in decimal; anything else is no id.
 */
function rowId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return String(value);
  return undefined;
}

/**
 * Record id → row index of a features file, built row by row: the first row of an id wins; later rows with the same
 * id, and rows with no id, are counted with a few examples kept (bounded memory whatever the file holds).
 */
export class IdIndex {
  readonly rowOf: Map<string, number> = new Map();
  /** Rows whose id an earlier row already had. */
  duplicateRows = 0;
  readonly duplicates: Map<string, number[]> = new Map();
  /** Rows with no usable id (missing, null, a float, an object). */
  noIdRows = 0;
  readonly noIdExamples: number[] = [];

  /** Indexes row `row` (0-based) under `value`; returns whether it is the row the id now stands for. */
  add(value: unknown, row: number): boolean {
    const id = rowId(value);
    if (id === undefined) {
      this.noIdRows++;
      if (this.noIdExamples.length < EXAMPLES_KEPT) this.noIdExamples.push(row + 1);
      return false;
    }
    const first = this.rowOf.get(id);
    if (first === undefined) {
      this.rowOf.set(id, row);
      return true;
    }
    this.duplicateRows++;
    const seen = this.duplicates.get(id);
    if (seen !== undefined) {
      if (seen.length < ROWS_KEPT) seen.push(row + 1);
    } else if (this.duplicates.size < EXAMPLES_KEPT) {
      this.duplicates.set(id, [first + 1, row + 1]);
    }
    return false;
  }

  /** The duplicate ids kept as examples, in the order they were met. */
  duplicateExamples(): DuplicateId[] {
    return [...this.duplicates].map(([id, rows]) => ({ id, rows }));
  }

  /** The table of `rows` rows this index was built over, whose features `featuresAt` reads. */
  table(rows: number, featuresAt: (row: number) => Record<string, unknown>): FeatureTable {
    return {
      rows,
      rowOf: (id) => this.rowOf.get(id),
      ids: () => this.rowOf.entries(),
      featuresAt,
      duplicateRows: this.duplicateRows,
      duplicates: this.duplicateExamples(),
      noIdRows: this.noIdRows,
      noIdExamples: this.noIdExamples,
    };
  }
}
