import type { z } from 'zod';
import type { FeatureRecord, FeatureSpec, NanPolicy } from './feature-spec.ts';

/** Feature specs by name. @public */
export type FeatureSpecs = Record<string, FeatureSpec>;

/**
 * What happens to an input field the contract's input schema does not declare, in replay and golden checks alike and
 * in the exported JSON Schema: `strip` (accepted, removed before the sides see the input), `reject` (the record is
 * invalid, naming the field; the schema says `additionalProperties: false`), `keep` (accepted and handed to the sides).
 * @remarks Since 0.1
 * @public
 */
export type ExtraFields = 'strip' | 'reject' | 'keep';

/** What `defineContract` takes. @public */
export interface ContractDefinition<I extends z.ZodObject, F extends FeatureSpecs> {
  readonly name: string;
  readonly version: string;
  /**
   * The input field that identifies the entity (card, user); window features are computed per entity, so an
   * entity-wise side needs it. Optional for a record-wise contract: without it replay, shards and samples treat each
   * record on its own (routed by its record id, else its line), and reports name no entity.
   */
  readonly entity?: string;
  /**
   * The input field holding the event time (ISO 8601 with zone, or epoch ms). Entity-wise sides order histories by
   * it; `lockstep fuzz` generates histories with it; replay falls back to it when a log record has no timestamp.
   */
  readonly timestamp?: string;
  readonly input: I;
  /**
   * The policy for input fields the input schema does not declare (see {@link ExtraFields}). Default: what the zod
   * object says, `reject` for `z.strictObject`, `keep` for `z.looseObject`, otherwise `strip`.
   */
  readonly extraFields?: ExtraFields;
  readonly features: F;
  /**
   * The NaN policy of every float feature that does not say `allowNaN` itself (see {@link NanPolicy}). Default
   * `forbid`. Vectors are not affected: a NaN vector element is always a contract violation.
   */
  readonly nan?: NanPolicy;
  /**
   * Input fields (paths, dotted for nested fields: `holder.name`) replaced in every report, annotation, history entry
   * and divergence file by a stable hash, `<redacted:3f9a1c0b2e4d>`, while the comparison sees the real values. A
   * config binding's `redact` adds to it. Golden files and the fuzz corpus keep real values.
   */
  readonly redact?: readonly string[];
  readonly description?: string;
}

/**
 * A validated feature contract: the single source of truth both sides are tested against.
 * @public
 */
export interface Contract<I extends z.ZodObject = z.ZodObject, F extends FeatureSpecs = FeatureSpecs>
  extends ContractDefinition<I, F> {
  /** Feature names in declaration order. */
  readonly featureNames: readonly string[];
}

// Both are plain indexed types rather than conditional ones, so that for a contract type parameter (inside a side
// builder or a user's generic helper) they stay generic in it: TypeScript then keeps the literal types of what a lambda
// returns (a category value), and `ContractInput<C>` in a user's signature is the very type a side builder expects.

/** The input record type of a contract. @public */
export type ContractInput<C extends Contract> = z.infer<C['input']>;

/** The feature record type of a contract. @public */
export type ContractFeatures<C extends Contract> = FeatureRecord<C['features']>;
