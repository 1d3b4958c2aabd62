/**
 * Typed arrays on SharedArrayBuffers. Matrices that the linear-algebra threads
 * read are allocated here from the start, so handing them to the threads copies
 * nothing (a copy of a 15M-entry matrix would cost a second matrix of memory).
 */
const sab = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(8, bytes));

export const sharedFloat64 = (n: number): Float64Array => new Float64Array(sab(n * 8), 0, n);
export const sharedFloat32 = (n: number): Float32Array => new Float32Array(sab(n * 4), 0, n);
export const sharedUint32 = (n: number): Uint32Array => new Uint32Array(sab(n * 4), 0, n);
