/** MurmurHash3's finalizer: spreads every input bit over the 32-bit result. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A fixed 32-bit hash of a text (FNV-1a over UTF-16 code units, then mixed): the same on every machine. @internal */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** A fixed 32-bit hash of a (run-wide) line number, safe integers included. @internal */
export function hashLine(line: number): number {
  const high = Math.floor(line / 0x1_0000_0000);
  return fmix32(fmix32(line >>> 0) ^ Math.imul(high, 0x9e3779b1));
}
