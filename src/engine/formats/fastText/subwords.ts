/**
 * fastText's character n-grams, at the byte level, as fastText enumerates them (learned from its
 * Dictionary::computeSubwords, hash and pushHash; written anew here):
 *
 *  - the word is wrapped as "<" + word + ">" (its UTF-8 bytes);
 *  - an n-gram starts at every byte that is not a UTF-8 continuation byte (10xxxxxx) and grows one
 *    character (a lead byte and its continuation bytes) at a time, up to maxn characters;
 *  - n-grams of minn..maxn characters are kept, except a single character at either end ("<" or ">");
 *  - each n-gram's row is hash(n-gram) mod bucket, where the hash is 32-bit FNV-1a over its bytes with
 *    each byte sign-extended first (C++'s `uint32_t(int8_t(c))`): bytes above 127 xor 0xFFFFFF80..FF;
 *
 * Enumeration order matters for floating-point sums only; duplicates (the same n-gram twice, or two
 * n-grams in one bucket) are kept, as fastText counts each.
 */

export interface SubwordParams {
  minn: number;
  maxn: number;
  /** The number of n-gram rows (the input matrix has nwords + bucket rows). */
  bucket: number;
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
const BOW = 0x3c; // "<"
const EOW = 0x3e; // ">"

/** fastText's string hash of bytes[start..end): FNV-1a with each byte sign-extended before the xor. */
export function fastTextHash(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul((h ^ ((bytes[i] << 24) >> 24)) >>> 0, FNV_PRIME) >>> 0;
  return h;
}

/** Whether a model with these parameters has character n-grams at all. */
export function hasSubwords(p: SubwordParams): boolean {
  return p.maxn > 0 && p.maxn >= p.minn && p.bucket > 0;
}

/**
 * Enumerates the n-gram buckets of a word given as UTF-8 bytes [start, end) of `bytes`, calling
 * onBucket(b) with 0 ≤ b < bucket in fastText's order. `scratch` holds "<word>"
 * and is grown when too small; the (possibly new) scratch is returned for reuse.
 */
export function forEachSubword(
  bytes: Uint8Array, start: number, end: number, p: SubwordParams,
  onBucket: (b: number) => void, scratch: Uint8Array = new Uint8Array(64),
): Uint8Array {
  if (!hasSubwords(p)) return scratch;
  const L = end - start + 2;
  let w = scratch;
  if (w.length < L) w = new Uint8Array(Math.max(L, 2 * w.length));
  w[0] = BOW;
  w.set(bytes.subarray(start, end), 1);
  w[L - 1] = EOW;
  const { minn, maxn, bucket } = p;
  for (let i = 0; i < L; i++) {
    if ((w[i] & 0xc0) === 0x80) continue;
    let h = FNV_OFFSET;
    let j = i;
    for (let n = 1; j < L && n <= maxn; n++) {
      // One character: its lead byte and its continuation bytes, hashed as they are appended.
      h = Math.imul((h ^ ((w[j++] << 24) >> 24)) >>> 0, FNV_PRIME) >>> 0;
      while (j < L && (w[j] & 0xc0) === 0x80) h = Math.imul((h ^ ((w[j++] << 24) >> 24)) >>> 0, FNV_PRIME) >>> 0;
      if (n >= minn && !(n === 1 && (i === 0 || j === L))) onBucket(h % bucket);
    }
  }
  return w;
}

/** The n-gram buckets of a word (a JS string, encoded as UTF-8), in fastText's order. */
export function subwordBuckets(word: string, p: SubwordParams): number[] {
  const out: number[] = [];
  const bytes = Buffer.from(word, 'utf8');
  forEachSubword(bytes, 0, bytes.length, p, (b) => out.push(b));
  return out;
}

/** The n-grams themselves (strings, for display and tests), in the order of subwordBuckets. */
export function subwordStrings(word: string, p: Pick<SubwordParams, 'minn' | 'maxn'>): string[] {
  const w = Buffer.from(`<${word}>`, 'utf8');
  const out: string[] = [];
  if (p.maxn <= 0) return out;
  for (let i = 0; i < w.length; i++) {
    if ((w[i] & 0xc0) === 0x80) continue;
    let j = i;
    for (let n = 1; j < w.length && n <= p.maxn; n++) {
      j++;
      while (j < w.length && (w[j] & 0xc0) === 0x80) j++;
      if (n >= p.minn && !(n === 1 && (i === 0 || j === w.length))) out.push(w.toString('utf8', i, j));
    }
  }
  return out;
}
