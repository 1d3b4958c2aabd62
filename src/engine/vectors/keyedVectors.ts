/**
 * Trained vectors as a query-able artifact, whatever trained them (gensim's
 * KeyedVectors): unit-normalised rows, word look-up through the lab's tokenizer,
 * and gensim's case-insensitive restricted vocabulary.
 */
import type { TrainedVectors } from './trainedVectors.js';
import { normalizeWord } from '../text/tokenizer.js';

export class KeyedVectors {
  readonly dim: number;
  /** Rows scaled to unit length (float32, as gensim's normalised vectors); zero rows stay zero. */
  readonly unit: Float32Array;
  /** Each row's length before it was scaled: raw row i = unit row i × norms[i]. */
  readonly norms: Float32Array;
  private readonly exact = new Map<string, number>();

  constructor(readonly words: string[], raw: Float32Array, dim: number) {
    this.dim = dim;
    this.unit = new Float32Array(raw.length);
    this.norms = new Float32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const o = i * dim;
      let s = 0;
      for (let t = 0; t < dim; t++) s += raw[o + t] * raw[o + t];
      this.norms[i] = Math.sqrt(s);
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let t = 0; t < dim; t++) this.unit[o + t] = raw[o + t] * inv;
      if (!this.exact.has(words[i])) this.exact.set(words[i], i);
    }
  }

  static from(v: TrainedVectors): KeyedVectors {
    return new KeyedVectors(v.words, v.W, v.dim);
  }

  get size(): number {
    return this.words.length;
  }

  /** Index of a word as the user typed it: exact match first, then the tokenizer's normal form. */
  indexOf(word: string): number | undefined {
    const hit = this.exact.get(word);
    if (hit !== undefined) return hit;
    const normal = normalizeWord(word);
    return normal === null ? undefined : this.exact.get(normal);
  }

  /**
   * gensim's ok_vocab: the first `restrict` words, keyed case-insensitively; where two
   * words fold to the same key, the more frequent (lower index) wins.
   */
  restrictedVocab(restrict: number): Map<string, number> {
    const n = Math.min(restrict, this.size);
    const map = new Map<string, number>();
    for (let i = n - 1; i >= 0; i--) map.set(foldKey(this.words[i]), i);
    return map;
  }

  cosine(i: number, j: number): number {
    let s = 0;
    const a = i * this.dim;
    const b = j * this.dim;
    for (let t = 0; t < this.dim; t++) s += this.unit[a + t] * this.unit[b + t];
    return s;
  }

  /** Copies rows into one matrix (queries for dotRows). */
  gather(indices: ArrayLike<number>): Float32Array {
    const out = new Float32Array(indices.length * this.dim);
    for (let k = 0; k < indices.length; k++) out.set(this.unit.subarray(indices[k] * this.dim, (indices[k] + 1) * this.dim), k * this.dim);
    return out;
  }
}

/** How dataset words meet vocabulary words: the tokenizer's normal form, lowercased (gensim upper-cases; same effect). */
export function foldKey(word: string): string {
  return (normalizeWord(word) ?? word).toLowerCase();
}
