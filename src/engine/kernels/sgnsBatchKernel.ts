/**
 * Minibatch skip-gram with negative sampling, the form a GPU runs well: a batch of B
 * pairs, each with one positive and K negative output rows, is scored against W and C
 * as they were at the start of the batch, and every row's updates from the batch are
 * summed and applied once. Only the rows a batch touches move: the batch carries each
 * side's distinct rows and, for every pair, which of them it uses, so a backend gathers
 * and writes back those rows and never forms a dense V × d gradient (tf.gather's
 * gradient would).
 *
 * Per pair b and output g (g = 0 the positive), with s = W[in_b]·C[out_bg]:
 *   coef_bg = lr · mask_bg · ([g = 0] − σ(s))
 *   ΔW[in_b] += Σ_g coef_bg C[out_bg],   ΔC[out_bg] += coef_bg W[in_b]
 *   loss     = Σ mask_bg · softplus(g = 0 ? −s : s)
 * W and C have one scratch row at index V: padding (a short last batch, a negative
 * equal to its positive) points there with mask 0, so every batch has the same shapes,
 * and the lists of distinct rows are padded with it to a multiple of ROW_BUCKET, so a
 * GPU compiles its programs for a few sizes only.
 *
 * This file is the JavaScript reference (the semantics); kernels/tfjsSgnsBatch.ts runs
 * the same batch on TensorFlow.js.
 */
import type { Probe } from './tfjs.js';

export const SGNS_BATCH_BACKENDS = ['tfjs-node', 'webgpu', 'wasm', 'cpu', 'js'] as const;
export type SgnsBatchBackendId = (typeof SGNS_BATCH_BACKENDS)[number];

export interface SgnsBatch {
  /** Pairs (B) and outputs per pair (G = 1 + negatives). */
  size: number;
  group: number;
  /** Row of W for each pair (B), and rows of C for each pair's outputs (B × G, the positive first). */
  inputs: Int32Array;
  outputs: Int32Array;
  /** 1 for a real output, 0 for padding (B × G). */
  mask: Float32Array;
  /** The distinct rows of `inputs` in uniqIn[0, uniqInCount), padded with the scratch row; segIn[b]: inputs[b]'s place there. */
  uniqIn: Int32Array;
  uniqInCount: number;
  segIn: Int32Array;
  /** The same for `outputs`. */
  uniqOut: Int32Array;
  uniqOutCount: number;
  segOut: Int32Array;
}

export interface SgnsBatchTrainer {
  readonly id: SgnsBatchBackendId;
  /** What runs it, for people ("WebGPU: NVIDIA …", "JavaScript reference"). */
  readonly device: string;
  /** Takes W and C ((V + 1) × d each, row-major, the last row scratch) and the batch shape. */
  load(W: Float32Array, C: Float32Array, V: number, d: number, size: number, group: number): Promise<void>;
  /** Applies one batch at learning rate lr; returns the batch's summed loss when asked (a read-back, so a sync point), else null. */
  step(batch: SgnsBatch, lr: number, wantLoss: boolean): Promise<number | null>;
  /** W and C as they are now (V rows each: the scratch row left out). */
  read(): Promise<{ W: Float32Array; C: Float32Array }>;
  dispose(): Promise<void>;
}

export interface SgnsBatchProvider {
  id: SgnsBatchBackendId;
  probe(): Promise<Probe>;
  create(): Promise<SgnsBatchTrainer>;
}

export const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** Distinct-row lists are padded to a multiple of this (at most to the list's full length). */
export const ROW_BUCKET = 512;

/**
 * Fills uniq and seg from rows and returns the padded count: the distinct rows, then
 * the scratch row up to a multiple of ROW_BUCKET. `stamp` and `place` (length > scratch)
 * are work space the caller keeps; `mark` must differ from every earlier call's.
 */
export function distinctRows(rows: Int32Array, uniq: Int32Array, seg: Int32Array, stamp: Int32Array, place: Int32Array, scratch: number, mark: number): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (stamp[r] !== mark) {
      stamp[r] = mark;
      place[r] = n;
      uniq[n++] = r;
    }
    seg[i] = place[r];
  }
  const padded = Math.min(uniq.length, Math.ceil(n / ROW_BUCKET) * ROW_BUCKET);
  uniq.fill(scratch, n, padded);
  return padded;
}

class JsSgnsBatch implements SgnsBatchTrainer {
  readonly id = 'js' as const;
  readonly device = 'JavaScript reference';
  private W!: Float32Array;
  private C!: Float32Array;
  private V = 0;
  private d = 0;
  private dW = new Float32Array(0);
  private dC = new Float32Array(0);

  async load(W: Float32Array, C: Float32Array, V: number, d: number, size: number, group: number): Promise<void> {
    this.W = Float32Array.from(W);
    this.C = Float32Array.from(C);
    this.V = V;
    this.d = d;
    this.dW = new Float32Array(size * d);
    this.dC = new Float32Array(size * group * d);
  }

  async step(b: SgnsBatch, lr: number, wantLoss: boolean): Promise<number | null> {
    const { W, C, d, dW, dC } = this;
    const G = b.group;
    let loss = 0;
    dW.fill(0);
    for (let p = 0; p < b.size; p++) {
      const wi = b.inputs[p] * d;
      for (let g = 0; g < G; g++) {
        const k = p * G + g;
        const m = b.mask[k];
        const ci = b.outputs[k] * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += W[wi + j] * C[ci + j];
        const sig = 1 / (1 + Math.exp(-s));
        const coef = lr * m * ((g === 0 ? 1 : 0) - sig);
        if (wantLoss && m !== 0) loss += m * softplus(g === 0 ? -s : s);
        for (let j = 0; j < d; j++) {
          dW[p * d + j] += coef * C[ci + j];
          dC[k * d + j] = coef * W[wi + j];
        }
      }
    }
    // Applied after the whole batch is scored: every pair saw W and C as they were at its start.
    for (let p = 0; p < b.size; p++) {
      const wi = b.inputs[p] * d;
      for (let j = 0; j < d; j++) W[wi + j] += dW[p * d + j];
    }
    for (let k = 0; k < b.size * G; k++) {
      const ci = b.outputs[k] * d;
      for (let j = 0; j < d; j++) C[ci + j] += dC[k * d + j];
    }
    return wantLoss ? loss : null;
  }

  async read(): Promise<{ W: Float32Array; C: Float32Array }> {
    const n = this.V * this.d;
    return { W: this.W.slice(0, n), C: this.C.slice(0, n) };
  }

  async dispose(): Promise<void> {}
}

export const jsSgnsBatch: SgnsBatchProvider = {
  id: 'js',
  probe: async () => ({ ok: true, device: 'JavaScript reference', gpu: false }),
  create: async () => new JsSgnsBatch(),
};
