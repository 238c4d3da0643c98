import type { ColumnMetaData, DecodedArray, ParquetParsers, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { compressors } from 'hyparquet-compressors';
import { compact, type FlatSink, writeValue } from './column-sinks.ts';

type ColumnDecoder = Parameters<typeof readDataPageV2>[2];

const TWO_32 = 2 ** 32;

/** A page's values (or a dictionary), ready to be written: numbers in a Float64Array where every one is exact. */
interface Decoded {
  readonly length: number;
  /** Each value as a number (valid where `exact`). */
  readonly numbers?: Float64Array;
  /** All values exact numbers. */
  readonly exact: boolean;
  readonly values: ArrayLike<unknown>;
}

/** Signed 64-bit integers read as their two halves: numbers without making a bigint, unless one is beyond 2^53. */
function int64Numbers(values: BigInt64Array): Float64Array | undefined {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = (words[2 * i + 1] as number) * TWO_32 + ((words[2 * i] as number) >>> 0);
    if (!Number.isSafeInteger(x)) return undefined;
    out[i] = x;
  }
  return out;
}

/** Decoded values, their numbers found once (a dictionary's once for all its pages). */
function decoded(values: DecodedArray, numeric: boolean): Decoded {
  if (!numeric) return { length: values.length, exact: false, values };
  if (values instanceof Float64Array) return { length: values.length, numbers: values, exact: true, values };
  if (values instanceof Float32Array || values instanceof Int32Array)
    return { length: values.length, numbers: Float64Array.from(values), exact: true, values };
  if (values instanceof BigInt64Array) {
    const numbers = int64Numbers(values);
    if (numbers !== undefined) return { length: values.length, numbers, exact: true, values };
  }
  const numbers = new Float64Array(values.length);
  let exact = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = typeof v === 'bigint' ? compact(v) : v;
    if (typeof n === 'number') numbers[i] = n;
    else exact = false;
  }
  return { length: values.length, numbers, exact, values };
}

type DataPage = ReturnType<typeof readDataPage>;

/**
 * How many levels are 0 (nulls). A loop of its own: inside `readPageV1`, its on-stack optimised code met the code after
 * it without type feedback and was thrown away on every page (some 500 deoptimisations on a 1M-row log).
 */
function zeros(levels: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < levels.length; i++) count += 1 - (levels[i] as number);
  return count;
}

/**
 * A version 1 data page of a flat column, as `readDataPage` reads it, with its definition levels (0 or 1) and
 * dictionary indices in typed arrays (no levels when nothing is null); other encodings by `readDataPage` itself.
 */
function readPageV1(
  page: Uint8Array,
  daph: NonNullable<Parameters<typeof readDataPage>[1]>,
  decoder: ColumnDecoder,
  maxLevel: number,
): DataPage {
  const { encoding } = daph;
  const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
  const bool = decoder.type === 'BOOLEAN' && encoding === 'RLE';
  if (encoding !== 'PLAIN' && !dictionary && !bool) return readDataPage(page, daph, decoder);
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const reader = { view, offset: 0 };
  let levels: Uint8Array | undefined;
  let nulls = 0;
  if (maxLevel > 0) {
    levels = new Uint8Array(daph.num_values);
    readRleBitPackedHybrid(reader, 1, levels);
    nulls = zeros(levels);
    if (nulls === 0) levels = undefined;
  }
  const count = daph.num_values - nulls;
  let dataPage: DecodedArray;
  if (encoding === 'PLAIN') {
    dataPage = readPlain(reader, decoder.type, count, decoder.element.type_length);
  } else if (bool) {
    const bits = new Uint8Array(count);
    readRleBitPackedHybrid(reader, 1, bits);
    dataPage = Array.from(bits, (x) => x !== 0);
  } else {
    const width = view.getUint8(reader.offset++);
    const indices = new Int32Array(count);
    if (width > 0) readRleBitPackedHybrid(reader, width, indices, view.byteLength - reader.offset);
    dataPage = indices;
  }
  return { definitionLevels: (levels ?? []) as number[], repetitionLevels: [], dataPage };
}

/** Writes a page: `count` rows from `at`, present where the definition level is the maximum, value `k` in turn. */
function scatter(
  sink: FlatSink,
  at: number,
  count: number,
  levels: ArrayLike<number>,
  maxLevel: number,
  source: Decoded,
  indices: ArrayLike<number> | undefined,
  dictionaryCodes: Int32Array | undefined,
): void {
  const dense = levels.length === 0;
  const { numbers, exact, values } = source;
  let k = 0;
  for (let i = 0; i < count; i++, at++) {
    if (!dense && levels[i] !== maxLevel) {
      sink.other(at, null);
      continue;
    }
    const j = indices === undefined ? k++ : (indices[k++] as number);
    if (exact) sink.number(at, (numbers as Float64Array)[j] as number);
    else if (dictionaryCodes !== undefined && indices !== undefined)
      (sink as Required<FlatSink>).coded(at, values[j], dictionaryCodes[j] as number);
    else writeValue(sink, at, values[j]);
  }
}

/**
 * Decodes one column chunk of a flat (top-level, not repeated) column into `sink` from row `base`: hyparquet's own page
 * decoding and type conversion (the values `parquetRead` gives), without its list assembly, which builds an array of
 * boxed values per page. Throws on any page it cannot read (hyparquet's errors), a repeated column, or a chunk short
 * of `rows`.
 * @internal
 */
export function readFlatChunk(
  bytes: ArrayBuffer,
  meta: ColumnMetaData,
  schemaPath: SchemaTree[],
  parsers: Partial<ParquetParsers>,
  utf8: boolean,
  rawTimestamps: boolean,
  rows: number,
  sink: FlatSink,
  base: number,
): void {
  const leaf = schemaPath[schemaPath.length - 1] as SchemaTree;
  if (schemaPath.length !== 2 || leaf.element.repetition_type === 'REPEATED' || leaf.children.length > 0)
    throw new Error('parquet column is not flat');
  const maxLevel = leaf.element.repetition_type === 'REQUIRED' ? 0 : 1;
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: leaf.element,
    schemaPath,
    codec: meta.codec,
    parsers: { ...DEFAULT_PARSERS, ...parsers },
    compressors,
    utf8,
  };
  // Raw timestamps are the stored integers: no conversion (hyparquet's makes a bigint per value).
  const { converted_type: converted, logical_type: logical } = leaf.element;
  const stored =
    rawTimestamps &&
    meta.type === 'INT64' &&
    (logical?.type === 'TIMESTAMP' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS');
  const typed = (raw: DecodedArray): DecodedArray => (stored ? raw : convert(raw, decoder));
  const reader = { view: new DataView(bytes), offset: 0 };
  let dictionary: Decoded | undefined;
  let dictionaryCodes: Int32Array | undefined;
  let done = 0;
  while (done < rows) {
    if (reader.offset >= reader.view.byteLength - 1) throw new Error('parquet column chunk ends early');
    const header = parquetHeader(reader);
    const compressed = new Uint8Array(bytes, reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    const size = Number(header.uncompressed_page_size);
    if (header.type === 'DICTIONARY_PAGE') {
      const diph = header.dictionary_page_header;
      if (diph === undefined) throw new Error('parquet dictionary page header is undefined');
      const page = decompressPage(compressed, size, meta.codec, compressors);
      const plain = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      const raw = readPlain(plain, meta.type, diph.num_values, leaf.element.type_length);
      dictionary = decoded(typed(raw), sink.numeric);
      dictionaryCodes = dictionary.exact ? undefined : sink.codesFor?.(dictionary.values);
      continue;
    }
    let page: DataPage;
    let encoding: string;
    let count: number;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header;
      if (daph === undefined) throw new Error('parquet data page header is undefined');
      page = readPageV1(decompressPage(compressed, size, meta.codec, compressors), daph, decoder, maxLevel);
      encoding = daph.encoding;
      count = daph.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph2 = header.data_page_header_v2;
      if (daph2 === undefined) throw new Error('parquet data page header v2 is undefined');
      page = readDataPageV2(compressed, header, decoder);
      encoding = daph2.encoding;
      count = daph2.num_values;
    } else {
      throw new Error(`parquet unsupported page type: ${header.type}`);
    }
    if (page.repetitionLevels.length > 0) throw new Error('parquet column is not flat');
    count = Math.min(count, rows - done);
    const byDictionary = dictionary !== undefined && encoding.endsWith('_DICTIONARY');
    const source = byDictionary ? (dictionary as Decoded) : decoded(typed(page.dataPage), sink.numeric);
    const indices = byDictionary ? (page.dataPage as ArrayLike<number>) : undefined;
    const codes = byDictionary ? dictionaryCodes : undefined;
    scatter(sink, base + done, count, page.definitionLevels ?? [], maxLevel, source, indices, codes);
    done += count;
  }
}
