/** Kinds of divergence, one per way two sides can disagree or break the contract. @public */
export type DivergenceKind = 'value' | 'null_mismatch' | 'type' | 'missing' | 'unexpected' | 'error' | 'contract';

/** Every divergence kind, in report order. @public */
export const DIVERGENCE_KINDS: readonly DivergenceKind[] = [
  'value',
  'null_mismatch',
  'type',
  'missing',
  'unexpected',
  'error',
  'contract',
];

/** Which side a divergence is attributed to. @public */
export type SideName = 'training' | 'serving';

/**
 * One feature of one record where the two sides disagree beyond tolerance, or where a value breaks the contract.
 * @public
 */
export interface Divergence {
  readonly kind: DivergenceKind;
  readonly feature: string;
  readonly training: unknown;
  readonly serving: unknown;
  /** The side at fault, where one is (missing key, wrong type, contract break, error). */
  readonly side?: SideName | 'both';
  /** Human-readable reason, e.g. `|Δ| = 0.5 > tolerance 1e-9`. */
  readonly detail: string;
  /** Shape of the cause; divergences with the same feature, kind and cause form one class. */
  readonly cause: string;
  readonly absError?: number;
  readonly relError?: number;
}
