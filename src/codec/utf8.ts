const strict = new TextDecoder('utf-8', { fatal: true });

/** The length of the well-formed sequence at `i` (Unicode table 3-7), or 0 when it is not one. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * The index of the first byte that does not start a well-formed UTF-8 sequence (a stray continuation byte, a truncated
 * or overlong sequence, a surrogate), or -1 when every byte does. Decoders replace such bytes with U+FFFD silently; a
 * log line holding them is reported instead, so no value is compared with a character production never wrote.
 * @param bytes - the bytes of one line
 * @internal
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    strict.decode(bytes);
    return -1;
  } catch {
    // find where, below
  }
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceAt(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}
