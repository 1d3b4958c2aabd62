/**
 * A word2vec training thread (Hogwild): runs the kernel over its share of the
 * sentences, a chunk of about 10k words at a time (10k positions of the stream: bytes, for varints), so that the learning rate
 * follows the words all threads have read, progress flows, and a stop request
 * is seen quickly. It trains in slices (Word2vecSlice): a slice ends with the
 * share or when its time is up, at a chunk boundary, so that a checkpoint taken
 * between slices continues exactly where the threads stopped.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { word2vecKernel } from '../kernels/registry.js';
import type { Word2vecReply, Word2vecSetup, Word2vecSlice } from './word2vecProtocol.js';

const { args, counter: counterBuffer, stop: stopBuffer } = workerData as Word2vecSetup;
const kernel = word2vecKernel();
const share = { from: args.sentFrom, to: args.sentTo };
const counter = new BigInt64Array(counterBuffer);
const stop = new Int32Array(stopBuffer);
const { sentStarts, out } = args;
const post = (m: Word2vecReply): void => parentPort!.postMessage(m);
const CHUNK_WORDS = 10_000;

function slice({ epoch, from, budgetMs }: Word2vecSlice): void {
  const t0 = performance.now();
  let sent = Math.max(share.from, from);
  let words = 0;
  let loss = 0;
  let terms = 0;
  let lastPost = t0;
  while (sent < share.to && Atomics.load(stop, 0) === 0) {
    let end = sent;
    while (end < share.to && sentStarts[end] - sentStarts[sent] < CHUNK_WORDS) end++;
    args.sentFrom = sent;
    args.sentTo = end;
    args.wordsBefore = Number(Atomics.load(counter, 0));
    kernel.train(args);
    Atomics.add(counter, 0, BigInt(out[0]));
    words += out[0];
    loss += out[1];
    terms += out[2];
    sent = end;
    const now = performance.now();
    if (now - lastPost > 200) {
      post({ type: 'progress', words, loss, terms });
      words = loss = terms = 0;
      lastPost = now;
    }
    if (now - t0 >= budgetMs) break;
  }
  post({ type: 'progress', words, loss, terms });
  post({ type: 'slice', epoch, next: sent, rng: args.rng[0] });
}

parentPort!.on('message', (m: Word2vecSlice) => {
  try {
    slice(m);
  } catch (e) {
    post({ type: 'error', message: (e as Error).message });
  }
});
