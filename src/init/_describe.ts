/** `5000` → `5,000`; fractions kept to 6 significant digits. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : Number(n.toPrecision(6)).toLocaleString('en-US');
}

/** `count` with its noun, pluralised: `1 record`, `5,000 records`. */
export function plural(count: number, noun: string): string {
  return `${fmt(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** The observed range widened to round numbers (a suggestion to write as a rule, never one on its own). */
export function roundOutward(min: number, max: number): { min: number; max: number } {
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (magnitude === 0) return { min: 0, max: 0 };
  const step = 10 ** Math.floor(Math.log10(magnitude));
  const round = (x: number, f: (v: number) => number) => Number((f(x / step) * step).toPrecision(12));
  return { min: round(min, Math.floor), max: round(max, Math.ceil) };
}

/** `observed 0.5 to 1,843.2; a rule could be min 0, max 2,000` */
export function rangeNote(min: number, max: number): string {
  const r = roundOutward(min, max);
  return `observed ${fmt(min)} to ${fmt(max)} (as a rule, if it is one: min ${fmt(r.min)}, max ${fmt(r.max)})`;
}
