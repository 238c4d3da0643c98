import type { Contract } from '../../contract/contract.ts';
import type { FrameExchange } from '../../implementations/frame-side.ts';
import type { SideRecord } from '../../implementations/side.ts';
import type { SliceColumn } from '../../slicing/count-columns.ts';
import { decodeRecord, isInvalid } from '../decode/decode-record.ts';
import { entityLocation, hashKeyBytes, routingKey } from '../decode/entity-key.ts';
import type { InvalidLine } from '../decode/invalid-line.ts';
import type { LogFormat } from '../log-format.ts';
import { type LineSelection, type Selected, selectLine, selectsAll } from '../sample.ts';
import type { ColumnarLog, ColumnCodes, LogColumns, LoggedTexts } from './columnar-log.ts';
import {
  type ColumnarRun,
  closeLogs,
  entityAboveLimit,
  type PartRows,
  type RowPathReason,
  rowPath,
} from './columnar-run.ts';
import { isoForm, isoOf, type TimeUnit } from './iso-of.ts';
import type { ColumnarPlan } from './plan.ts';

/** A column value as the lossless JSON parser would give it back from the rendered line. */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return value === undefined ? null : value;
}

/** An input cell as the row path's input holds it: timestamps (`unit`) as ISO text, other values as JSON gives them. */
function inputValue(value: unknown, unit: TimeUnit | undefined): unknown {
  return unit === undefined || (typeof value !== 'bigint' && typeof value !== 'number')
    ? jsonValue(value)
    : isoOf(value, unit);
}

/** The logged texts of the sources' timestamp columns (`LogColumns.texts`), by row among all their rows. */
function loggedTexts(parts: readonly LogColumns[], rows: number): Record<string, LoggedTexts> {
  if (parts.length === 1) return (parts[0] as LogColumns).texts ?? {};
  const out: Record<string, (string | undefined)[]> = {};
  let base = 0;
  for (const p of parts) {
    for (const [name, texts] of Object.entries(p.texts ?? {})) {
      const into = out[name] ?? new Array<string | undefined>(rows);
      out[name] = into;
      for (let r = 0; r < p.rows; r++) if (texts[r] !== undefined) into[base + r] = texts[r];
    }
    base += p.rows;
  }
  return out;
}

const PER_MS = { us: 1000n, ns: 1_000_000n } as const;

/** Floor of a bigint count of `unit` in milliseconds. */
function millisOf(value: number | bigint, unit: TimeUnit): number {
  if (unit === 'ms') return Number(value);
  if (unit === 'us' && typeof value === 'number' && Number.isSafeInteger(value)) {
    // Floor division without a bigint: the quotient rounded, then set right (q × 1000 is exact).
    let q = Math.floor(value / 1000);
    if (q * 1000 > value) q--;
    else if ((q + 1) * 1000 <= value) q++;
    return q;
  }
  const per = PER_MS[unit];
  const big = BigInt(value);
  return Number((big - (((big % per) + per) % per)) / per);
}

/**
 * Validates a log's rows (or a part's) column by column and groups the valid ones by entity, each entity's by time:
 * the columnar replay's run over them, or why the row path must replay the log instead.
 * @internal
 */
export async function groupRows(
  contract: Contract,
  format: LogFormat,
  plan: ColumnarPlan,
  logs: readonly ColumnarLog[],
  parts: readonly LogColumns[],
  { training, serving }: { readonly training: FrameExchange; readonly serving: FrameExchange },
  maxEntityEvents: number,
  selection: LineSelection,
  part?: PartRows,
): Promise<ColumnarRun | RowPathReason> {
  const names = Object.keys((parts[0] as LogColumns).values);
  const values: Record<string, ArrayLike<unknown>> = Object.fromEntries(
    names.map((n) => [n, concatColumns(parts.map((p) => p.values[n] as ArrayLike<unknown>))]),
  );
  const rows = parts.reduce((sum, p) => sum + p.rows, 0);
  // Codes are a source's own: kept for a single source.
  const codes = parts.length === 1 ? parts[0]?.codes : undefined;
  const texts = loggedTexts(parts, rows);
  const data: LogColumns = codes === undefined ? { rows, values } : { rows, values, codes };
  // Where each source's rows start among these rows, and (lines run on across sources) in the whole run.
  const partBase: number[] = [];
  const lineOffsets: number[] = [];
  const sourceOf = new Uint16Array(rows);
  {
    let base = 0;
    let before = 0;
    parts.forEach((p, s) => {
      partBase.push(base);
      lineOffsets.push(part === undefined ? base : before);
      sourceOf.fill(s, base, base + p.rows);
      base += p.rows;
      before += (logs[s] as ColumnarLog).rows;
    });
  }
  const lineOfRow = part === undefined ? undefined : partLines(part, partBase, lineOffsets, rows);
  const lineOf = lineOfRow === undefined ? (row: number) => row + 1 : (row: number) => lineOfRow[row] as number;
  const text = (row: number): string => {
    const s = sourceOf[row] as number;
    return (logs[s] as ColumnarLog).lineText(parts[s] as LogColumns, row - (partBase[s] as number));
  };
  const decode = (row: number, byteOffset = 0) =>
    decodeRecord({ text: text(row), line: lineOf(row), byteOffset }, contract, format, { keepInputText: true });

  const idColumn = values[format.idField ?? 'id'];
  const recordIdOf = (row: number): string | undefined => {
    const v = idColumn?.[row];
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return String(v);
    return undefined;
  };
  const inputColumns = plan.fields.filter((f) => f.column !== undefined);
  const inputOrder = names.filter((n) => inputColumns.some((f) => f.frame.name === n));
  const unitOf = new Map(inputColumns.map((f) => [f.frame.name, f.column?.unit]));
  const inputs = inputOrder.map((name) => ({
    name,
    column: values[name] as ArrayLike<unknown>,
    unit: unitOf.get(name),
    logged: texts[name],
  }));
  // Called for every row: no object spread (slow in V8), one pass over the input columns.
  const record = (row: number): SideRecord => {
    const input: Record<string, unknown> = {};
    for (const { name, column, unit, logged } of inputs) input[name] = logged?.[row] ?? inputValue(column[row], unit);
    const recordId = recordIdOf(row);
    const line = lineOf(row);
    const entity = entityOf[row] as string;
    const timestamp = timestampOf[row] as number;
    return recordId === undefined
      ? { id: String(line), line, entity, timestamp, input }
      : { id: String(line), line, entity, timestamp, recordId, input };
  };
  const sliceColumns = (rows: ArrayLike<number>): SliceColumn[] =>
    inputs.map(({ name, column, unit, logged }): SliceColumn => {
      if (logged !== undefined) {
        // The text logged where it is not the instant's rendering: each row's value and shapes from its own text.
        const text = (i: number) => logged[rows[i] as number] ?? inputValue(column[rows[i] as number], unit);
        return { name, value: text, shapeOf: (i) => text(i) as string | undefined };
      }
      const value = (i: number) => inputValue(column[rows[i] as number], unit);
      if (unit === undefined) return { name, value };
      // A timestamp's text has the shapes of the first text of its form.
      const forms: (string | undefined)[] = [];
      const shapeOf = (i: number): string | undefined => {
        const v = column[rows[i] as number];
        if (typeof v !== 'number' && typeof v !== 'bigint') return undefined;
        const form = isoForm(v, unit);
        if (form === undefined) return undefined;
        forms[form] ??= isoOf(v, unit);
        return forms[form];
      };
      return { name, value, shapeOf };
    });

  // Validate column by column; a row any check doubts is decoded as the row path would, which has the last word.
  const doubted = new Uint8Array(rows);
  for (const field of inputColumns) {
    const column = values[field.frame.name] as ArrayLike<unknown>;
    const check = field.check;
    const coded = codes?.[field.frame.name];
    if (coded !== undefined) doubtCodes(coded, check, doubted);
    else if (column instanceof Float64Array && field.checkNumbers !== undefined) field.checkNumbers(column, doubted);
    else for (let r = 0; r < rows; r++) if (!check(column[r])) doubted[r] = 1;
  }
  const entityValues = values[plan.entity.name] as ArrayLike<unknown>;
  const tsValues = values[plan.timestamp.name] as ArrayLike<unknown>;
  const unit = plan.timestamp.unit ?? 'ms';
  const entityOf = new Array<string>(rows);
  const timestampOf = new Float64Array(rows);
  const invalid: InvalidLine[] = [];
  const invalidRows: number[] = [];
  const valid = new Uint8Array(rows);
  // An entity's id, or OTHER_SHARD / SAMPLED_OUT when the shard or the sample leaves it out (decided once per
  // entity, by its key).
  const keyIds = new Map<unknown, number>();
  const selecting = !selectsAll(selection);
  const left = { skipped: 0, sampledOut: 0 };
  const entityIdOf = new Int32Array(rows).fill(-1);
  const counts: number[] = [];
  const keyTexts: string[] = [];
  for (let r = 0; r < rows; r++) {
    const e = entityValues[r];
    const t = tsValues[r];
    let text: string | undefined;
    if (doubted[r] === 0 && e !== null && e !== undefined && (typeof t === 'number' || typeof t === 'bigint')) {
      timestampOf[r] = millisOf(t, unit);
    } else {
      const decoded = decode(r);
      if (isInvalid(decoded)) {
        invalid.push(decoded);
        invalidRows.push(r);
        continue;
      }
      timestampOf[r] = decoded.timestamp;
      if (decoded.entity === undefined) return rowPath('its records name no entity'); // the row path says more
      text = decoded.entity;
    }
    const key = typeof e === 'bigint' ? (Number.isSafeInteger(Number(e)) ? Number(e) : String(e)) : e;
    let id = keyIds.get(key);
    if (id === undefined) {
      // The routing key the row path reads from the rendered line: the entity's key text.
      const keyText = text ?? (typeof e === 'string' ? e : String(e));
      const selected = selecting ? selectRow(Buffer.from(keyText), selection) : 'keep';
      id = selected === 'keep' ? counts.length : selected === 'other-shard' ? OTHER_SHARD : SAMPLED_OUT;
      keyIds.set(key, id);
      if (selected === 'keep') {
        counts.push(0);
        // One string per entity, shared by its rows.
        keyTexts.push(keyText);
      }
    }
    if (id < 0) {
      if (id === OTHER_SHARD) left.skipped++;
      else left.sampledOut++;
      continue;
    }
    valid[r] = 1;
    entityIdOf[r] = id;
    entityOf[r] = keyTexts[id] as string;
    counts[id] = (counts[id] as number) + 1;
  }
  const big = counts.findIndex((c) => c > maxEntityEvents);
  if (big !== -1) {
    // The row path streams such an entity's history to the sides, or refuses it above the limit it was given.
    return entityAboveLimit(keyTexts[big] as string, counts[big] as number, maxEntityEvents);
  }
  // Byte offsets of invalid rows: where their line starts in the JSON rendering, as the row path counts them.
  if (invalid.length > 0 && part === undefined) fixByteOffsets(invalid, lineOffsets, text);
  else if (invalid.length > 0) await partByteOffsets(invalid, part as PartRows);
  const kept = selecting
    ? selectInvalid(invalid, invalidRows, left, entityLocation(contract.entity, format), selection, text)
    : invalid;
  const entityStarts: number[] = [0];
  for (const c of counts) entityStarts.push((entityStarts[entityStarts.length - 1] as number) + c);
  const fill = entityStarts.slice(0, -1);
  const order = new Int32Array(entityStarts[entityStarts.length - 1] as number);
  for (let r = 0; r < rows; r++) {
    if (valid[r] === 0) continue;
    const id = entityIdOf[r] as number;
    order[(fill[id] as number)++] = r;
  }
  for (let e = 0; e + 1 < entityStarts.length; e++) {
    const from = entityStarts[e] as number;
    const to = entityStarts[e + 1] as number;
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++)
      sorted = (timestampOf[order[i - 1] as number] as number) <= (timestampOf[order[i] as number] as number);
    if (!sorted)
      order.subarray(from, to).sort((a, b) => (timestampOf[a] as number) - (timestampOf[b] as number) || a - b);
  }
  const duplicates = findDuplicates(order, entityStarts, recordIdOf, lineOf, idColumn, valid);
  return {
    training,
    serving,
    plan,
    data,
    lineOffsets,
    invalid: kept,
    skipped: left.skipped,
    sampledOut: left.sampledOut,
    order,
    entityStarts,
    entityOf,
    timestampOf,
    recordIdOf,
    duplicates,
    decoded: (row) => decode(row) as SideRecord,
    record,
    sliceColumns,
    lineOf,
    // A part leaves the logs open for the next (the parts close them when done).
    close: part === undefined ? () => closeLogs(logs) : async () => undefined,
  };
}

const OTHER_SHARD = -1;
const SAMPLED_OUT = -2;

/** What the run's selection does with a routing key. */
function selectRow(key: Buffer, selection: LineSelection): Selected {
  return selectLine(key, hashKeyBytes(key), selection);
}

/**
 * The invalid rows the selection keeps, the others counted in `left`: each routed as the row path routes its line
 * (entity, else record id, else byte offset), from the line's rendering.
 */
function selectInvalid(
  invalid: readonly InvalidLine[],
  rows: readonly number[],
  left: { skipped: number; sampledOut: number },
  where: ReturnType<typeof entityLocation>,
  selection: LineSelection,
  text: (row: number) => string,
): InvalidLine[] {
  return invalid.filter((line, i) => {
    const rendered = Buffer.from(text(rows[i] as number));
    const selected = selectRow(routingKey(rendered, 0, rendered.length, where, line.byteOffset, undefined), selection);
    if (selected === 'other-shard') left.skipped++;
    else if (selected === 'sampled-out') left.sampledOut++;
    return selected === 'keep';
  });
}

/** Marks the rows whose value the check doubts, each distinct value of a coded column checked once. */
function doubtCodes({ codes, distinct }: ColumnCodes, check: (value: unknown) => boolean, doubted: Uint8Array): void {
  const ok = new Uint8Array(distinct.length);
  for (let c = 0; c < distinct.length; c++) ok[c] = check(distinct[c]) ? 1 : 0;
  for (let r = 0; r < codes.length; r++) if (ok[codes[r] as number] === 0) doubted[r] = 1;
}

/** One column from its parts (in order): numbers stay a Float64Array when every part is one. */
function concatColumns(parts: readonly ArrayLike<unknown>[]): ArrayLike<unknown> {
  if (parts.length === 1) return parts[0] as ArrayLike<unknown>;
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  if (parts.every((p) => p instanceof Float64Array)) {
    const out = new Float64Array(length);
    let at = 0;
    for (const p of parts as Float64Array[]) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  const out = new Array<unknown>(length);
  let at = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[at++] = p[i];
  return out;
}

/** Sets each invalid row's byte offset: the bytes of the rendered lines before it in its source. */
/** The run-wide line of each of a part's rows. */
function partLines(part: PartRows, partBase: readonly number[], lineOffsets: readonly number[], rows: number) {
  const lines = new Float64Array(rows);
  part.rows.forEach((sourceRows, s) => {
    const base = partBase[s] as number;
    const before = lineOffsets[s] as number;
    for (let i = 0; i < sourceRows.length; i++) lines[base + i] = before + (sourceRows[i] as number) + 1;
  });
  return lines;
}

/** The byte offsets of a part's invalid rows, from the rendering of the whole log (see `PartRows.byteOffsets`). */
async function partByteOffsets(invalid: InvalidLine[], part: PartRows): Promise<void> {
  const at = await part.byteOffsets(invalid.map((i) => i.line - 1));
  for (let i = 0; i < invalid.length; i++) {
    const line = invalid[i] as InvalidLine;
    invalid[i] = { ...line, byteOffset: at.get(line.line - 1) ?? 0 };
  }
}

function fixByteOffsets(invalid: InvalidLine[], lineOffsets: readonly number[], text: (row: number) => string): void {
  const rows = invalid.map((i) => i.line - 1);
  const last = Math.max(...rows);
  const at = new Map<number, number>();
  let source = 0;
  let offset = 0;
  const wanted = new Set(rows);
  for (let r = 0; r <= last; r++) {
    while (source + 1 < lineOffsets.length && r >= (lineOffsets[source + 1] as number)) {
      source++;
      offset = 0;
    }
    if (wanted.has(r)) at.set(r, offset);
    offset += Buffer.byteLength(text(r)) + 1;
  }
  for (let i = 0; i < invalid.length; i++) {
    const line = invalid[i] as InvalidLine;
    invalid[i] = { ...line, byteOffset: at.get(line.line - 1) ?? 0 };
  }
}

/**
 * Whether any record id comes twice among the valid rows (`valid[r]` not 0; else no entity has a duplicate): integer
 * ids compared as numbers while they are exact, any other id as its text. Rows are read in log order.
 */
function anyDuplicate(
  valid: Uint8Array,
  recordIdOf: (row: number) => string | undefined,
  idColumn: ArrayLike<unknown> | undefined,
): boolean {
  if (idColumn === undefined) return false;
  let count = 0;
  for (let r = 0; r < valid.length; r++) if (valid[r] !== 0) count++;
  const order = new Int32Array(count);
  for (let r = 0, k = 0; r < valid.length; r++) if (valid[r] !== 0) order[k++] = r;
  // The common case, every id an exact integer: sorted as numbers, compared with the next.
  const sorted = new Float64Array(order.length);
  // Index loops over typed arrays here and below: an iterator would make an object per row.
  let k = 0;
  for (; k < order.length; k++) {
    const v = idColumn[order[k] as number];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) break;
    sorted[k] = v;
  }
  if (k === order.length) {
    sorted.sort();
    for (let i = 1; i < k; i++) if (sorted[i] === sorted[i - 1]) return true;
    return false;
  }
  const numbers = new Set<number>();
  const texts = new Set<string>();
  for (let i = 0; i < order.length; i++) {
    const r = order[i] as number;
    const v = idColumn[r];
    const n = typeof v === 'bigint' ? Number(v) : v;
    if (typeof n === 'number' && Number.isSafeInteger(n)) {
      if (numbers.has(n)) return true;
      numbers.add(n);
      continue;
    }
    const id = recordIdOf(r);
    if (id === undefined) continue;
    if (texts.has(id)) return true;
    texts.add(id);
  }
  // An integer id and a string id of the same text are the same id.
  for (const n of numbers) if (texts.has(String(n))) return true;
  return false;
}

/** Record ids seen twice within an entity (in line order), as the row path reports them. */
function findDuplicates(
  order: Int32Array,
  entityStarts: readonly number[],
  recordIdOf: (row: number) => string | undefined,
  lineOf: (row: number) => number,
  idColumn: ArrayLike<unknown> | undefined,
  valid: Uint8Array,
): [string, number, number][] {
  if (!anyDuplicate(valid, recordIdOf, idColumn)) return [];
  const out: [string, number, number][] = [];
  for (let e = 0; e + 1 < entityStarts.length; e++) {
    const rows = [...order.subarray(entityStarts[e], entityStarts[e + 1])].sort((a, b) => a - b);
    const seen = new Map<string, number>();
    for (const r of rows) {
      const id = recordIdOf(r);
      if (id === undefined) continue;
      const firstLine = seen.get(id);
      if (firstLine === undefined) seen.set(id, lineOf(r));
      else out.push([id, firstLine, lineOf(r)]);
    }
  }
  return out;
}
