import { topLevelValueSpan } from '../../codec/json-span.ts';
import { parseLosslessJson } from '../../codec/lossless-json.ts';
import type { Contract } from '../../contract/contract.ts';
import { applyExtraFields } from '../../contract/extra-fields.ts';
import type { SideRecord } from '../../implementations/side.ts';
import type { LogFormat } from '../log-format.ts';

/** How the lines of a partition are read: the same for every lazy record of a batch. @internal */
export interface LazyDecoding {
  readonly contract: Contract;
  readonly format: LogFormat;
  /** Whether `inputText` is given (out-of-process sides get each input's logged text verbatim). */
  readonly keepInputText: boolean;
}

/** The parts of a line a side reads, decoded afresh from its bytes. */
interface Fields {
  readonly input: Readonly<Record<string, unknown>>;
  readonly inputText: string | undefined;
  readonly served: unknown;
}

/**
 * A record of a big entity whose line was validated once and is decoded again on each access: it holds only the
 * small facts (line, entity, time, id) and where its bytes lie, so that an entity of 100,000 events never has its
 * decoded history in memory at once. No caching: a side that walks the history and encodes each record as it goes
 * drops each decoded record as soon as it is encoded. Valid only while its partition's block is (the spill store
 * reuses its buffer): anything kept beyond the partition is a `materialise()`d copy (see `keptCopy`).
 * @internal
 */
export class LazyRecord implements SideRecord {
  readonly recordId?: string;
  readonly entity?: string;

  constructor(
    private readonly decoding: LazyDecoding,
    private readonly block: Buffer,
    private readonly from: number,
    private readonly to: number,
    readonly line: number,
    entity: string | undefined,
    readonly timestamp: number,
    recordId: string | undefined,
  ) {
    if (entity !== undefined) this.entity = entity;
    if (recordId !== undefined) this.recordId = recordId;
  }

  get id(): string {
    return String(this.line);
  }

  get input(): Readonly<Record<string, unknown>> {
    return this.fields(false).input;
  }

  // Typed `string` to implement the optional property; `undefined` when absent, as readers of `inputText?` expect.
  get inputText(): string {
    return (this.decoding.keepInputText ? this.fields(true).inputText : undefined) as string;
  }

  get served(): unknown {
    return this.fields(false).served;
  }

  /** The record as plain data, as the eager decoder gives it: safe to keep and to send to another thread. */
  materialise(): SideRecord {
    const { input, inputText, served } = this.fields(this.decoding.keepInputText);
    return {
      id: this.id,
      line: this.line,
      ...(this.entity === undefined ? {} : { entity: this.entity }),
      timestamp: this.timestamp,
      ...(this.recordId === undefined ? {} : { recordId: this.recordId }),
      input,
      ...(inputText === undefined ? {} : { inputText }),
      ...(served === undefined ? {} : { served }),
    };
  }

  /** Decodes the line (validated once already, so it parses and passes the contract's extra-field policy). */
  private fields(withText: boolean): Fields {
    const { contract, format } = this.decoding;
    const text = this.block.toString('utf8', this.from, this.to);
    const record = parseLosslessJson(text) as Record<string, unknown>;
    const logged = record[format.inputField] as Record<string, unknown>;
    const policed = applyExtraFields(contract, logged);
    const input = 'input' in policed ? policed.input : logged;
    let inputText: string | undefined;
    // The logged text is the input the sides see only when the policy stripped nothing (as the eager decoder says).
    if (withText && Object.keys(logged).length === Object.keys(input).length) {
      const span = topLevelValueSpan(text, format.inputField);
      inputText = span === undefined ? undefined : text.slice(span.start, span.end);
    }
    return { input, inputText, served: record[format.servedField] };
  }
}

/** A record as it may be kept past its batch (a class's reproduction, an example): lazy ones become plain data. @internal */
export function keptCopy(record: SideRecord): SideRecord {
  return record instanceof LazyRecord ? record.materialise() : record;
}
