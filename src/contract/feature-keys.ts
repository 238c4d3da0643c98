/**
 * Type-level checks a side's returned feature record must pass beyond assignability: TypeScript checks excess
 * properties only on an object literal assigned to an annotated type, never on what a lambda returns, so the side
 * builders infer the returned record and name any key the contract does not declare.
 */

/**
 * Keys of a returned feature record `R` (of any member, when `R` is a union) that the contract's features `F` do not
 * declare.
 * @remarks Since 0.1
 * @public
 */
export type ExtraFeatureKeys<R, F> = Exclude<R extends unknown ? keyof R : never, keyof F>;

// The key test is a non-distributive `[…] extends […]`, so for a generic `R` whose keys are `F`'s (a user's helper over
// any contract) TypeScript sees it is always true and accepts the function.
/**
 * `unknown` when a returned feature record `R` has only keys the contract's features `F` declare (or is `any`);
 * otherwise an object type naming the extra keys. A side builder intersects its function parameter with it, so a
 * function returning an extra key is a type error that names the key.
 * @remarks Since 0.1
 * @public
 */
export type NoExtraFeatures<R, F> = 0 extends 1 & R
  ? unknown
  : [R extends unknown ? keyof R : never] extends [keyof F]
    ? unknown
    : { readonly 'returns keys that are not features of the contract': ExtraFeatureKeys<R, F> };
