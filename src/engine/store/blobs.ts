/** Typed arrays to and from SQLite blobs, little-endian (the byte order of every platform Node runs on). */
type Typed = Uint32Array | Float32Array | Float64Array;

export const asBlob = (a: Typed): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function copyInto<T extends Typed>(b: Buffer, make: (n: number) => T): T {
  const out = make(b.byteLength / make(0).BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export const uint32FromBlob = (b: Buffer): Uint32Array => copyInto(b, (n) => new Uint32Array(n));
export const float32FromBlob = (b: Buffer): Float32Array => copyInto(b, (n) => new Float32Array(n));
export const float64FromBlob = (b: Buffer): Float64Array => copyInto(b, (n) => new Float64Array(n));
