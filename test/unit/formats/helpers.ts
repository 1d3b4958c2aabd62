/** Vector sets and small file builders for the format tests. */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { TrainedVectors } from '../../../src/engine/vectors/trainedVectors.js';

export const UNICODE_WORDS = ['the', 'naïve', '東京', '🙂', 'new york', 'Ελλάδα', 'a'];

/** A deterministic vector set with awkward float32 values (tiny, huge, negative zero, integers). */
export function makeVectors(words: string[] = UNICODE_WORDS, dim = 7, seed = 1, withC = true): TrainedVectors {
  let s = seed >>> 0;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const W = new Float32Array(words.length * dim);
  for (let i = 0; i < W.length; i++) W[i] = (rand() - 0.5) * 2 * 10 ** Math.floor(rand() * 6 - 3);
  const special = [0, -0, 1, -2, 1e-30, 3.4e38, -1.17549435e-38, 1.4e-45, 0.1, 123456.789];
  for (let i = 0; i < Math.min(special.length, W.length); i++) W[i] = special[i];
  const C = withC ? W.map((x, i) => Math.fround(x * 0.5 + Math.sin(i))) : undefined;
  const counts = Uint32Array.from(words, (_, i) => (words.length - i) * 10);
  return { words, counts, dim, W, C };
}

export function sameFloats(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export function write(path: string, content: string | Buffer, gzip = false): string {
  const b = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(path, gzip ? gzipSync(b) : b);
  return path;
}

/** A word2vec binary file built by hand: records are word, space, float32 LE, and optionally "\n". */
export function binaryFile(words: string[], rows: number[][], o: { newline?: boolean; header?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(o.header ?? `${words.length} ${rows[0]?.length ?? 0}\n`)];
  words.forEach((w, i) => {
    parts.push(Buffer.from(`${w} `, 'utf8'), Buffer.from(Float32Array.from(rows[i]).buffer));
    if (o.newline ?? true) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}
