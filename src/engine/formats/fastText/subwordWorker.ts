/** An n-gram thread of a fastText import: adds the streamed n-gram rows to its own range of words. */
import { parentPort } from 'node:worker_threads';
import { addBucketRows, divideRowRange } from './subwordKernel.js';
import type { SubwordThreadInit, SubwordThreadOp, SubwordThreadReply } from './subwordProtocol.js';

let state: { init: SubwordThreadInit; W: Float32Array; bucketStart: Uint32Array; wordIds: Uint32Array; wordStart: Uint32Array; chunks: Float32Array[] } | null = null;

parentPort!.on('message', (m: SubwordThreadOp) => {
  let reply: SubwordThreadReply = { ok: true };
  try {
    if (m.op === 'init') {
      state = {
        init: m, W: new Float32Array(m.W), bucketStart: new Uint32Array(m.bucketStart), wordIds: new Uint32Array(m.wordIds),
        wordStart: new Uint32Array(m.wordStart), chunks: m.chunks.map((c) => new Float32Array(c)),
      };
    } else if (!state) throw new Error('the n-gram thread was not initialised');
    else if (m.op === 'add') addBucketRows(state.bucketStart, state.wordIds, state.chunks[m.chunk], m.first, m.count, state.init.dim, state.W);
    else divideRowRange(state.W, state.init.dim, state.wordStart, state.init.from, state.init.to);
  } catch (e) {
    reply = { ok: false, message: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
