import type { Contract, ExtraFields } from './contract.ts';

/** The extra-field policies, in the order the docs list them. @public */
export const EXTRA_FIELDS: readonly ExtraFields[] = ['strip', 'reject', 'keep'];

type ObjectDef = { readonly catchall?: { readonly _zod?: { readonly def?: { readonly type?: string } } } };

/** What a zod object schema does with unknown keys: `z.strictObject` rejects, `z.looseObject` keeps, `z.object` strips. */
export function zodExtraFields(input: Contract['input']): ExtraFields {
  const catchall = (input._zod.def as ObjectDef).catchall?._zod?.def?.type;
  if (catchall === undefined) return 'strip';
  return catchall === 'never' ? 'reject' : 'keep';
}

/**
 * The contract's policy for input fields its schema does not declare: the one it sets, else what its zod object says.
 * @remarks Since 0.1
 * @public
 */
export function extraFieldsOf(contract: Pick<Contract, 'input' | 'extraFields'>): ExtraFields {
  return contract.extraFields ?? zodExtraFields(contract.input);
}

/** An input as the sides see it under the contract's policy, or the first field the policy refuses. */
export type PolicedInput = { readonly input: Readonly<Record<string, unknown>> } | { readonly extraField: string };

/**
 * Applies the contract's extra-field policy to one input record (its top-level fields; nested objects follow their own
 * zod schema): `strip` drops undeclared fields, `reject` names the first one, `keep` hands the input on untouched.
 * The record is otherwise the one given (never re-parsed), so logged values reach the sides as logged.
 * @remarks Since 0.1
 * @public
 */
export function applyExtraFields(
  contract: Pick<Contract, 'input' | 'extraFields'>,
  input: Readonly<Record<string, unknown>>,
): PolicedInput {
  const policy = extraFieldsOf(contract);
  if (policy === 'keep') return { input };
  const shape = contract.input.shape;
  const extra = Object.keys(input).filter((key) => !Object.hasOwn(shape, key));
  if (extra.length === 0) return { input };
  if (policy === 'reject') return { extraField: extra[0] as string };
  return { input: Object.fromEntries(Object.entries(input).filter(([key]) => Object.hasOwn(shape, key))) };
}
