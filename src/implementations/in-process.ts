import { performance } from 'node:perf_hooks';
import type { Contract, ContractFeatures, ContractInput } from '../contract/contract.ts';
import type { NoExtraFeatures } from '../contract/feature-keys.ts';
import { errorMessage, type Side, type SideOutcome, type SideRecord } from './side.ts';

type Awaitable<T> = T | Promise<T>;

/** Options shared by in-process sides. @public */
export interface InProcessOptions {
  readonly description?: string;
}

/**
 * Options of {@link recordSide} and {@link entitySide}.
 * @public
 */
export interface StatefulSideOptions extends InProcessOptions {
  /**
   * Clears the state the function keeps across calls (an online store); the side then has `reset()`, which golden
   * checks and fuzz call before every case.
   * @remarks Since 0.1
   */
  readonly reset?: () => void | Promise<void>;
}

/** The side's `reset`, when the options give one. */
function resetOf(options: StatefulSideOptions): Pick<Side, 'reset'> {
  const reset = options.reset;
  return reset === undefined ? {} : { reset: async () => await reset() };
}

/** One event of an entity's history, as an entity-wise function receives it. @public */
export interface HistoryEvent<I> {
  readonly input: I;
  /** Epoch milliseconds. */
  readonly timestamp: number;
}

/**
 * One event of a big entity's history, whose record decodes on access (its `input` is a getter): the input is read
 * when the function reads it, so a function that walks the history never has all of it decoded at once. A class, so
 * that the getters live on the prototype and each event stays small; `toJSON` gives `{input, timestamp}` as for a
 * plain event (spreading it does not: read `input` and `timestamp`).
 */
class RecordEvent<I> implements HistoryEvent<I> {
  constructor(private readonly record: SideRecord) {}
  get input(): I {
    return this.record.input as I;
  }
  get timestamp(): number {
    return this.record.timestamp;
  }
  toJSON(): HistoryEvent<I> {
    return { input: this.input, timestamp: this.timestamp };
  }
}

/** The event a function gets for a record: plain data, unless the record decodes on access (see `RecordEvent`). */
function historyEvent<I>(record: SideRecord): HistoryEvent<I> {
  return Object.hasOwn(record, 'input')
    ? { input: record.input as I, timestamp: record.timestamp }
    : new RecordEvent<I>(record);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * A record-wise side from an in-process function of one input. The function is type-checked against the contract:
 * its input is the contract's input type, and the record it returns (or resolves to) must give every feature a value
 * of the feature's type (a category one of its `values`, no `as const` needed) and no key the contract does not
 * declare. A value typed as the contract's record that holds more keys at run time (a wider object assigned to a
 * `ContractFeatures` variable, `any`) escapes the type check; replay and fuzz report those keys as `unexpected`.
 * @param _contract - the contract the side implements
 * @param compute - the features of one input, synchronously or as a promise
 * @param options - a description for reports; `reset`, for a function that keeps state
 * @returns a record-wise, in-process side
 * @remarks Since 0.1
 * @public
 */
export function recordSide<C extends Contract, R extends ContractFeatures<C>>(
  _contract: C,
  compute: ((input: ContractInput<C>) => Awaitable<R>) & NoExtraFeatures<R, C['features']>,
  options: StatefulSideOptions = {},
): Side {
  return {
    shape: 'record',
    location: 'in-process',
    ...resetOf(options),
    description: options.description ?? `${compute.name || 'function'} (in-process, record-wise)`,
    async compute(batch: readonly SideRecord[]): Promise<SideOutcome[]> {
      const out: SideOutcome[] = new Array(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const started = performance.now();
        try {
          let features = compute((batch[i] as SideRecord).input as ContractInput<C>) as unknown;
          if (isThenable(features)) features = await features;
          out[i] = { features: features as Record<string, unknown>, latencyMs: performance.now() - started };
        } catch (error) {
          out[i] = { error: errorMessage(error), latencyMs: performance.now() - started };
        }
      }
      return out;
    },
  };
}

/**
 * An entity-wise side from an in-process function that receives one entity's history in timestamp order and
 * returns the features of every event, in the same order (how batch code computes windows). Type-checked against the
 * contract like {@link recordSide}: each returned record gives every feature a value of its type and no other key.
 * @param _contract - the contract the side implements
 * @param compute - the features of every event of one entity's history, synchronously or as a promise
 * @param options - a description for reports; `reset`, for a function that keeps state
 * @returns an entity-wise, in-process side
 * @remarks Since 0.1
 * @public
 */
export function entitySide<C extends Contract, R extends ContractFeatures<C>>(
  _contract: C,
  compute: ((history: readonly HistoryEvent<ContractInput<C>>[]) => Awaitable<readonly R[]>) &
    NoExtraFeatures<R, C['features']>,
  options: StatefulSideOptions = {},
): Side {
  return {
    shape: 'entity',
    location: 'in-process',
    ...resetOf(options),
    description: options.description ?? `${compute.name || 'function'} (in-process, entity-wise)`,
    async compute(batch: readonly SideRecord[]): Promise<SideOutcome[]> {
      const out: SideOutcome[] = [];
      for (let start = 0; start < batch.length; ) {
        let end = start + 1;
        const entity = (batch[start] as SideRecord).entity;
        while (end < batch.length && (batch[end] as SideRecord).entity === entity) end++;
        const history = batch.slice(start, end).map((r) => historyEvent<ContractInput<C>>(r));
        const started = performance.now();
        let results: readonly unknown[] | undefined;
        let failure: string | undefined;
        try {
          results = await compute(history);
          if (!Array.isArray(results) || results.length !== history.length) {
            failure = `returned ${Array.isArray(results) ? results.length : typeof results} results for ${history.length} events of entity ${entity}`;
          }
        } catch (error) {
          failure = errorMessage(error);
        }
        const latencyMs = (performance.now() - started) / history.length;
        for (let i = 0; i < history.length; i++) {
          out.push(
            failure === undefined
              ? { features: results?.[i] as Record<string, unknown>, latencyMs }
              : { error: failure, latencyMs },
          );
        }
        start = end;
      }
      return out;
    },
  };
}

/**
 * The side that production actually served: the features logged with each record.
 * @public
 */
export function loggedSide(options: InProcessOptions = {}): Side {
  return {
    shape: 'record',
    location: 'in-process',
    precomputed: true,
    description: options.description ?? 'logged (features served in production)',
    async compute(batch: readonly SideRecord[]): Promise<SideOutcome[]> {
      return batch.map((record) =>
        record.served !== null && typeof record.served === 'object' && !Array.isArray(record.served)
          ? { features: record.served as Record<string, unknown> }
          : { error: 'the log record has no served features' },
      );
    },
  };
}
