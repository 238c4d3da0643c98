import { closeSync, openSync, readSync } from 'node:fs';
import type { ZodType } from 'zod';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { compiledValidator } from '../contract/compiled-validator.ts';
import type { Contract } from '../contract/contract.ts';
import { extraFieldsOf } from '../contract/extra-fields.ts';
import { contractToJsonSchema, type JsonSchema } from '../contract/to-json-schema.ts';
import { toCell } from '../implementations/_arrow-values.ts';
import { type ColumnKind, contractColumns } from '../implementations/_frame-columns.ts';
import {
  type ColumnarLog,
  type LogColumn,
  type LogColumns,
  type LoggedTexts,
  RowPathNeeded,
  type RowSubset,
} from '../replay/columnar/columnar-log.ts';
import { isoOf } from '../replay/columnar/iso-of.ts';
import { isBlank } from '../replay/decode/decode-record.ts';
import { entityKeyOf } from '../replay/decode/entity-key.ts';
import { plainUtcInstant, timestampOf } from '../replay/decode/parse-timestamp.ts';
import { splitLines } from '../replay/decode/split-lines.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import {
  columnSink,
  type FlatSink,
  type NumberColumn,
  sinkColumns,
  type ValueColumn,
  writeValue,
} from './column-sinks.ts';

type Sink = NumberColumn | ValueColumn;

import { fileLineSource } from './line-source.ts';

/** The log column kind an input field of each frame kind is read into. */
const LOG_KIND: Record<ColumnKind, LogColumn['kind']> = {
  int64: 'int',
  float64: 'float',
  utf8: 'utf8',
  bool: 'bool',
  timestamp: 'timestamp',
  json: 'other',
};

/** A line the column view cannot hold as the row path reads it: the row path replays the log instead. */
class NotColumnar extends Error {}

/** Where a line's record puts the things the columnar replay reads (see `jsonlColumnarLog`). */
interface Layout {
  readonly columns: readonly LogColumn[];
  /** The contract's input fields, in contract order, with their column kinds. */
  readonly fields: readonly LogColumn[];
  readonly fieldIndex: ReadonlyMap<string, number>;
  readonly id: { readonly name: string; readonly top: boolean };
  readonly entityTop: string | undefined;
  /** Whether the timestamp is an input field's column (else the first top-level column). */
  readonly tsInInput: boolean;
  readonly policy: ReturnType<typeof extraFieldsOf>;
  /** The input fields the contract requires (an absent one makes the line invalid). */
  readonly required: ReadonlySet<string>;
  /** Whether the contract's schema of input field `field` rejects `value` (then so does the record's). */
  readonly rejects: (field: string, value: unknown) => boolean;
}

/** The columns of a JSON-lines log for this contract, or why the columnar replay cannot read it. */
function layoutOf(contract: Contract, format: LogFormat): Layout | { readonly unusable: string } {
  // Timestamp input fields in microseconds: what the sides get of a text with more digits than milliseconds.
  const fields = contractColumns(contract).map((c): LogColumn => {
    const kind = LOG_KIND[c.kind];
    return kind === 'timestamp' ? { name: c.name, kind, unit: 'us' } : { name: c.name, kind };
  });
  const fieldIndex = new Map(fields.map((f, i) => [f.name, i]));
  const shape = (contract.input as unknown as { shape?: Record<string, ZodType> }).shape;
  const idName = format.idField ?? 'id';
  // A timestamp field named like an input field is that field (the row path falls back to it when the record has no
  // top-level timestamp): its column serves both, as long as no line has a top-level one.
  const tsInInput = fieldIndex.has(format.timestampField);
  if (
    tsInInput &&
    !(contract.timestamp === format.timestampField && format.timestampField === DEFAULT_LOG_FORMAT.timestampField)
  )
    return { unusable: `the log's timestamp field "${format.timestampField}" is named like another input field` };
  const top: LogColumn[] = tsInInput ? [] : [{ name: format.timestampField, kind: 'timestamp', unit: 'ms' }];
  if (format.entityField !== undefined) top.push({ name: format.entityField, kind: 'utf8' });
  const idTop = !fieldIndex.has(idName);
  if (idTop) top.push({ name: idName, kind: 'other' });
  const names = new Set<string>();
  for (const column of top) {
    if (fieldIndex.has(column.name) || names.has(column.name))
      return { unusable: `the log's field "${column.name}" has the name of another column (an input field's)` };
    names.add(column.name);
  }
  return {
    columns: [...top, ...fields],
    fields,
    fieldIndex,
    id: { name: idName, top: idTop },
    tsInInput,
    entityTop: format.entityField,
    policy: extraFieldsOf(contract),
    required: new Set(
      ((contractToJsonSchema(contract).properties as Record<string, JsonSchema>).input?.required ?? []) as string[],
    ),
    rejects: (field, value) => {
      const schema = shape?.[field];
      if (schema === undefined) return false;
      // The check the row path's validation compiles from the same schema, where it can (zod's own is slower).
      const check = compiledValidator(schema);
      return check === undefined ? !schema.safeParse(value).success : !check(value);
    },
  };
}

/** Where the rows a read kept lie in the file, for their line texts. */
interface RowSpans {
  readonly starts: Float64Array;
  readonly lengths: Int32Array;
}

/**
 * One read's sinks: the top-level columns (timestamp, entity, id) and the input fields, filled line by line from the
 * lossless JSON reading of each line, which is what the row path decodes.
 */
class LineColumns {
  readonly top: Sink[];
  readonly inputs: Sink[];
  /** The contract field of each position of the logged input's fields, from the first record read. */
  order: number[] | undefined;
  orderLine = 0;
  /** Per input field: the rows whose timestamp text is not the one its instant renders as, with that text. */
  private readonly texts: ((string | undefined)[] | undefined)[];
  /** The contract fields of the line being read, in its order. */
  private readonly seen: Int32Array;
  private readonly tsSink: FlatSink;
  private readonly rows: number;
  private readonly entitySink: FlatSink | undefined;

  constructor(
    private readonly layout: Layout,
    private readonly contract: Contract,
    private readonly format: LogFormat,
    rows: number,
  ) {
    this.top = layout.columns
      .slice(0, layout.columns.length - layout.fields.length)
      .map((c) => columnSink(c.kind, rows));
    this.inputs = layout.fields.map((c) => columnSink(c.kind, rows));
    this.seen = new Int32Array(layout.fields.length);
    this.texts = layout.fields.map(() => undefined);
    this.rows = rows;
    const ts = layout.fieldIndex.get(format.timestampField);
    this.tsSink = (layout.tsInInput ? this.inputs[ts as number] : this.top[0]) as FlatSink;
    const entity = contract.entity === undefined ? undefined : layout.fieldIndex.get(contract.entity);
    this.entitySink =
      layout.entityTop !== undefined
        ? this.top[layout.tsInInput ? 0 : 1]
        : entity === undefined
          ? undefined
          : this.inputs[entity];
  }

  /**
   * Marks row `at` as a line the row path finds invalid: no timestamp, so the columnar replay decodes it, and no entity,
   * so that it lies in the first part when the log is read in parts.
   */
  private invalid(at: number): void {
    this.tsSink.other(at, null);
    this.entitySink?.other(at, null);
  }

  /**
   * Row `at` from line `line`'s text. A line the row path finds invalid (not JSON, no input object, no timestamp, a
   * field the contract rejects) gets no timestamp: the columnar replay then decodes it as the row path does.
   * @throws NotColumnar when the line is valid JSON the columns cannot hold as the row path reads it
   */
  put(at: number, line: number, text: string): void {
    const { layout, format } = this;
    // The row path counts blank lines apart from the records read; the columnar replay counts rows only.
    if (isBlank(text))
      throw new NotColumnar(`line ${line} is blank (the row path counts blank lines apart from records)`);
    let record: unknown;
    try {
      record = parseLosslessJson(text);
    } catch {
      this.invalid(at);
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      this.invalid(at);
      return;
    }
    const r = record as Record<string, unknown>;
    const input = r[format.inputField];
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      this.invalid(at);
      return;
    }
    const fields = input as Record<string, unknown>;
    const seen = this.seen;
    let k = 0;
    let rejected = false;
    for (const key in fields) {
      const j = layout.fieldIndex.get(key);
      if (j === undefined) {
        if (layout.policy === 'keep')
          throw new NotColumnar(`line ${line}: its input has the undeclared field "${key}", which the contract keeps`);
        rejected ||= layout.policy === 'reject';
      } else seen[k++] = j;
    }
    if (k < layout.fields.length) {
      const absent = layout.fields.filter((f) => !Object.hasOwn(fields, f.name)).map((f) => f.name);
      // A required field absent: the row path finds the line invalid.
      if (absent.some((name) => layout.required.has(name))) {
        this.invalid(at);
        return;
      }
      throw new NotColumnar(
        `line ${line}: its input has no field "${absent[0]}" (a column holds a value or null in every row)`,
      );
    }
    const order = this.order;
    if (order === undefined) {
      this.order = Array.from(seen);
      this.orderLine = line;
    } else {
      for (let i = 0; i < k; i++)
        if (order[i] !== seen[i])
          throw new NotColumnar(`line ${line}: its input's fields are in another order than line ${this.orderLine}'s`);
    }
    for (let i = 0; i < k; i++) {
      const j = seen[i] as number;
      if (!this.putField(at, line, j, fields[(layout.fields[j] as LogColumn).name])) rejected = true;
    }
    if (rejected) {
      this.invalid(at);
      return;
    }
    this.putTop(at, line, r, fields);
  }

  /**
   * Writes input field `j` of row `at`; false when the row is invalid (a timestamp the field's schema rejects). A
   * timestamp goes in as microseconds, what the sides get of it (`toCell`); a text its instant would not render as is
   * kept beside the column (`LogColumns.texts`).
   * @throws NotColumnar for a timestamp the field accepts but a frame cannot carry
   */
  private putField(at: number, line: number, j: number, value: unknown): boolean {
    const sink = this.inputs[j] as FlatSink;
    if ((this.layout.fields[j] as LogColumn).kind !== 'timestamp' || value === null) {
      writeValue(sink, at, value);
      return true;
    }
    const ms = typeof value === 'string' ? canonicalInstant(value) : undefined;
    if (ms !== undefined) {
      sink.number(at, ms * 1000);
      return true;
    }
    const field = (this.layout.fields[j] as LogColumn).name;
    // Not a text its field accepts (a number, an object, a text that is no instant): the row path finds the record
    // invalid, and so does the columnar replay, which decodes the row. A text it accepts is valid as logged (the
    // columnar replay's own check sees the instant's rendering, which its field accepts too or sends to the row path).
    if (this.layout.rejects(field, value)) return false;
    const micros = typeof value === 'string' ? toCell('timestamp', field, value) : undefined;
    if (typeof micros !== 'bigint')
      throw new NotColumnar(
        `line ${line}: input field "${field}" is ${typeof value === 'string' ? JSON.stringify(value) : String(value)}, which its contract accepts but a frame cannot carry as a timestamp`,
      );
    writeValue(sink, at, micros);
    // Only a text of microseconds and `Z` may be the one the instant renders as.
    if ((value as string).length !== 27 || !(value as string).endsWith('Z') || isoOf(micros, 'us') !== value) {
      let texts = this.texts[j];
      if (texts === undefined) this.texts[j] = texts = new Array<string | undefined>(this.rows);
      texts[at] = value as string;
    }
    return true;
  }

  /** The timestamp, entity and id as the row path reads them (`decodeRecord`). */
  private putTop(at: number, line: number, r: Record<string, unknown>, input: Record<string, unknown>): void {
    const { layout, format, contract } = this;
    let i = 0;
    const logged = r[format.timestampField];
    if (layout.tsInInput) {
      if (logged !== undefined)
        throw new NotColumnar(
          `line ${line}: its timestamp "${format.timestampField}" is both in the record and in its input`,
        );
    } else {
      const fallback =
        logged === undefined &&
        contract.timestamp !== undefined &&
        format.timestampField === DEFAULT_LOG_FORMAT.timestampField
          ? input[contract.timestamp]
          : logged;
      writeValue(this.top[i++] as FlatSink, at, timestampOf(fallback) ?? null);
    }
    if (layout.entityTop !== undefined) {
      // Any value names its entity by its key text, as on the row path (the number 7 and the text "7" are one entity).
      const entity = r[layout.entityTop];
      writeValue(this.top[i++] as FlatSink, at, entity === undefined || entity === null ? null : entityKeyOf(entity));
    }
    const { name, top } = layout.id;
    const own = Object.hasOwn(r, name);
    if (top) writeValue(this.top[i] as FlatSink, at, (own ? r[name] : input[name]) ?? null);
    else if (own) throw new NotColumnar(`line ${line}: its id field "${name}" is both in the record and in its input`);
  }

  /** The columns read, keyed in the order the row path's input has its fields (then the top-level ones). */
  result(rows: number): LogColumns {
    const { layout } = this;
    const order = this.order ?? layout.fields.map((_, j) => j);
    const names = [
      ...order.map((j) => (layout.fields[j] as LogColumn).name),
      ...this.top.map((_, i) => (layout.columns[i] as LogColumn).name),
    ];
    const columns = sinkColumns(names, [...order.map((j) => this.inputs[j] as Sink), ...this.top], rows);
    const texts: Record<string, LoggedTexts> = {};
    this.texts.forEach((t, j) => {
      if (t !== undefined) texts[(layout.fields[j] as LogColumn).name] = t;
    });
    return Object.keys(texts).length === 0 ? columns : { ...columns, texts };
  }
}

/** Epoch ms of an instant written as `Date#toISOString` writes it (what the columnar path renders back), else undefined. */
function canonicalInstant(text: string): number | undefined {
  if (text.length !== 24) return undefined;
  const fast = plainUtcInstant(text);
  if (fast !== undefined) return fast;
  const ms = timestampOf(text);
  return ms !== undefined && Number.isInteger(ms) && new Date(ms).toISOString() === text ? ms : undefined;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/** How many lines the row path reads from the file (a last line without a newline counts), and whether it has a BOM. */
async function countLines(path: string): Promise<{ lines: number; bom: boolean }> {
  let lines = 0;
  let last = NEWLINE;
  let first = true;
  let bom = false;
  for await (const chunk of fileLineSource(path).open()) {
    const buf = chunk as Buffer;
    if (buf.length === 0) continue;
    if (first) {
      bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      first = false;
    }
    for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) lines++;
    last = buf[buf.length - 1] as number;
  }
  return { lines: last === NEWLINE ? lines : lines + 1, bom };
}

/**
 * Calls `each` for every line of the file (those `keep` keeps, when given) in order, with its line number, text and
 * where its bytes lie.
 * @throws NotColumnar at the first line that ends with CR LF
 */
async function forEachLine(
  path: string,
  keep: Uint8Array | undefined,
  each: (line: number, text: string, start: number, length: number) => void,
): Promise<void> {
  for await (const { buf, starts, ends, firstLine, byteOffsets } of splitLines(fileLineSource(path).open())) {
    for (let i = 0; i < starts.length; i++) {
      const line = firstLine + i;
      const end = ends[i] as number;
      if (buf[end] === CR)
        throw new NotColumnar(
          `line ${line} ends with CR LF (a row's byte offset is counted with one byte of line end)`,
        );
      if (keep !== undefined && keep[line - 1] !== 1) continue;
      const start = starts[i] as number;
      each(line, buf.toString('utf8', start, end), byteOffsets[i] as number, end - start);
    }
  }
}

/** The first `rows` values of a column. */
function sliceOf(values: ArrayLike<unknown>, rows: number): ArrayLike<unknown> {
  return values instanceof Float64Array ? values.subarray(0, rows) : (values as unknown[]).slice(0, rows);
}

/** Rows a scan reads at a time. */
const SCAN_BLOCK = 65_536;

/**
 * A JSON-lines log read column by column for the columnar replay (see `ColumnarLog`): each line decoded by the same
 * lossless JSON reader as the row path, its input fields (the contract's, in the logged order) and its timestamp,
 * entity and id put in columns; a timestamp input field as microseconds, and its text beside them when the instant
 * renders otherwise (an offset, other fraction digits). A row rendered for a report is the line itself, read back from
 * the file. A log the columns cannot hold as the row path reads it is left to the row path, which says why: a blank
 * line, a line ending in CR LF, a byte-order mark, an input field absent (not null), fields in another order than the
 * first record's, a field the contract keeps though it does not declare it, a timestamp its field accepts that a frame
 * cannot carry, a field of the input or an entity field named like the log's timestamp, entity or id field.
 * @param path - the file (not compressed)
 * @param contract - the contract whose input fields are read
 * @param format - the log's field names
 * @internal
 */
export async function jsonlColumnarLog(path: string, contract: Contract, format: LogFormat): Promise<ColumnarLog> {
  const layout = layoutOf(contract, format);
  const { lines, bom } = await countLines(path);
  const spansOf = new WeakMap<LogColumns, RowSpans>();
  const fd = openSync(path, 'r');
  const usable = 'unusable' in layout ? layout : bom ? { unusable: 'the log starts with a byte-order mark' } : layout;
  const whyNot = (error: unknown): unknown =>
    error instanceof NotColumnar ? new RowPathNeeded(`${path}, ${error.message}`) : error;
  const read = async (subset?: RowSubset): Promise<LogColumns> => {
    if ('unusable' in usable) throw new Error(usable.unusable);
    const rows = subset?.count ?? lines;
    const columns = new LineColumns(usable, contract, format, rows);
    const spans: RowSpans = { starts: new Float64Array(rows), lengths: new Int32Array(rows) };
    let at = 0;
    await forEachLine(path, subset?.keep, (line, text, start, length) => {
      if (at === rows) return void at++;
      spans.starts[at] = start;
      spans.lengths[at] = length;
      columns.put(at++, line, text);
    }).catch((error: unknown) => {
      throw whyNot(error);
    });
    if (at !== rows) throw new Error(`${path} changed while it was read (${at} lines, not ${rows})`);
    const result = columns.result(rows);
    spansOf.set(result, spans);
    return result;
  };
  return {
    columns: 'unusable' in usable ? { unusable: usable.unusable } : usable.columns,
    rows: lines,
    read,
    scan: async (name, each) => {
      if ('unusable' in usable) throw new Error(usable.unusable);
      let block = new LineColumns(usable, contract, format, SCAN_BLOCK);
      let base = 0;
      let at = 0;
      const flush = (rows: number) => {
        const values = block.result(rows).values[name];
        if (values === undefined) throw new Error(`jsonlColumnarLog: no column ${name}`);
        each(rows === SCAN_BLOCK ? values : sliceOf(values, rows), base);
        base += rows;
        const next = new LineColumns(usable, contract, format, SCAN_BLOCK);
        next.order = block.order;
        next.orderLine = block.orderLine;
        block = next;
        at = 0;
      };
      await forEachLine(path, undefined, (line, text) => {
        block.put(at++, line, text);
        if (at === SCAN_BLOCK) flush(at);
      }).catch((error: unknown) => {
        throw whyNot(error);
      });
      if (at > 0) flush(at);
    },
    lineText: (columns, row) => {
      const spans = spansOf.get(columns);
      if (spans === undefined) throw new Error('jsonlColumnarLog: rows of another read');
      const length = spans.lengths[row] as number;
      const buf = Buffer.allocUnsafe(length);
      readSync(fd, buf, 0, length, spans.starts[row] as number);
      return buf.toString('utf8');
    },
    close: async () => closeSync(fd),
  };
}
