import type { Arbitrary } from 'fast-check';
import { arbitraryHistories, type HistoryConstraints } from '../arbitraries/entity-histories.ts';
import { type ArbitraryOptions, arbitraryFromSchema } from '../arbitraries/from-schema.ts';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';

/** History limits a fuzz run may set (the entity and timestamp fields come from the contract). @public */
export type HistoryLimits = Partial<Omit<HistoryConstraints, 'entityField' | 'timestampField'>>;

/**
 * The generator of fuzz cases for a contract: one input record per case for record-wise sides, or — when either
 * side is entity-wise — a short history of a few entities with events at window boundaries (entity field =
 * `contract.entity`, time field = `contract.timestamp`).
 * @param contract - the contract whose input schema is generated
 * @param shape - `record` or `history`
 * @param options - generator overrides, time zones and edge bias, and history limits
 * @throws SkewError `SKEW_CONTRACT_INVALID` when histories are needed and the contract names no entity or no timestamp
 *   field
 * @remarks Since 0.1
 * @public
 */
export function caseArbitrary(
  contract: Contract,
  shape: 'record' | 'history',
  options: { readonly arbitraries?: ArbitraryOptions; readonly history?: HistoryLimits } = {},
): Arbitrary<unknown> {
  if (shape === 'record') return arbitraryFromSchema(contract.input, options.arbitraries);
  if (contract.entity === undefined) {
    throw new SkewError(
      'SKEW_CONTRACT_INVALID',
      `fuzzContract: contract "${contract.name}" has no entity, so entity histories cannot be generated; add ` +
        `entity: '<input field identifying the card, user or account>' to the contract, or fuzz record-wise sides`,
    );
  }
  if (contract.timestamp === undefined) {
    throw new SkewError(
      'SKEW_CONTRACT_INVALID',
      `fuzzContract: contract "${contract.name}" has an entity-wise side but no timestamp field, so entity histories ` +
        `cannot be generated; add timestamp: '<input field with the event time>' to its defineContract`,
    );
  }
  return arbitraryHistories(
    contract.input,
    { ...options.history, entityField: contract.entity, timestampField: contract.timestamp },
    options.arbitraries,
  );
}
