import { relative, resolve } from 'node:path';
import { precomputedMissingMessage } from '../compare/precomputed-missing.ts';
import { SkewError } from '../errors.ts';
import type { FeatureTable } from '../io/feature-table.ts';
import { loadFeatureTable } from '../io/load-feature-table.ts';
import type { Side, SideDiagnostic, SideOutcome, SideRecord } from './side.ts';

/** Ids named in one diagnostic; the count says how many there were. */
const IDS_SHOWN = 10;

/** What {@link featureFileSide} takes. @public */
export interface FeatureFileSideOptions {
  /**
   * The features a batch job computed for the logged records: a `.parquet` file or folder of part files (Spark's
   * `df.write.parquet`), or a `.jsonl` / `.jsonl.gz` file, one row per record.
   */
  readonly path: string;
  /** The column holding the record id that joins a row to a log record (the log's `--id-field`). Default `id`. */
  readonly idField?: string;
  /** The feature columns; default every column but the id, or the row's `features` struct when it has one. */
  readonly columns?: readonly string[];
  readonly description?: string;
}

/** A path as a reader finds it: relative to the working directory when inside it, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function idList(ids: readonly string[], total: number): string {
  const named = ids.map((id) => `'${id}'`).join(', ');
  return total > ids.length ? `${named}, … (${total} in all)` : named;
}

/** What loading the table found wrong with its ids: rows that repeat an id (the first row wins), rows with none. */
function tableDiagnostics(table: FeatureTable, file: string): SideDiagnostic[] {
  const out: SideDiagnostic[] = [];
  const rows = (n: number, one: string, many: string) =>
    `${n} row${n === 1 ? '' : 's'} of ${file} ${n === 1 ? one : many}`;
  if (table.duplicateRows > 0) {
    const named = table.duplicates.map((d) => `'${d.id}' (rows ${d.rows.join(', ')})`).join(', ');
    const shown = table.duplicates.reduce((sum, d) => sum + d.rows.length - 1, 0);
    out.push({
      kind: 'join',
      message:
        `${rows(table.duplicateRows, 'repeats', 'repeat')} an id an earlier row has; the first row of each id is ` +
        `compared, the others ignored: ${named}${shown < table.duplicateRows ? ', …' : ''}`,
    });
  }
  if (table.noIdRows > 0) {
    const more = table.noIdExamples.length < table.noIdRows ? ', …' : '';
    out.push({
      kind: 'join',
      message: `${rows(table.noIdRows, 'has no id and joins', 'have no id and join')} no record (an id is a string or an integer): rows ${table.noIdExamples.join(', ')}${more}`,
    });
  }
  return out;
}

class FeatureFileSide implements Side {
  readonly shape = 'record' as const;
  readonly precomputed = true;
  readonly description: string;
  private readonly path: string;
  private readonly file: string;
  private table: Promise<FeatureTable> | undefined;
  /** One flag per row: a record has joined it. */
  private matched = new Uint8Array(0);
  private pending: SideDiagnostic[] = [];
  private closed = false;

  constructor(private readonly options: FeatureFileSideOptions) {
    this.path = resolve(options.path);
    this.file = shown(this.path);
    this.description = options.description ?? `${this.file} (precomputed features, joined by record id)`;
  }

  start(): Promise<void> {
    return this.load().then(() => undefined);
  }

  private load(): Promise<FeatureTable> {
    this.table ??= loadFeatureTable(this.path, {
      api: 'featureFileSide',
      ...(this.options.idField === undefined ? {} : { idField: this.options.idField }),
      ...(this.options.columns === undefined ? {} : { columns: this.options.columns }),
    }).then((table) => {
      const idField = this.options.idField ?? 'id';
      if (table.rows === 0)
        throw new SkewError(
          'SKEW_IMPL_START',
          `featureFileSide: ${this.file} holds no rows: the batch job wrote nothing`,
        );
      if (table.noIdRows === table.rows)
        throw new SkewError(
          'SKEW_IMPL_START',
          `featureFileSide: no row of ${this.file} has an id in "${idField}" (${table.rows} rows); name its id column with --features-id-field (idField in a config)`,
        );
      this.matched = new Uint8Array(table.rows);
      this.pending.push(...tableDiagnostics(table, this.file));
      return table;
    });
    return this.table;
  }

  async compute(batch: readonly SideRecord[]): Promise<SideOutcome[]> {
    const table = await this.load();
    return batch.map((record) => {
      const id = record.recordId;
      const row = id === undefined ? undefined : table.rowOf(id);
      if (row === undefined) {
        return { error: precomputedMissingMessage(this.file, id) };
      }
      this.matched[row] = 1;
      return { features: table.featuresAt(row) };
    });
  }

  drainDiagnostics(): readonly SideDiagnostic[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Tells, once, of the rows no record joined (read by the replay after its sides close). */
  async close(): Promise<void> {
    if (this.closed || this.table === undefined) return;
    this.closed = true;
    const table = await this.table.catch(() => undefined);
    if (table === undefined) return;
    const unmatched: string[] = [];
    let count = 0;
    for (const [id, row] of table.ids()) {
      if (this.matched[row] === 1) continue;
      count++;
      if (unmatched.length < IDS_SHOWN) unmatched.push(id);
    }
    if (count > 0) {
      this.pending.push({
        kind: 'join',
        message: `${count} row${count === 1 ? '' : 's'} of ${this.file} matched no logged record (a log not replayed, a shard or sample of it, or ids the log lacks): ids ${idList(unmatched, count)}`,
      });
    }
  }
}

/**
 * A side whose features a batch job computed offline (pandas, Spark, SQL) for the logged records, read from a file
 * and joined to each log record by its id (the Chronon pattern: offline features for logged requests). A record the
 * file has no row for is an error outcome of its own class, "missing from precomputed features"; rows that repeat an
 * id (the first row wins) or have none are reported as diagnostics when the file loads, and rows no record joined
 * when the side closes. Record-wise; the file is loaded once, by `start()` or the first `compute()`.
 * @param options - the file, its id column, the feature columns
 * @returns a record-wise side
 * @remarks Since 0.1
 * @public
 */
export function featureFileSide(options: FeatureFileSideOptions): Side {
  return new FeatureFileSide(options);
}
