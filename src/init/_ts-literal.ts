/** A string as a single-quoted TypeScript literal. */
export function tsString(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function tsKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : tsString(key);
}

/** Plain data (strings, numbers, booleans, arrays, objects) as a one-line TypeScript literal. */
export function tsLiteral(value: unknown): string {
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v)}`).join(', ')} }`;
  }
  return String(value);
}

/** `card_fraud` → `cardFraud`: an identifier for the contract's constant. */
export function camelName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const id = words.map((w, i) => (i === 0 ? w[0]?.toLowerCase() : w[0]?.toUpperCase()) + w.slice(1)).join('');
  return /^[A-Za-z_]/.test(id) ? id : `contract${id}`;
}
