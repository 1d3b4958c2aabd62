/**
 * The SN objective of RAND-WALK (Arora et al. 2016, seed 000):
 *   min Σ_{w,w'} f(X_ww') (log X_ww' − ‖v_w + v_w'‖² − C)²
 * with tied vectors (one vector per word), one global C and GloVe's weighting
 * f(x) = min(1, (x/x_max)^α), trained by AdaGrad over the non-zero co-occurrences.
 *
 * The sum runs over the full symmetric matrix; the counter stores its upper
 * triangle with U_ii = X_ii/2, so a diagonal entry enters with X_ii = 2·U_ii and
 * half the weight of an off-diagonal entry (which stands for (w,w') and (w',w)).
 * Under the model log X_ww' ≈ ‖v_w + v_w'‖²/2d + const, so the learned vectors
 * approximate v/√(2d) up to rotation.
 *
 * Plain JavaScript, one thread: about 0.6 µs per pair and epoch at d = 50 (the
 * run's pairsPerSecond metric has it), mostly AdaGrad's square root and division
 * per coordinate: 2M pairs (n = 2000, T = 5M, window 5) × 25 epochs take ~30 s.
 */
import { countInput } from './countInput.js';
import { windowOptions, defineMethod } from './spec.js';
import type { Checkpoint } from '../store/checkpoints.js';
import { Rng } from '../base/random.js';
import { Cancelled, Diverged } from '../base/errors.js';

export interface SnPairs {
  rows: Uint32Array;
  cols: Uint32Array;
  logX: Float32Array;
  /** f(X) times ½ on the diagonal. */
  weight: Float32Array;
}

/** The non-zero entries of the upper triangle as training pairs. */
export function snPairs(upper: { vocab: number; rowPtr: Float64Array; cols: Uint32Array; vals: Float32Array }, xMax: number, alpha: number): SnPairs {
  const nnz = upper.cols.length;
  const rows = new Uint32Array(nnz);
  const cols = new Uint32Array(nnz);
  const logX = new Float32Array(nnz);
  const weight = new Float32Array(nnz);
  let n = 0;
  for (let i = 0; i < upper.vocab; i++) {
    for (let k = upper.rowPtr[i]; k < upper.rowPtr[i + 1]; k++) {
      const j = upper.cols[k];
      const x = j === i ? 2 * upper.vals[k] : upper.vals[k];
      if (!(x > 0)) continue;
      rows[n] = i;
      cols[n] = j;
      logX[n] = Math.log(x);
      weight[n] = (x < xMax ? Math.pow(x / xMax, alpha) : 1) * (j === i ? 0.5 : 1);
      n++;
    }
  }
  return { rows: rows.subarray(0, n), cols: cols.subarray(0, n), logX: logX.subarray(0, n), weight: weight.subarray(0, n) };
}

export interface SnState {
  V: Float32Array;
  C: number;
}

export interface SnTrainOptions {
  dim: number;
  iterations: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignal;
  /** Called after every slice of pairs with (pairs done, total). */
  onProgress?: (done: number, total: number) => void;
  /** The checkpoint to continue from (made by onEpoch), and a callback after every epoch but the last. */
  resume?: SnCheckpoint;
  onEpoch?: (at: SnCheckpoint) => void;
}

/** Where SN training stood after an epoch: the arrays, C and its AdaGrad sum, the block order and the generator. */
export interface SnCheckpoint {
  epoch: number;
  V: Float32Array;
  G: Float32Array;
  blockOrder: Uint32Array;
  C: number;
  GC: number;
  rng: [number, number, number, number];
  loss: number[];
}

/** Trains the SN objective by AdaGrad; returns the vectors, C, and the weighted mean loss of each epoch. */
export async function trainSn(vocab: number, pairs: SnPairs, o: SnTrainOptions): Promise<SnState & { loss: number[] }> {
  const { dim, learningRate: eta } = o;
  const rng = new Rng(o.seed);
  const V = o.resume?.V ?? new Float32Array(vocab * dim);
  // Resumed, the draws are made all the same, so that the one-time shuffle below is the same.
  for (let i = 0; i < vocab * dim; i++) {
    const x = (rng.next() - 0.5) / dim;
    if (!o.resume) V[i] = x;
  }
  const G = o.resume?.G ?? new Float32Array(vocab * dim).fill(1); // AdaGrad sums, started at 1 as GloVe does
  const n = pairs.rows.length;
  // C starts at the weighted mean of log X, where it ends up when the vectors are still tiny.
  let wsum = 0;
  let C = 0;
  for (let k = 0; k < n; k++) {
    wsum += pairs.weight[k];
    C += pairs.weight[k] * pairs.logX[k];
  }
  C = wsum > 0 ? C / wsum : 0;
  const GC = 1;
  // The pairs are shuffled once into new arrays, and each epoch visits blocks of them in a new
  // random order: reading pairs in a fresh random order every epoch costs a cache miss per array
  // per pair, which was half the time.
  const shuffled = shufflePairs(pairs, rng);
  const blocks = Math.ceil(n / BLOCK);
  const blockOrder = o.resume?.blockOrder ?? new Uint32Array(blocks);
  if (!o.resume) for (let k = 0; k < blocks; k++) blockOrder[k] = k;
  const s = new Float64Array(dim);
  const losses: number[] = o.resume ? [...o.resume.loss] : [];
  // C and its AdaGrad sum, shared with the slice function.
  const state = o.resume ? Float64Array.from([o.resume.C, o.resume.GC]) : Float64Array.from([C, GC]);
  if (o.resume) rng.state = o.resume.rng; // after the one-time shuffle, where the epochs' draws begin
  let lastYield = performance.now();
  for (let epoch = o.resume?.epoch ?? 0; epoch < o.iterations; epoch++) {
    for (let k = blocks - 1; k > 0; k--) {
      const j = Math.floor(rng.next() * (k + 1));
      const t = blockOrder[k];
      blockOrder[k] = blockOrder[j];
      blockOrder[j] = t;
    }
    let loss = 0;
    for (let k = 0; k < blocks; k++) {
      const from = blockOrder[k] * BLOCK;
      loss += snSlice(V, G, shuffled, from, Math.min(n, from + BLOCK), dim, eta, state, s);
      if ((k & 63) === 63 || k === blocks - 1) {
        o.onProgress?.(epoch * n + Math.min(n, (k + 1) * BLOCK), o.iterations * n);
        if (performance.now() - lastYield > 50) {
          await new Promise((r) => setImmediate(r)); // lets a cancel message in
          lastYield = performance.now();
          if (o.signal?.aborted) throw new Cancelled();
        }
      }
    }
    if (!Number.isFinite(loss) || !Number.isFinite(state[0])) throw new Diverged('SN training');
    losses.push(wsum > 0 ? loss / wsum : 0);
    if (o.signal?.aborted) throw new Cancelled();
    if (epoch + 1 < o.iterations) o.onEpoch?.({ epoch: epoch + 1, V, G, blockOrder, C: state[0], GC: state[1], rng: rng.state, loss: losses });
  }
  C = state[0];
  return { V, C, loss: losses };
}

const CLIP = 100;
/** Pairs per block of the epoch's random block order. */
const BLOCK = 1024;

function shufflePairs(p: SnPairs, rng: Rng): SnPairs {
  const n = p.rows.length;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(rng.next() * (k + 1));
    const t = order[k];
    order[k] = order[j];
    order[j] = t;
  }
  return {
    rows: Uint32Array.from(order, (e) => p.rows[e]),
    cols: Uint32Array.from(order, (e) => p.cols[e]),
    logX: Float32Array.from(order, (e) => p.logX[e]),
    weight: Float32Array.from(order, (e) => p.weight[e]),
  };
}

/** AdaGrad steps on the pairs [from, to); returns their weighted squared error. */
function snSlice(
  V: Float32Array, G: Float32Array, pairs: SnPairs, from: number, to: number,
  dim: number, eta: number, state: Float64Array, s: Float64Array,
): number {
  const { rows, cols, logX, weight } = pairs;
  let C = state[0];
  let GC = state[1];
  let loss = 0;
  for (let e = from; e < to; e++) {
    const a = rows[e] * dim;
    const b = cols[e] * dim;
    let q = 0;
    for (let t = 0; t < dim; t++) {
      const x = V[a + t] + V[b + t];
      s[t] = x;
      q += x * x;
    }
    const diff = q + C - logX[e];
    const fdiff = weight[e] * diff;
    loss += fdiff * diff;
    if (a !== b) {
      // ∂/∂v_a = ∂/∂v_b = 4·f·diff·s
      const coef = 4 * fdiff;
      for (let t = 0; t < dim; t++) {
        let g = coef * s[t];
        g = g > CLIP ? CLIP : g < -CLIP ? -CLIP : g;
        const g2 = g * g;
        const ga = G[a + t] + g2;
        const gb = G[b + t] + g2;
        G[a + t] = ga;
        G[b + t] = gb;
        V[a + t] -= (eta * g) / Math.sqrt(ga);
        V[b + t] -= (eta * g) / Math.sqrt(gb);
      }
    } else {
      // A diagonal entry: s = 2v, and ∂/∂v = 8·f·diff·s.
      const coef = 8 * fdiff;
      for (let t = 0; t < dim; t++) {
        let g = coef * s[t];
        g = g > CLIP ? CLIP : g < -CLIP ? -CLIP : g;
        const ga = G[a + t] + g * g;
        G[a + t] = ga;
        V[a + t] -= (eta * g) / Math.sqrt(ga);
      }
    }
    const gC = 2 * fdiff;
    GC += gC * gC;
    C -= (eta * gC) / Math.sqrt(GC);
  }
  state[0] = C;
  state[1] = GC;
  return loss;
}

export const randwalkSn = defineMethod({
  id: 'rw-sn',
  label: 'RAND-WALK SN',
  summary: 'Arora et al.\'s SN objective: weighted least squares of log X against ‖v_w + v_w′‖² + C, tied vectors, AdaGrad.',
  options: [
    { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
    ...windowOptions({ window: 5, weighting: 'uniform' }),
    { key: 'iterations', label: 'Iterations', help: 'Passes (epochs) over the non-zero co-occurrences.', type: 'int', default: 25, min: 1, max: 10000 },
    { key: 'learningRate', label: 'Learning rate', help: 'AdaGrad\'s initial step (GloVe uses 0.05).', type: 'number', default: 0.05, min: 1e-6, max: 10 },
    { key: 'xMax', label: 'x_max', help: 'Weighting cutoff: f(x) = (x/x_max)^α below it, 1 above.', type: 'number', default: 100, min: 1e-6, max: 1e9 },
    { key: 'alpha', label: 'Weighting α', help: 'Exponent of the weighting function f.', type: 'number', default: 0.75, min: 0, max: 5 },
  ],
  checkpoints: true,
  async train(ctx) {
    const p = ctx.params;
    const { upper, words, counts, cached } = await countInput(ctx);
    const pairs = await ctx.phase('pairs', () => snPairs(upper, p.xMax, p.alpha));
    ctx.log(`SN: ${pairs.rows.length.toLocaleString('en-US')} non-zero pairs over ${words.length.toLocaleString('en-US')} words`);
    const t0 = performance.now();
    const state = await ctx.phase('training', () => {
      ctx.progress.phase('training', p.iterations * pairs.rows.length, 'pairs');
      return trainSn(words.length, pairs, {
        dim: p.dim, iterations: p.iterations, learningRate: p.learningRate, seed: p.seed,
        signal: ctx.signal, onProgress: (done) => ctx.progress.update(done),
        resume: resumedSn(ctx.checkpoint.resumed, words.length * p.dim, pairs.rows.length),
        onEpoch: (at) => ctx.checkpoint.save(`epoch ${at.epoch} of ${p.iterations} done`,
          { epoch: at.epoch, C: at.C, GC: at.GC, rng: at.rng, loss: at.loss }, { V: at.V, G: at.G, blockOrder: at.blockOrder }),
      });
    });
    const seconds = (performance.now() - t0) / 1000;
    return {
      vectors: { words, counts, dim: p.dim, W: state.V },
      series: { loss: state.loss },
      metrics: {
        pairs: pairs.rows.length,
        finalLoss: state.loss[state.loss.length - 1] ?? NaN,
        C: state.C,
        pairsPerSecond: seconds > 0 ? (p.iterations * pairs.rows.length) / seconds : 0,
        cachedCounts: cached ? 1 : 0,
      },
    };
  },
});

/** The SN checkpoint saved by onEpoch, read back into fresh arrays. */
function resumedSn(c: Checkpoint | null, size: number, pairs: number): SnCheckpoint | undefined {
  if (!c) return undefined;
  const at = c.state as unknown as Omit<SnCheckpoint, 'V' | 'G' | 'blockOrder'>;
  const V = new Float32Array(size);
  const G = new Float32Array(size);
  const blockOrder = new Uint32Array(Math.ceil(pairs / BLOCK));
  c.fill('V', V);
  c.fill('G', G);
  c.fill('blockOrder', blockOrder);
  return { ...at, V, G, blockOrder };
}
