/**
 * A word2vec training thread (Hogwild): runs the kernel over its share of the
 * sentences, a chunk of about 10k words at a time, so that the learning rate
 * follows the words all threads have read, progress flows, and a stop request
 * is seen quickly.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { word2vecKernel } from '../kernels/word2vecKernel.js';
import type { Word2vecReply, Word2vecSetup } from './word2vecProtocol.js';

const s = workerData as Word2vecSetup;
const kernel = word2vecKernel();
const W = new Float32Array(s.W);
const C = new Float32Array(s.C);
const ids = s.idsWidth === 2 ? new Uint16Array(s.ids, 0, s.idsLength) : new Uint32Array(s.ids, 0, s.idsLength);
const sentStarts = new Uint32Array(s.sentStarts, 0, s.sentences + 1);
const counter = new BigInt64Array(s.counter);
const stop = new Int32Array(s.stop);
const rng = new BigUint64Array(1);
rng[0] = BigInt(s.seed) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n & 0xffffffffffffffffn || 1n;
const out = new Float64Array(3);
const post = (m: Word2vecReply): void => parentPort!.postMessage(m);
const CHUNK_WORDS = 10_000;

function epoch(n: number): void {
  let sent = s.sentFrom;
  let words = 0;
  let loss = 0;
  let terms = 0;
  let lastPost = performance.now();
  while (sent < s.sentTo && Atomics.load(stop, 0) === 0) {
    let end = sent;
    while (end < s.sentTo && sentStarts[end] - sentStarts[sent] < CHUNK_WORDS) end++;
    kernel.train({
      W, C, dim: s.dim, aliasProb: s.aliasProb, aliasIdx: s.aliasIdx, keep: s.keep, ids, sentStarts, sentFrom: sent, sentTo: end, window: s.window, negative: s.negative,
      alpha0: s.alpha0, minRatio: s.minRatio, wordsBefore: Number(Atomics.load(counter, 0)), totalWords: s.totalWords, rng, cbow: s.cbow, out,
    });
    Atomics.add(counter, 0, BigInt(out[0]));
    words += out[0];
    loss += out[1];
    terms += out[2];
    sent = end;
    if (performance.now() - lastPost > 200) {
      post({ type: 'progress', words, loss, terms });
      words = loss = terms = 0;
      lastPost = performance.now();
    }
  }
  post({ type: 'progress', words, loss, terms });
  post({ type: 'epoch', epoch: n });
}

parentPort!.on('message', (m: { epoch: number }) => {
  try {
    epoch(m.epoch);
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
});
