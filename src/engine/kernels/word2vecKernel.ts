/**
 * The word2vec training kernel behind one signature: native (native/word2vec.c) and
 * this JavaScript reference (the semantics, and the fallback where the native build is
 * missing); registry.ts chooses. Both follow word2vec.c; their
 * random streams differ, so runs agree in distribution, not bit for bit. Each is
 * deterministic for a given seed on one thread.
 */
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';

/**
 * Everything one call of the kernel takes, in one object of flat typed arrays and
 * numbers (native/binding.c reads it by these names). The orchestrator builds it once
 * per thread, as gensim's init_w2v_config does; the thread only moves the call's range
 * (sentFrom, sentTo, wordsBefore) from call to call.
 */
export interface Word2vecArgs {
  /** The model, shared by every thread (Hogwild): V × dim each. */
  W: Float32Array;
  C: Float32Array;
  dim: number;
  /** Walker alias table of the unigram^0.75 distribution: keep i with probability aliasProb[i], else take aliasIdx[i]. */
  aliasProb: Float32Array;
  aliasIdx: Uint32Array;
  /** word2vec.c's keep probability per word (1 = always kept). */
  keep: Float32Array;
  /**
   * The stream: 32-bit or 16-bit ids, or LEB128 varints in a Uint8Array (base/varint.ts; what training
   * holds, about 1.5 bytes a token), in which case sentStarts are byte offsets.
   */
  ids: Uint32Array | Uint16Array | Uint8Array;
  /** Sentence s spans ids[sentStarts[s] .. sentStarts[s + 1]). */
  sentStarts: Uint32Array;
  /** The sentences of this call: [sentFrom, sentTo). */
  sentFrom: number;
  sentTo: number;
  window: number;
  negative: number;
  alpha0: number;
  minRatio: number;
  /** Words read so far by all threads, and in the whole training (for the learning-rate decay). */
  wordsBefore: number;
  totalWords: number;
  /** The thread's random state (updated in place). */
  rng: BigUint64Array;
  cbow: boolean;
  /**
   * Skip-gram: draw the negatives once per centre word, shared by its whole window (pWord2Vec, Ji et al.
   * 2016), instead of once per (context, centre) pair as word2vec.c does.
   */
  shareNegatives: boolean;
  /** Filled with [words read, sampled loss sum, sampled loss terms]. */
  out: Float64Array;
}

export type Word2vecKernel = { name: Backend; train(a: Word2vecArgs): void };

const EXP_TABLE_SIZE = 1000;
const MAX_EXP = 6;
const expTable = new Float32Array(EXP_TABLE_SIZE);
for (let i = 0; i < EXP_TABLE_SIZE; i++) {
  const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
  expTable[i] = e / (e + 1);
}

/**
 * The table's index scale: word2vec.c (and gensim, and native/word2vec.c) compute EXP_TABLE_SIZE / MAX_EXP / 2
 * in integers, 83 rather than 83.3, so the top of the table is never read; the reference does the same.
 */
const EXP_SCALE = Math.floor(EXP_TABLE_SIZE / MAX_EXP / 2);

function gradient(f: number, label: number, alpha: number): number {
  if (f > MAX_EXP) return (label - 1) * alpha;
  if (f < -MAX_EXP) return label * alpha;
  return (label - expTable[Math.floor((f + MAX_EXP) * EXP_SCALE)]) * alpha;
}

function pairLoss(f: number, label: number): number {
  const x = label ? f : -f;
  return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
}

/** xorshift64* on a BigUint64Array cell, drawn 32 bits at a time through two 32-bit halves for speed. */
class KernelRng {
  private hi: number;
  private lo: number;
  constructor(private readonly cell: BigUint64Array) {
    const s = cell[0] || 0x9e3779b97f4a7c15n;
    this.hi = Number(s >> 32n) >>> 0 || 1;
    this.lo = Number(s & 0xffffffffn) >>> 0 || 1;
  }
  /** xorshift64 (Marsaglia) on the two halves; returns 32 random bits. */
  next(): number {
    let hi = this.hi;
    let lo = this.lo;
    // x ^= x << 13
    hi ^= (hi << 13) | (lo >>> 19);
    lo ^= lo << 13;
    // x ^= x >> 7
    lo ^= (lo >>> 7) | (hi << 25);
    hi ^= hi >>> 7;
    // x ^= x << 17
    hi ^= (hi << 17) | (lo >>> 15);
    lo ^= lo << 17;
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
    return (this.hi ^ Math.imul(this.lo, 0x9e3779b9)) >>> 0;
  }
  save(): void {
    this.cell[0] = (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

/** A thread's random state from its seed (never 0, which xorshift cannot leave). */
export function kernelRngState(seed: number): BigUint64Array {
  return BigUint64Array.of((BigInt(seed) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n) & 0xffffffffffffffffn || 1n);
}

function sampleNegative(prob: Float32Array, alias: Uint32Array, r1: number, r2: number): number {
  const i = r1 % prob.length;
  return (r2 & 0xffffff) / 16777216 < prob[i] ? i : alias[i];
}

/**
 * Walker's alias table for sampling word i with probability ∝ counts[i]^power
 * (Vose's construction): O(1) per draw, exact up to float32 rounding.
 */
export function aliasTable(counts: Uint32Array, power = 0.75): { prob: Float32Array; alias: Uint32Array } {
  const n = counts.length;
  const weights = Float64Array.from(counts, (c) => Math.pow(c, power));
  const total = weights.reduce((a, b) => a + b, 0);
  const scaled = weights.map((w) => (w * n) / total);
  const prob = new Float32Array(n);
  const alias = new Uint32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((x, i) => (x < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...large, ...small]) {
    prob[i] = 1;
    alias[i] = i;
  }
  return { prob, alias };
}

/** This thread's work space, kept from call to call (fastText's Model::State): grown when a call needs more. */
const scratch = {
  neu1: new Float32Array(0), neu1e: new Float32Array(0), sen: new Uint32Array(1024),
  // Shared negatives: the window's inputs and outputs, their gradients, the inputs' updates.
  ins: new Uint32Array(0), outs: new Uint32Array(0), grad: new Float32Array(0), dIn: new Float32Array(0),
};

/** The negative-sampling step's tables and running loss during one call. */
interface Negatives {
  C: Float32Array;
  dim: number;
  negative: number;
  prob: Float32Array;
  alias: Uint32Array;
  rng: KernelRng;
  loss: number;
  terms: number;
}

/**
 * word2vec.c's negative-sampling step, shared by SGNS and CBOW: the input vector
 * h = H[ho, ho + dim) (a context word's row of W for SGNS, the mean of the context for
 * CBOW) against the word (label 1) and `negative` noise words (label 0, a draw equal to
 * the word is skipped). Each output row of C moves by g·h; g times the row, the gradient
 * for h, accumulates into acc, which the caller applies to W.
 */
function negativeSampling(ns: Negatives, H: Float32Array, ho: number, acc: Float32Array, word: number, alpha: number, sampled: boolean): void {
  const { C, dim } = ns;
  for (let d = 0; d <= ns.negative; d++) {
    let target = word;
    let label = 1;
    if (d > 0) {
      target = sampleNegative(ns.prob, ns.alias, ns.rng.next(), ns.rng.next());
      if (target === word) continue;
      label = 0;
    }
    const o = target * dim;
    let f = 0;
    for (let t = 0; t < dim; t++) f += H[ho + t] * C[o + t];
    if (sampled) {
      ns.loss += pairLoss(f, label);
      ns.terms++;
    }
    const g = gradient(f, label, alpha);
    for (let t = 0; t < dim; t++) acc[t] += g * C[o + t];
    for (let t = 0; t < dim; t++) C[o + t] += g * H[ho + t];
  }
}

/**
 * pWord2Vec's skip-gram step (Ji et al. 2016): the centre word and `negative` noise words (drawn once for
 * the window; a draw equal to the centre is skipped) are the outputs, the window's context words
 * ins[0 .. nIn) the inputs; gradients G (inputs × outputs) move each input row by G·O and each output row
 * by Gᵀ·I, both from the rows as they were before the step (native/word2vec.c's shared_window).
 */
function sharedWindow(ns: Negatives, W: Float32Array, nIn: number, word: number, alpha: number, sampled: boolean): void {
  const { C, dim } = ns;
  const { ins, outs, grad: G, dIn } = scratch;
  let nOut = 0;
  outs[nOut++] = word;
  for (let k = 0; k < ns.negative; k++) {
    const t = sampleNegative(ns.prob, ns.alias, ns.rng.next(), ns.rng.next());
    if (t !== word) outs[nOut++] = t;
  }
  for (let i = 0; i < nIn; i++) {
    const x = ins[i] * dim;
    const acc = i * dim;
    dIn.fill(0, acc, acc + dim);
    for (let j = 0; j < nOut; j++) {
      const o = outs[j] * dim;
      let f = 0;
      for (let t = 0; t < dim; t++) f += W[x + t] * C[o + t];
      if (sampled) {
        ns.loss += pairLoss(f, j === 0 ? 1 : 0);
        ns.terms++;
      }
      const g = gradient(f, j === 0 ? 1 : 0, alpha);
      G[i * nOut + j] = g;
      for (let t = 0; t < dim; t++) dIn[acc + t] += g * C[o + t];
    }
  }
  for (let j = 0; j < nOut; j++) {
    const o = outs[j] * dim;
    for (let i = 0; i < nIn; i++) {
      const g = G[i * nOut + j];
      const x = ins[i] * dim;
      for (let t = 0; t < dim; t++) C[o + t] += g * W[x + t];
    }
  }
  for (let i = 0; i < nIn; i++) {
    const x = ins[i] * dim;
    for (let t = 0; t < dim; t++) W[x + t] += dIn[i * dim + t];
  }
}

/** Skip-gram at one position: each context word in [lo, hi] but pos against the centre word, negatives per pair or shared. */
function skipGram(a: Word2vecArgs, ns: Negatives, sen: Uint32Array, pos: number, lo: number, hi: number, alpha: number, sampled: boolean): void {
  const { W, dim } = a;
  if (a.shareNegatives) {
    let nIn = 0;
    for (let c = lo; c <= hi; c++) if (c !== pos) scratch.ins[nIn++] = sen[c];
    if (nIn > 0) sharedWindow(ns, W, nIn, sen[pos], alpha, sampled);
    return;
  }
  const { neu1e } = scratch;
  for (let c = lo; c <= hi; c++) {
    if (c === pos) continue;
    const o = sen[c] * dim;
    neu1e.fill(0);
    negativeSampling(ns, W, o, neu1e, sen[pos], alpha, sampled);
    for (let t = 0; t < dim; t++) W[o + t] += neu1e[t];
  }
}

function reserveScratch(a: Word2vecArgs): void {
  const { dim, window, negative } = a;
  if (scratch.neu1.length !== dim) {
    scratch.neu1 = new Float32Array(dim);
    scratch.neu1e = new Float32Array(dim);
  }
  if (scratch.ins.length < 2 * window) scratch.ins = new Uint32Array(2 * window);
  if (scratch.outs.length < negative + 1) scratch.outs = new Uint32Array(negative + 1);
  if (scratch.grad.length < 2 * window * (negative + 1)) scratch.grad = new Float32Array(2 * window * (negative + 1));
  if (scratch.dIn.length < 2 * window * dim) scratch.dIn = new Float32Array(2 * window * dim);
}

function trainJs(a: Word2vecArgs): void {
  const { W, dim, keep, ids, sentStarts, window } = a;
  const varints = ids instanceof Uint8Array;
  const rng = new KernelRng(a.rng);
  reserveScratch(a);
  const { neu1, neu1e } = scratch;
  const ns: Negatives = { C: a.C, dim, negative: a.negative, prob: a.aliasProb, alias: a.aliasIdx, rng, loss: 0, terms: 0 };
  let sen = scratch.sen;
  let words = 0;
  for (let s = a.sentFrom; s < a.sentTo; s++) {
    const b0 = sentStarts[s];
    const b1 = sentStarts[s + 1];
    if (b1 - b0 > sen.length) sen = scratch.sen = new Uint32Array(b1 - b0);
    let n = 0;
    let read = 0;
    for (let p = b0; p < b1; read++) {
      let w = ids[p++];
      if (varints && w >= 0x80) {
        // A varint's later bytes; a truncated one ends at the sentence's end.
        w &= 0x7f;
        for (let shift = 7; p < b1; shift += 7) {
          const byte = ids[p++];
          w += (byte & 0x7f) * 2 ** shift;
          if (byte < 0x80) break;
        }
      }
      if (w >= keep.length) continue; // outside the vocabulary: a corrupt stream, not trained on
      if (keep[w] < 1 && keep[w] < (rng.next() & 0xffff) / 65536) continue;
      sen[n++] = w;
    }
    const ratio = Math.max(a.minRatio, 1 - (a.wordsBefore + words) / (a.totalWords + 1));
    const alpha = a.alpha0 * ratio;
    words += read;
    for (let pos = 0; pos < n; pos++) {
      const word = sen[pos];
      // The window shrinks by b, drawn uniformly in 0..window-1: context positions lo..hi, pos excluded.
      const b = rng.next() % window;
      const lo = Math.max(0, pos - window + b);
      const hi = Math.min(n - 1, pos + window - b);
      const sampled = (pos & 7) === 0;
      if (a.cbow) {
        let cw = 0;
        neu1.fill(0);
        neu1e.fill(0);
        for (let c = lo; c <= hi; c++) {
          if (c === pos) continue;
          const o = sen[c] * dim;
          for (let t = 0; t < dim; t++) neu1[t] += W[o + t];
          cw++;
        }
        if (!cw) continue;
        for (let t = 0; t < dim; t++) neu1[t] /= cw;
        negativeSampling(ns, neu1, 0, neu1e, word, alpha, sampled);
        for (let c = lo; c <= hi; c++) {
          if (c === pos) continue;
          const o = sen[c] * dim;
          for (let t = 0; t < dim; t++) W[o + t] += neu1e[t];
        }
      } else skipGram(a, ns, sen, pos, lo, hi, alpha, sampled);
    }
  }
  rng.save();
  a.out[0] = words;
  a.out[1] = ns.loss;
  a.out[2] = ns.terms;
}

export const jsWord2vec: Word2vecKernel = { name: 'js', train: trainJs };

/** The native kernel, or null where it was not built. */
export function nativeWord2vec(): Word2vecKernel | null {
  const f = nativeFunctions<{ word2vecTrain: (a: Word2vecArgs) => void }>(['word2vecTrain'])?.word2vecTrain;
  return f ? { name: 'native', train: f } : null;
}
