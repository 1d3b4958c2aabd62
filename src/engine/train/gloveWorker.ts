/** A GloVe training thread (Hogwild): AdaGrad over its share of the shuffled entries, in chunks. */
import { parentPort, workerData } from 'node:worker_threads';
import { gloveKernel } from '../kernels/registry.js';
import type { GloveArgs } from '../kernels/gloveKernel.js';

interface Setup {
  buffers: Record<'W' | 'Wt' | 'bias' | 'biasT' | 'gradsq' | 'gradsqT' | 'gbias' | 'gbiasT' | 'rows' | 'cols' | 'vals', SharedArrayBuffer>;
  dim: number;
  from: number;
  to: number;
  xMax: number;
  alpha: number;
  eta: number;
  stop: SharedArrayBuffer;
}

const s = workerData as Setup;
const f32 = (k: keyof Setup['buffers']): Float32Array => new Float32Array(s.buffers[k]);
/** The kernel's arguments, built once; each chunk moves [from, to). */
const args: GloveArgs = {
  W: f32('W'), Wt: f32('Wt'), bias: f32('bias'), biasT: f32('biasT'),
  gradsq: f32('gradsq'), gradsqT: f32('gradsqT'), gbias: f32('gbias'), gbiasT: f32('gbiasT'), dim: s.dim,
  rows: new Uint32Array(s.buffers.rows), cols: new Uint32Array(s.buffers.cols), vals: f32('vals'),
  from: s.from, to: s.from, xMax: s.xMax, alpha: s.alpha, eta: s.eta,
};
const stop = new Int32Array(s.stop);
const kernel = gloveKernel();
const CHUNK = 200_000;

parentPort!.on('message', () => {
  let cost = 0;
  let done = 0;
  let last = performance.now();
  for (let at = s.from; at < s.to && Atomics.load(stop, 0) === 0; at += CHUNK) {
    const end = Math.min(s.to, at + CHUNK);
    args.from = at;
    args.to = end;
    cost += kernel.train(args);
    done += end - at;
    if (performance.now() - last > 200) {
      parentPort!.postMessage({ type: 'progress', entries: done, cost });
      done = cost = 0;
      last = performance.now();
    }
  }
  parentPort!.postMessage({ type: 'progress', entries: done, cost });
  parentPort!.postMessage({ type: 'iteration' });
});
