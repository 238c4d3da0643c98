import { SkewError } from '../errors.ts';
import type { Contract } from './contract.ts';

/** The shape of each side there is to check (`'record'` or `'entity'`); a side not given is not checked. */
export type SideShapes = Readonly<Partial<Record<'training' | 'serving', { readonly shape: string }>>>;

/**
 * Fails when a side that computes from an entity's history (an entity-wise side) meets a contract that names no
 * entity: without the field identifying the entity there is no history to hand it. A record-wise side needs none.
 * @param contract - the contract the sides implement
 * @param sides - the sides' shapes
 * @param api - the API or command named at the start of the message
 * @param entityField - a log field holding the entity (replay's `format.entityField`), which stands in for the contract's
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the contract and what to write
 * @remarks Since 0.1
 * @public
 */
export function requireEntity(contract: Contract, sides: SideShapes, api: string, entityField?: string): void {
  if (contract.entity !== undefined || entityField !== undefined) return;
  const entityWise = (['training', 'serving'] as const).filter((name) => sides[name]?.shape === 'entity');
  if (entityWise.length === 0) return;
  const which = entityWise.length === 2 ? 'both sides are' : `the ${entityWise[0]} side is`;
  throw new SkewError(
    'SKEW_CONTRACT_INVALID',
    `${api}: contract "${contract.name}" has no entity, but ${which} entity-wise (computed from each entity's history, ` +
      `which needs the input field identifying the entity); add entity: '<field>' to the contract, naming the input ` +
      `field that identifies the card, user or account ("entity": "<field>" in a JSON or YAML contract), or make the ` +
      'side record-wise',
  );
}
