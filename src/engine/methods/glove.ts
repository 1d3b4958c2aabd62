/**
 * GloVe (Pennington, Socher & Manning 2014): weighted least squares on log
 * co-occurrences, J = Σ f(X_ij)(w_iᵀw̃_j + b_i + b̃_j − log X_ij)², trained with
 * AdaGrad over the shuffled non-zero entries by Hogwild threads, as glove.c does.
 */
import type { Worker } from 'node:worker_threads';
import { countInput, threadsOf } from './countInput.js';
import { windowOptions, defineMethod, type TrainContext } from './spec.js';
import { defineOptions, type OptionValues } from '../../shared/options.js';
import { QUIET_HEAP, startWorker } from '../base/workers.js';
import { Rng } from '../base/random.js';
import { Cancelled, Diverged } from '../base/errors.js';
import { gloveKernel } from '../kernels/registry.js';
import type { UpperCounts } from '../cooc/count.js';
import { runPass } from '../train/pass.js';

const shared32 = (n: number, fill?: number): Float32Array => {
  const a = new Float32Array(new SharedArrayBuffer(Math.max(4, n * 4)));
  if (fill !== undefined) a.fill(fill);
  return a;
};

/** Both triangles of the symmetric counts as entry lists (X_ii = 2·U_ii), shuffled. */
export function shuffledEntries(u: UpperCounts, seed: number): { rows: Uint32Array; cols: Uint32Array; vals: Float32Array } {
  let n = 0;
  for (let i = 0; i < u.vocab; i++) for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) n += u.cols[k] === i ? 1 : 2;
  const rows = new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)));
  const cols = new Uint32Array(new SharedArrayBuffer(Math.max(4, n * 4)));
  const vals = shared32(n);
  let at = 0;
  for (let i = 0; i < u.vocab; i++) {
    for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) {
      const j = u.cols[k];
      if (j === i) {
        rows[at] = i; cols[at] = i; vals[at++] = 2 * u.vals[k];
      } else {
        rows[at] = i; cols[at] = j; vals[at++] = u.vals[k];
        rows[at] = j; cols[at] = i; vals[at++] = u.vals[k];
      }
    }
  }
  const rng = new Rng(seed);
  for (let k = n - 1; k > 0; k--) {
    const r = Math.floor(rng.next() * (k + 1));
    const a = rows[k]; rows[k] = rows[r]; rows[r] = a;
    const b = cols[k]; cols[k] = cols[r]; cols[r] = b;
    const c = vals[k]; vals[k] = vals[r]; vals[r] = c;
  }
  return { rows, cols, vals };
}

const gloveOptions = defineOptions([
    { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
    ...windowOptions({ window: 10, weighting: 'harmonic' }),
    { key: 'iterations', label: 'Iterations', help: 'Passes over the co-occurrence entries.', type: 'int', default: 15, min: 1, max: 1000 },
    { key: 'eta', label: 'Learning rate', help: 'AdaGrad\'s initial learning rate.', type: 'number', default: 0.05, min: 1e-6, max: 10 },
    { key: 'xMax', label: 'x_max', help: 'Counts above x_max get weight 1; below, (x/x_max)^α.', type: 'number', default: 100, min: 1, max: 1e9 },
    { key: 'alpha', label: 'α', help: 'Exponent of the weighting function f.', type: 'number', default: 0.75, min: 0, max: 2 },
    { key: 'output', label: 'Output', help: 'W: word vectors only; W+C: word plus context vectors (glove.c\'s default).', type: 'choice', default: 'W+C', choices: ['W', 'W+C'] },
  ]);

type GloveValues = OptionValues<typeof gloveOptions>;

export const glove = defineMethod({
  id: 'glove',
  label: 'GloVe',
  summary: 'Weighted least squares on log co-occurrences with AdaGrad (Pennington et al.), as glove.c.',
  options: gloveOptions,
  checkpoints: true,
  async train(ctx) {
    const p = ctx.params;
    const dim = p.dim;
    const { upper, words, counts } = await countInput(ctx);
    const V = upper.vocab;
    const entries = await ctx.phase('shuffling', () => {
      ctx.progress.phase('shuffling', 0, 'steps');
      return shuffledEntries(upper, p.seed);
    });
    const n = entries.vals.length;
    const { state, at } = initialState(ctx, V, dim);
    const threads = Math.max(1, Math.min(threadsOf(p), Math.ceil(n / 100_000)));
    const stop = new SharedArrayBuffer(4);
    ctx.log(`GloVe: ${V} words, ${n.toLocaleString('en-US')} co-occurrence entries, ${threads} thread(s), ${gloveKernel().name} kernel`);
    const workers: Worker[] = [];
    const buffers = Object.fromEntries(
      Object.entries({ ...state, rows: entries.rows, cols: entries.cols, vals: entries.vals }).map(([k, v]) => [k, v.buffer as SharedArrayBuffer]),
    );
    for (let t = 0; t < threads; t++) {
      workers.push(startWorker('glove', {
        resourceLimits: QUIET_HEAP,
        workerData: { buffers, dim, from: Math.floor((n * t) / threads), to: Math.floor((n * (t + 1)) / threads), xMax: p.xMax, alpha: p.alpha, eta: p.eta, stop },
      }));
    }
    const onAbort = (): void => {
      Atomics.store(new Int32Array(stop), 0, 1);
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    let run: GloveCheckpoint & { pairsPerSec: number };
    try {
      run = await ctx.phase('training', () => runIterations(ctx, workers, state, n, at));
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      await Promise.all(workers.map((w) => w.terminate()));
    }
    const W = new Float32Array(V * dim);
    const sum = p.output === 'W+C';
    for (let k = 0; k < W.length; k++) W[k] = state.W[k] + (sum ? state.Wt[k] : 0);
    return {
      vectors: { words, counts, dim, W, C: sum ? undefined : state.Wt.slice() },
      series: { loss: run.lossCurve, pairsPerSec: run.speed.filter((_, i) => i % Math.max(1, Math.floor(run.speed.length / 400)) === 0) },
      metrics: { pairsPerSec: run.pairsPerSec, entries: n, iterations: p.iterations, finalCost: run.lossCurve.at(-1)?.[1] ?? NaN, threads },
    };
  },
});

type GloveState = Record<'W' | 'Wt' | 'bias' | 'biasT' | 'gradsq' | 'gradsqT' | 'gbias' | 'gbiasT', Float32Array>;

/** Where a GloVe run stood at its checkpoint (taken after every iteration). */
interface GloveCheckpoint {
  /** The next iteration to run (1-based). */
  iteration: number;
  processed: number;
  lossCurve: [number, number][];
  speed: [number, number][];
  seconds: number;
}

/** The parameters and AdaGrad sums on shared memory: glove.c's initialisation, or the checkpoint's. */
function initialState(ctx: TrainContext<GloveValues>, V: number, dim: number): { state: GloveState; at: GloveCheckpoint | null } {
  const rng = new Rng(ctx.params.seed);
  const init = (m: number): Float32Array => {
    const a = shared32(m);
    for (let i = 0; i < m; i++) a[i] = (rng.next() - 0.5) / dim;
    return a;
  };
  const resumed = ctx.checkpoint.resumed;
  const make = resumed ? (m: number) => shared32(m) : init;
  const state: GloveState = { W: make(V * dim), Wt: make(V * dim), bias: make(V), biasT: make(V), gradsq: shared32(V * dim, 1), gradsqT: shared32(V * dim, 1), gbias: shared32(V, 1), gbiasT: shared32(V, 1) };
  if (!resumed) return { state, at: null };
  for (const [name, a] of Object.entries(state)) resumed.fill(name, a);
  return { state, at: resumed.state as unknown as GloveCheckpoint };
}

/** The iterations, each a pass of every thread over its entries, with a checkpoint after each. */
async function runIterations(ctx: TrainContext<GloveValues>, workers: Worker[], state: GloveState, n: number, at: GloveCheckpoint | null) {
  const { iterations } = ctx.params;
  const s: GloveCheckpoint = at ?? { iteration: 1, processed: 0, lossCurve: [], speed: [], seconds: 0 };
  const t0 = performance.now();
  const before = s.processed;
  const seconds = (): number => s.seconds + (performance.now() - t0) / 1000;
  ctx.progress.phase('training', iterations * n, 'pairs');
  for (; s.iteration <= iterations; s.iteration++) {
    let cost = 0;
    await runPass<{ type: 'progress'; entries: number; cost: number }>(workers, { iteration: s.iteration }, 'iteration', (m) => {
      s.processed += m.entries;
      cost += m.cost;
      const rate = (s.processed - before) / ((performance.now() - t0) / 1000);
      s.speed.push([seconds(), rate]);
      ctx.progress.update(s.processed, { iteration: s.iteration, iterations, pairsPerSec: rate });
    });
    if (ctx.signal.aborted) throw new Cancelled();
    if (!Number.isFinite(cost)) throw new Diverged('GloVe');
    s.lossCurve.push([s.iteration, cost / n]);
    ctx.log(`iteration ${s.iteration}/${iterations}: cost ${(cost / n).toFixed(5)}`);
    if (s.iteration < iterations) {
      s.seconds = seconds();
      ctx.checkpoint.save(`iteration ${s.iteration} of ${iterations} done`, { ...s, iteration: s.iteration + 1 }, state);
    }
  }
  return { ...s, pairsPerSec: (s.processed - before) / ((performance.now() - t0) / 1000) };
}
