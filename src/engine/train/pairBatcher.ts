/**
 * Skip-gram pairs, cut into fixed-size minibatches for kernels/sgnsBatchKernel.ts, with
 * word2vec.c's sampling: each sentence subsampled with the keep probabilities, each
 * position's window drawn uniformly in 1..L, the context word as the input row and the
 * centre word as the positive output, K negatives from unigram^0.75 (a negative equal
 * to the positive is skipped, as word2vec.c does: masked here).
 */
import { Rng } from '../base/random.js';
import { distinctRows, type SgnsBatch } from '../kernels/sgnsBatchKernel.js';

export interface PairSource {
  ids: Uint32Array | Uint16Array;
  /** Sentence starts with an end sentinel (word2vecTraining's sentenceStarts). */
  starts: Uint32Array;
  keep: Float32Array;
  negatives: { prob: Float32Array; alias: Uint32Array };
  V: number;
  window: number;
  negative: number;
}

export class PairBatcher {
  readonly batch: SgnsBatch;
  private readonly rng: Rng;
  private readonly sen = new Uint32Array(1024);
  private pendIn = new Int32Array(1 << 14);
  private pendOut = new Int32Array(1 << 14);
  private pending = 0;
  private cursor = 0;
  private sentence = 0;
  private readonly stamp: Int32Array;
  private readonly place: Int32Array;
  private mark = 0;
  /** Corpus words whose pairs have been generated so far this epoch (subsampled ones included, as word2vec counts). */
  wordsRead = 0;

  constructor(private readonly src: PairSource, size: number, seed: number) {
    const G = 1 + src.negative;
    this.rng = new Rng(seed);
    this.batch = {
      size, group: G, inputs: new Int32Array(size), outputs: new Int32Array(size * G), mask: new Float32Array(size * G),
      uniqIn: new Int32Array(size), uniqInCount: 0, segIn: new Int32Array(size), uniqOut: new Int32Array(size * G), uniqOutCount: 0, segOut: new Int32Array(size * G),
    };
    this.stamp = new Int32Array(src.V + 1).fill(-1);
    this.place = new Int32Array(src.V + 1);
  }

  /** Starts the corpus again (a new epoch). */
  rewind(): void {
    this.sentence = 0;
    this.pending = this.cursor = 0;
    this.wordsRead = 0;
  }

  /** Fills the next batch; false when the epoch has no pairs left. A short last batch is padded (mask 0, the scratch row). */
  next(): boolean {
    const { batch: b, src, rng } = this;
    const G = b.group;
    const scratch = src.V;
    let n = 0;
    while (n < b.size) {
      if (this.cursor === this.pending && !this.refill()) break;
      const take = Math.min(b.size - n, this.pending - this.cursor);
      for (let t = 0; t < take; t++, n++) {
        const pos = this.pendOut[this.cursor + t];
        b.inputs[n] = this.pendIn[this.cursor + t];
        b.outputs[n * G] = pos;
        b.mask[n * G] = 1;
        for (let g = 1; g < G; g++) {
          const r = rng.nextU32() % scratch;
          const neg = rng.next() < src.negatives.prob[r] ? r : src.negatives.alias[r];
          b.outputs[n * G + g] = neg;
          b.mask[n * G + g] = neg === pos ? 0 : 1;
        }
      }
      this.cursor += take;
    }
    if (n === 0) return false;
    for (; n < b.size; n++) {
      b.inputs[n] = scratch;
      for (let g = 0; g < G; g++) {
        b.outputs[n * G + g] = scratch;
        b.mask[n * G + g] = 0;
      }
    }
    b.uniqInCount = distinctRows(b.inputs, b.uniqIn, b.segIn, this.stamp, this.place, scratch, ++this.mark);
    b.uniqOutCount = distinctRows(b.outputs, b.uniqOut, b.segOut, this.stamp, this.place, scratch, ++this.mark);
    return true;
  }

  /** Generates the pairs of the next sentence that has any; false at the end of the corpus. */
  private refill(): boolean {
    const { src, rng, sen } = this;
    this.pending = this.cursor = 0;
    while (this.pending === 0) {
      if (this.sentence >= src.starts.length - 1) return false;
      const from = src.starts[this.sentence];
      const to = src.starts[++this.sentence];
      this.wordsRead += to - from;
      let len = 0;
      for (let p = from; p < to; p++) {
        const w = src.ids[p];
        if (src.keep[w] >= 1 || rng.next() < src.keep[w]) sen[len++] = w;
      }
      const most = len * 2 * src.window;
      if (most > this.pendIn.length) {
        this.pendIn = new Int32Array(most);
        this.pendOut = new Int32Array(most);
      }
      for (let i = 0; i < len; i++) {
        const reach = 1 + (rng.nextU32() % src.window);
        for (let c = Math.max(0, i - reach); c <= Math.min(len - 1, i + reach); c++) {
          if (c === i) continue;
          this.pendIn[this.pending] = sen[c];
          this.pendOut[this.pending++] = sen[i];
        }
      }
    }
    return true;
  }
}
