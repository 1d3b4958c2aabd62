/**
 * The RAND-WALK emission sampler and the discourse walk, shared by the
 * generating threads and the in-thread path.
 *
 * Emission: Pr[w | c] = exp(⟨c, v_w⟩) / Z_c. The logits of a batch of discourse
 * steps come from one matrix product (linalgKernels().dotRows); what is left per
 * step is O(n) and must avoid n calls to Math.exp (about 15 ns each in V8, which
 * would dominate). So each step builds a cumulative table of an upper envelope
 * of the weights instead: ℓ is rounded up to the next multiple of 1/K
 * (K = BINS_PER_UNIT) and exp of that is read from a table. A word drawn from the
 * envelope (binary search) is kept with probability exp(ℓ_w − ⌈ℓ_w⌉_K) ≥ e^(−1/K);
 * otherwise the draw is repeated. That is exact rejection sampling: the tokens
 * follow softmax(ℓ) exactly (for the float32 logits), at one Math.exp per draw.
 */
import { Rng } from '../base/random.js';

/** Envelope resolution: logits are rounded up to multiples of 1/64 (acceptance ≥ e^(−1/64) ≈ 0.984). */
export const BINS_PER_UNIT = 64;

export class SoftmaxSampler {
  /** Cumulative envelope weights of the current step. */
  readonly cum: Float64Array;
  private readonly table: Float64Array;
  private readonly off: number;
  private logits: Float32Array = new Float32Array(0);
  private base = 0;
  private total = 0;
  /** Draws proposed and rejected so far (for the acceptance rate). */
  proposed = 0;
  rejected = 0;

  /** n words whose logits all lie in [−maxAbsLogit, maxAbsLogit]. */
  constructor(readonly n: number, maxAbsLogit: number) {
    const K = BINS_PER_UNIT;
    const bound = Math.ceil(maxAbsLogit) + 2;
    this.off = bound * K;
    this.cum = new Float64Array(n);
    this.table = new Float64Array(2 * bound * K + 2);
    // table[j] = exp((j − off)/K − bound): every value stays within float64's range.
    for (let j = 0; j < this.table.length; j++) this.table[j] = Math.exp((j - this.off) / K - bound);
  }

  /** Builds the envelope for the logits logits[base .. base + n). */
  prepare(logits: Float32Array, base: number): void {
    const { n, cum, table, off } = this;
    const K = BINS_PER_UNIT;
    let z = 0;
    for (let i = 0; i < n; i++) {
      // x ≥ 0 for any logit within the bound, so |0 is floor; j + 1 is an upper bin.
      z += table[((logits[base + i] * K + off) | 0) + 1];
      cum[i] = z;
    }
    this.logits = logits;
    this.base = base;
    this.total = z;
  }

  /** One exact draw from softmax of the prepared logits. */
  draw(rng: Rng): number {
    const { cum, n, off } = this;
    const K = BINS_PER_UNIT;
    for (;;) {
      this.proposed++;
      const u = rng.next() * this.total;
      // The first i with cum[i] > u.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      const l = this.logits[this.base + lo];
      const upper = (((l * K + off) | 0) + 1 - off) / K;
      if (rng.next() < Math.exp(l - upper)) return lo;
      this.rejected++;
    }
  }
}

/** Standard normals by Box–Muller, using both values of each pair. */
export class Normals {
  private spare = 0;
  private hasSpare = false;
  constructor(private readonly rng: Rng) {}

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = this.rng.next();
    while (u === 0) u = this.rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * this.rng.next();
    this.spare = r * Math.sin(t);
    this.hasSpare = true;
    return r * Math.cos(t);
  }
}

/** A uniformly random point of the unit sphere (the walk's stationary law). */
export function randomUnit(normals: Normals, c: Float64Array): void {
  let s = 0;
  for (let t = 0; t < c.length; t++) {
    c[t] = normals.next();
    s += c[t] * c[t];
  }
  const inv = 1 / Math.sqrt(s);
  for (let t = 0; t < c.length; t++) c[t] *= inv;
}

/** One step of the walk: c ← normalise(c + δ·g/√d) with g ~ N(0, I_d). The uniform law on the sphere is stationary. */
export function walkStep(normals: Normals, c: Float64Array, drift: number): void {
  const d = c.length;
  const scale = drift / Math.sqrt(d);
  let s = 0;
  for (let t = 0; t < d; t++) {
    c[t] += scale * normals.next();
    s += c[t] * c[t];
  }
  const inv = 1 / Math.sqrt(s);
  for (let t = 0; t < d; t++) c[t] *= inv;
}

/** The seed of document (chunk) k: documents are generated independently, so the output does not depend on the thread count. */
export function chunkSeed(seed: number, k: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x2c1b3c6d) >>> 0;
  return (z ^ (z >>> 12)) >>> 0;
}

/** The walk's constants, the same for every document. */
export interface WalkConstants {
  n: number;
  d: number;
  drift: number;
  tokensPerStep: number;
  maxAbsLogit: number;
  seed: number;
}

export interface ChunkTask extends WalkConstants {
  /** True vectors, n × d row-major. */
  V: Float32Array;
}

/** Discourse steps per matrix product. */
const STEP_BATCH = 16;

export type DotRows = (W: Float32Array, dim: number, from: number, to: number, Q: Float32Array, nq: number, out: Float32Array) => void;

/** Scratch for one generating thread. */
export class ChunkGenerator {
  private readonly sampler: SoftmaxSampler;
  private readonly C: Float32Array;
  private readonly logits: Float32Array;
  private readonly c: Float64Array;
  private normals: Normals | null = null;
  private drawRng: Rng | null = null;

  constructor(private readonly task: ChunkTask, private readonly dotRows: DotRows) {
    this.sampler = new SoftmaxSampler(task.n, task.maxAbsLogit);
    this.C = new Float32Array(STEP_BATCH * task.d);
    this.logits = new Float32Array(STEP_BATCH * task.n);
    this.c = new Float64Array(task.d);
  }

  /** Draws proposed and rejected so far. */
  get proposed(): number {
    return this.sampler.proposed;
  }

  get rejected(): number {
    return this.sampler.rejected;
  }

  /** Starts document k: its walk begins at the stationary law. The walk and the draws have their own streams, so batching never changes the output. */
  start(k: number): void {
    this.normals = new Normals(new Rng(chunkSeed(this.task.seed, 2 * k)));
    this.drawRng = new Rng(chunkSeed(this.task.seed, 2 * k + 1));
    randomUnit(this.normals, this.c);
  }

  /**
   * Emits the document's next tokens into out[from, to), tokensPerStep per
   * discourse step; a later call continues with a new step, so slices must end
   * on step boundaries (except the document's last). Calls onTokens(count) after each batch.
   */
  emit(out: Uint32Array, from: number, to: number, onTokens?: (count: number) => void): void {
    const { n, d, drift, tokensPerStep } = this.task;
    const { C, logits, c, sampler, normals, drawRng } = this;
    if (!normals || !drawRng) throw new Error('ChunkGenerator.emit before start.');
    let at = from;
    while (at < to) {
      const steps = Math.min(STEP_BATCH, Math.ceil((to - at) / tokensPerStep));
      for (let s = 0; s < steps; s++) {
        for (let t = 0; t < d; t++) C[s * d + t] = c[t];
        walkStep(normals, c, drift);
      }
      // logits[s·n + i] = ⟨c_s, v_i⟩
      this.dotRows(C, d, 0, steps, this.task.V, n, logits);
      const before = at;
      for (let s = 0; s < steps && at < to; s++) {
        sampler.prepare(logits, s * n);
        const end = Math.min(to, at + tokensPerStep);
        while (at < end) out[at++] = sampler.draw(drawRng);
      }
      onTokens?.(at - before);
    }
  }
}
