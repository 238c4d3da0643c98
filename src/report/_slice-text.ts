import type { ClassSlice } from '../slicing/class-slice.ts';

/** A share as reports show it: `100%`, `21%`, `99.6%` (never rounded up to 100%), `0.4%`. */
export function shareText(share: number): string {
  const p = share * 100;
  if (p === 100) return '100%';
  if (p >= 99.5) return `${Math.min(99.9, Math.floor(p * 10) / 10)}%`;
  return `${p >= 1 ? Math.round(p) : p >= 0.1 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** `cardholder_tz = "Australia/Sydney" (100% of class, 21% of log)`. */
export function sliceText(s: ClassSlice): string {
  return `${s.predicate} (${shareText(s.inClass)} of class, ${shareText(s.inLog)} of log)`;
}
