/**
 * LEB128 varints for the stored token stream. Ids are frequency ranks, so most
 * tokens are small numbers: the stream takes about 1.5 bytes a token instead of
 * 4, which makes saving and loading a corpus roughly twice as fast.
 */

/** Bytes of v as a varint: 1 below 128, 2 below 16,384, and so on up to 5. */
export const varintBytes = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

/** Writes v (below 2^32) into `out` at `at`; returns the position after it. */
export function writeVarint(v: number, out: Uint8Array, at: number): number {
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

/** Encodes `ids` into `out` (at least 5 bytes per id); returns the bytes used. */
export function encodeVarints(ids: Uint32Array, out: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < ids.length; i++) p = writeVarint(ids[i], out, p);
  return p;
}

/**
 * Encodes `map[ids[i]]` for i in [from, to) into `out` (at least 5 bytes per id);
 * returns the bytes used. Ingestion renumbers and encodes in this one pass.
 */
export function encodeMappedVarints(ids: Uint32Array, from: number, to: number, map: Uint32Array, out: Uint8Array): number {
  let p = 0;
  for (let i = from; i < to; i++) p = writeVarint(map[ids[i]], out, p);
  return p;
}

/** Decodes exactly `count` varints from `bytes` into `out` at `offset`. */
export function decodeVarints(bytes: Uint8Array, count: number, out: Uint32Array, offset = 0): void {
  let p = 0;
  for (let i = 0; i < count; i++) {
    let b = bytes[p++];
    let v = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      b = bytes[p++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    }
    out[offset + i] = v >>> 0;
  }
  if (p !== bytes.length) throw new Error(`Corrupt token chunk: ${bytes.length - p} stray bytes after ${count} ids.`);
}
