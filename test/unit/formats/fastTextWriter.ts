/**
 * A small writer of fastText's .bin layout for the tests (see src/engine/formats/fastText/header.ts),
 * so that models with chosen rows, and broken ones, can be made without fastText. It also returns the
 * byte offset of each part, for the tests of error messages.
 */

export interface ModelSpec {
  magic?: number;
  version?: number;
  dim: number;
  /** 1 cbow, 2 skipgram, 3 supervised. */
  model?: number;
  loss?: number;
  bucket: number;
  minn: number;
  maxn: number;
  words: string[];
  counts?: number[];
  labels?: string[];
  /** (words + bucket) × dim float32, row-major. */
  input: Float32Array;
  /** words × dim (default zeros). */
  output?: Float32Array;
  quantized?: number;
  pruneSize?: number;
  /** Overrides the input matrix's recorded shape. */
  inputShape?: [number, number];
  /** Overrides an entry's type byte (entry index → type). */
  entryTypes?: Record<number, number>;
}

export interface ModelBytes {
  bytes: Buffer;
  at: { version: number; args: number; dictionary: number; entries: number; quantized: number; input: number; inputRows: number; bucketRows: number; output: number; outputRows: number; end: number };
}

export function fastTextModel(s: ModelSpec): ModelBytes {
  const parts: Buffer[] = [];
  let length = 0;
  const put = (b: Buffer): void => {
    parts.push(b);
    length += b.length;
  };
  const i32 = (...v: number[]): void => v.forEach((x) => { const b = Buffer.alloc(4); b.writeInt32LE(x); put(b); });
  const i64 = (...v: number[]): void => v.forEach((x) => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(x)); put(b); });
  const f32 = (a: Float32Array): void => put(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const labels = s.labels ?? [];
  const at = {} as ModelBytes['at'];

  i32(s.magic ?? 793712314);
  at.version = length;
  i32(s.version ?? 12);
  at.args = length;
  i32(s.dim, 5, 5, 1, 5, 1, s.loss ?? 2, s.model ?? 2, s.bucket, s.minn, s.maxn, 100);
  const t = Buffer.alloc(8);
  t.writeDoubleLE(1e-4);
  put(t);
  at.dictionary = length;
  i32(s.words.length + labels.length, s.words.length, labels.length);
  i64(1000, s.pruneSize ?? -1);
  at.entries = length;
  [...s.words, ...labels].forEach((w, k) => {
    put(Buffer.concat([Buffer.from(w, 'utf8'), Buffer.from([0])]));
    i64(s.counts?.[k] ?? 100 - k);
    put(Buffer.from([s.entryTypes?.[k] ?? (k < s.words.length ? 0 : 1)]));
  });
  at.quantized = length;
  put(Buffer.from([s.quantized ?? 0]));
  at.input = length;
  const [m, n] = s.inputShape ?? [s.words.length + s.bucket, s.dim];
  i64(m, n);
  at.inputRows = length;
  at.bucketRows = length + 4 * s.dim * s.words.length;
  f32(s.input);
  at.output = length;
  put(Buffer.from([0]));
  i64(s.words.length, s.dim);
  at.outputRows = length;
  f32(s.output ?? new Float32Array(s.words.length * s.dim));
  at.end = length;
  return { bytes: Buffer.concat(parts), at };
}

/** Input rows: word w's row is wordRow(w), bucket b's row is bucketRow(b). */
export function inputRows(words: number, bucket: number, dim: number, wordRow: (w: number) => number[], bucketRow: (b: number) => number[]): Float32Array {
  const a = new Float32Array((words + bucket) * dim);
  for (let w = 0; w < words; w++) a.set(wordRow(w), w * dim);
  for (let b = 0; b < bucket; b++) a.set(bucketRow(b), (words + b) * dim);
  return a;
}
