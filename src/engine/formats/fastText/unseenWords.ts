/**
 * Vectors of words outside a fastText model's vocabulary, as fastText makes them (getWordVector for
 * an unknown word): the mean of the rows of the word's character n-grams, summed in float32 in
 * fastText's order and multiplied by float32(1 / n); zero when the word has no n-gram (it is shorter
 * than minn − 2 characters, or the model has none).
 *
 * The n-gram rows come from memory (rows kept at import) or from the model's file, read by offset, so
 * that a large model's 2M × 300 n-gram rows never need to be loaded to answer a query.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { LabError } from '../../../shared/labError.js';
import type { SubwordLayout } from '../fastTextBin.js';
import { FASTTEXT_MAGIC } from './header.js';
import { subwordBuckets, type SubwordParams } from './subwords.js';

/** fastText's end-of-sentence token: it never has n-grams. */
const EOS = '</s>';

/** The word's n-gram buckets as fastText lists them for an unknown word. */
function bucketsOf(word: string, p: SubwordParams): number[] {
  return word === EOS ? [] : subwordBuckets(word, p);
}

/** out = the mean of the rows (fetched by rowOf) of the buckets, in fastText's float32 arithmetic. */
function meanOfSubwords(buckets: number[], rowOf: (b: number) => Float32Array, out: Float32Array): void {
  out.fill(0);
  for (const b of buckets) {
    const row = rowOf(b);
    for (let j = 0; j < out.length; j++) out[j] += row[j];
  }
  if (buckets.length > 0) {
    const f = Math.fround(1 / buckets.length);
    for (let j = 0; j < out.length; j++) out[j] *= f;
  }
}

/** Unseen-word vectors from n-gram rows in memory (bucket × dim, as readFastTextBin's subwordRows). */
export class SubwordRows {
  constructor(readonly params: SubwordParams & { dim: number }, readonly rows: Float32Array) {
    if (rows.length !== params.bucket * params.dim) throw new LabError(`The n-gram rows hold ${rows.length} values; expected ${params.bucket} × ${params.dim}.`, 'failed');
  }

  /**
   * The vector of a word outside the vocabulary (length dim) and how many n-grams made it (0: the zero
   * vector). For a vocabulary word use its row of W, which also holds the word's own row.
   */
  vector(word: string, out = new Float32Array(this.params.dim)): { vector: Float32Array; ngrams: number } {
    const buckets = bucketsOf(word, this.params);
    const d = this.params.dim;
    meanOfSubwords(buckets, (b) => this.rows.subarray(b * d, (b + 1) * d), out);
    return { vector: out, ngrams: buckets.length };
  }
}

/**
 * Unseen-word vectors read from the model file by offset. open() checks that the file is still the one
 * imported (same size, magic, dimension and n-gram settings); gzip-compressed models cannot be read
 * this way (their layout has rowsOffset null).
 */
export class SubwordFile {
  private constructor(readonly layout: SubwordLayout, private readonly fh: FileHandle) {}

  static async open(layout: SubwordLayout): Promise<SubwordFile> {
    const { file, rowsOffset } = layout;
    if (rowsOffset === null) throw new LabError(`${file}: the model is gzip-compressed, so its n-gram rows cannot be read by offset; keep the rows at import (subwordRows) or import the uncompressed .bin.`, 'invalid');
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      throw new LabError(`${file}: the fastText model this run came from is gone; vectors of words outside its vocabulary need it.`, 'not-found');
    }
    if (size !== layout.fileBytes) throw new LabError(`${file}: the file changed since it was imported (${size} bytes, was ${layout.fileBytes}); import it again.`, 'invalid');
    const fh = await open(file, 'r');
    try {
      const head = Buffer.alloc(56);
      await fh.read(head, 0, 56, 0);
      const ok = head.readInt32LE(0) === FASTTEXT_MAGIC && head.readInt32LE(8) === layout.dim && head.readInt32LE(40) === layout.bucket &&
        head.readInt32LE(44) === layout.minn && head.readInt32LE(48) === layout.maxn;
      if (!ok) throw new LabError(`${file}: no longer the fastText model that was imported (its header differs); import it again.`, 'invalid');
      return new SubwordFile(layout, fh);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** The vectors of `words` outside the vocabulary (words × dim, row-major) and each one's number of n-grams. */
  async vectors(words: string[]): Promise<{ vectors: Float32Array; ngrams: Uint32Array }> {
    const { dim } = this.layout;
    const lists = words.map((w) => bucketsOf(w, this.layout));
    const unique = [...new Set(lists.flat())].sort((a, b) => a - b);
    const rows = new Float32Array(unique.length * dim);
    const bytes = new Uint8Array(rows.buffer);
    const rowBytes = 4 * dim;
    // Neighbouring buckets are read in one call.
    for (let i = 0; i < unique.length; ) {
      let j = i + 1;
      while (j < unique.length && unique[j] === unique[j - 1] + 1 && j - i < 4096) j++;
      const want = (j - i) * rowBytes;
      const { bytesRead } = await this.fh.read(bytes, i * rowBytes, want, this.layout.rowsOffset! + unique[i] * rowBytes);
      if (bytesRead !== want) throw new LabError(`${this.layout.file}: the file ends inside its n-gram rows; it changed since it was imported.`, 'invalid');
      i = j;
    }
    const at = new Map(unique.map((b, k) => [b, k]));
    const vectors = new Float32Array(words.length * dim);
    const ngrams = new Uint32Array(words.length);
    lists.forEach((buckets, w) => {
      const k = (b: number): Float32Array => rows.subarray(at.get(b)! * dim, (at.get(b)! + 1) * dim);
      meanOfSubwords(buckets, k, vectors.subarray(w * dim, (w + 1) * dim));
      ngrams[w] = buckets.length;
    });
    return { vectors, ngrams };
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
