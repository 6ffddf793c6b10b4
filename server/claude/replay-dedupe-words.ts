/** How many 32-bit words hold one uuid in a deduper's ring. */
export const WORDS_PER_UUID = 4;

/** A hex digit's value by char code; -1 for anything else (upper case included: only the canonical form parses). */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) HEX_VALUE[digit.toString(16).charCodeAt(0)] = digit;

/**
 * Writes a canonical uuid (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lower-case hex, what the CLI sends) as its 128
 * bits into `words[at..at+3]` and returns true. Any other string returns false: `words` then holds a hash of it
 * instead, and the caller keeps the string itself — two strings that differ never count as one uuid.
 */
export function writeUuidWords(uuid: string, words: Uint32Array, at: number): boolean {
  if (uuid.length === 36 && parseCanonical(uuid, words, at)) return true;
  words[at] = hashOf(uuid);
  words[at + 1] = uuid.length;
  words[at + 2] = 0;
  words[at + 3] = 0;
  return false;
}

function parseCanonical(uuid: string, words: Uint32Array, at: number): boolean {
  const DASH = 45;
  if (uuid.charCodeAt(8) !== DASH || uuid.charCodeAt(13) !== DASH || uuid.charCodeAt(18) !== DASH) return false;
  if (uuid.charCodeAt(23) !== DASH) return false;
  const first = hexRun(uuid, 0, 8);
  const second = hexRun(uuid, 9, 13) * 0x10000 + hexRun(uuid, 14, 18);
  const third = hexRun(uuid, 19, 23) * 0x10000 + hexRun(uuid, 24, 28);
  const fourth = hexRun(uuid, 28, 36);
  // A bad digit makes its run NaN, and NaN spreads through the sums.
  if (Number.isNaN(first + second + third + fourth)) return false;
  words[at] = first;
  words[at + 1] = second;
  words[at + 2] = third;
  words[at + 3] = fourth;
  return true;
}

/** The value of the hex digits `text[from..to)` (at most 8: exact in a double); NaN when one is not a hex digit. */
function hexRun(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (HEX_VALUE[code] as number) : -1;
    if (digit < 0) return Number.NaN;
    value = value * 16 + digit;
  }
  return value;
}

/** FNV-1a over the string's code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** True when the uuids at `words[a..]` and `other[b..]` have the same four words. */
export const sameWords = (words: Uint32Array, a: number, other: Uint32Array, b: number): boolean =>
  words[a] === other[b] && words[a + 1] === other[b + 1] && words[a + 2] === other[b + 2] && words[a + 3] === other[b + 3];

/** Where a uuid's words start probing in an open-addressing table of `mask + 1` entries (a power of two). */
export const homeOf = (words: Uint32Array, at: number, mask: number): number =>
  Math.imul((words[at] as number) ^ (words[at + 3] as number), 0x9e3779b1) & mask;
