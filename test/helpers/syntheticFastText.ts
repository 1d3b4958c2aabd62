/**
 * A synthetic fastText skipgram model of any size, written as a stream (the file is never in
 * memory): `words` distinct random words of 3–14 letters, `bucket` n-gram rows, `dim` columns,
 * rows of small pseudo-random floats. It has cc.en.300.bin's layout and shape, with fewer words,
 * for the import's memory and speed checks (test/unit/formats/memory.test.ts, bench/verify-fasttext.mjs).
 */
import { createWriteStream } from 'node:fs';

export async function writeSyntheticFastText(file: string, words: number, dim = 300, bucket = 2_000_000): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 8 << 20 });
  const put = (b: Buffer): Promise<void> | null => (out.write(b) ? null : new Promise((resolve) => out.once('drain', () => resolve())));
  const ints = (...v: number[]): Buffer => Buffer.from(Int32Array.from(v).buffer);
  const i64 = (...v: number[]): Buffer => Buffer.from(BigInt64Array.from(v.map(BigInt)).buffer);
  const f64 = Buffer.alloc(8);
  f64.writeDoubleLE(1e-4);
  // magic, version 12, then args: dim, ws, epoch, minCount, neg, wordNgrams, loss (ns), model (skipgram), bucket, minn, maxn, lrUpdateRate, t.
  await put(Buffer.concat([ints(793712314, 12, dim, 5, 5, 5, 5, 1, 2, 2, bucket, 3, 6, 100), f64, ints(words, words, 0), i64(1e9, -1)]));
  let s = 12345;
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  while (seen.size < words) {
    const len = 3 + Math.floor(rand() * rand() * 12);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(rand() * 26));
    if (seen.has(w)) continue;
    seen.add(w);
    parts.push(Buffer.from(`${w}\0`), i64(words - seen.size + 1), Buffer.from([0]));
    if (parts.length > 30000) await put(Buffer.concat(parts.splice(0)));
  }
  // No pruned index; the input matrix is not quantized; its shape.
  await put(Buffer.concat([...parts, Buffer.from([0]), i64(words + bucket, dim)]));
  const block = Buffer.from(Float32Array.from({ length: (4 << 20) / 4 }, () => (rand() - 0.5) / 10).buffer);
  const writeRows = async (rows: number): Promise<void> => {
    for (let left = rows * dim * 4; left > 0; left -= block.length) await put(left >= block.length ? block : block.subarray(0, left));
  };
  await writeRows(words + bucket);
  await put(Buffer.concat([Buffer.from([0]), i64(words, dim)]));
  await writeRows(words);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}
