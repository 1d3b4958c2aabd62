/**
 * word2vec training (SGNS and CBOW), orchestrated: the stream restricted to the
 * vocabulary and cut into sentences of at most 1,000 words (word2vec.c's limit),
 * the negative-sampling and subsampling tables, word2vec's initialisation
 * (W uniform in ±0.5/d, C zero), then epochs run by Hogwild threads on shared
 * memory. Records the sampled loss against words read, words/s, and the
 * singular values of W after each epoch.
 */
import type { Worker } from 'node:worker_threads';
import { readBreaks, readVocabCounts, readVocabWords, tokenChunks } from '../store/corpora.js';
import { cutVocabulary, keepProbability, prepareCompactStream } from '../corpus/trainingStream.js';
import { QUIET_HEAP, startWorker, threadsOf } from '../base/workers.js';
import { Rng } from '../base/random.js';
import { symmetricEigen } from '../linalg/dense.js';
import { linalgKernels, word2vecKernel } from '../kernels/registry.js';
import { aliasTable, kernelRngState, type Word2vecArgs } from '../kernels/word2vecKernel.js';
import { Cancelled, Diverged } from '../base/errors.js';
import type { TrainContext, TrainResult } from './spec.js';
import type { Word2vecValues } from './sgns.js';
import type { Word2vecReply, Word2vecSetup } from '../train/word2vecProtocol.js';
import { runPass } from '../train/pass.js';

export const MAX_SENTENCE = 1000;

/** Sentence starts (with an end sentinel): segments of the stream, cut every MAX_SENTENCE words. */
export function sentenceStarts(length: number, segStarts: Uint32Array): Uint32Array {
  const starts: number[] = [];
  for (let g = 0; g < segStarts.length; g++) {
    const end = g + 1 < segStarts.length ? segStarts[g + 1] : length;
    for (let p = segStarts[g]; p < end; p += MAX_SENTENCE) starts.push(p);
  }
  starts.push(length);
  const sab = new Uint32Array(new SharedArrayBuffer(starts.length * 4));
  sab.set(starts);
  return sab;
}

export async function trainWord2vec(ctx: TrainContext<Word2vecValues>, cbow: boolean): Promise<TrainResult> {
  const p = ctx.params;
  const dim = p.dim as number;
  const epochs = p.epochs as number;
  const vocab = { counts: readVocabCounts(ctx.db, ctx.corpusId) };
  const cut = cutVocabulary(vocab.counts, p.minCount as number, p.maxVocab as number);
  if (cut.size < 2) throw new Error(`Only ${cut.size} word(s) reach min count ${p.minCount}: lower it or add text.`);
  const V = cut.size;
  const counts = vocab.counts.slice(0, V);

  const { stream, starts } = await ctx.phase('preparing', () => {
    ctx.progress.phase('preparing', 0, 'steps');
    const stream = prepareCompactStream(tokenChunks(ctx.db, ctx.corpusId), readBreaks(ctx.db, ctx.corpusId), vocab.counts, cut, 0, 1);
    return { stream, starts: sentenceStarts(stream.ids.length, stream.segStarts) };
  });
  const trainWords = stream.ids.length;
  const sentences = starts.length - 1;
  const keep = Float32Array.from(counts, (c) => keepProbability(c, cut.totalKept, p.sample as number));
  const negatives = aliasTable(counts, 0.75);

  const W = new Float32Array(new SharedArrayBuffer(V * dim * 4));
  const C = new Float32Array(new SharedArrayBuffer(V * dim * 4));
  const rng = new Rng(p.seed as number);
  for (let i = 0; i < W.length; i++) W[i] = (rng.next() - 0.5) / dim;

  const threads = Math.max(1, Math.min(threadsOf(p), sentences));
  const counter = new SharedArrayBuffer(8);
  const stop = new SharedArrayBuffer(4);
  const totalWords = epochs * trainWords;
  const bounds = [0];
  for (let t = 1; t < threads; t++) {
    const target = (trainWords * t) / threads;
    let s = bounds[t - 1];
    while (s < sentences && starts[s] < target) s++;
    bounds.push(s);
  }
  bounds.push(sentences);
  const backend = word2vecKernel().name;
  ctx.log(`${cbow ? 'CBOW' : 'SGNS'}: ${V} words, ${trainWords.toLocaleString('en-US')} training words in ${sentences} sentences, ${threads} thread(s), ${backend} kernel`);

  const lossCurve: [number, number][] = [];
  const speed: [number, number][] = [];
  const spectra: number[][] = [];
  const workers: Worker[] = [];
  let read = 0;
  let lossSum = 0;
  let lossTerms = 0;
  const t0 = performance.now();
  const onAbort = (): void => {
    Atomics.store(new Int32Array(stop), 0, 1);
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (let t = 0; t < threads; t++) {
      const args: Word2vecArgs = {
        W, C, dim, aliasProb: negatives.prob, aliasIdx: negatives.alias, keep, ids: stream.ids, sentStarts: starts,
        sentFrom: bounds[t], sentTo: bounds[t + 1], window: p.window, negative: p.negative, alpha0: p.alpha, minRatio: 1e-4,
        wordsBefore: 0, totalWords, rng: kernelRngState(p.seed * 1000 + t), cbow, out: new Float64Array(3),
      };
      const setup: Word2vecSetup = { args, counter, stop };
      workers.push(startWorker('word2vec', { workerData: setup, resourceLimits: QUIET_HEAP }));
    }
    ctx.progress.phase('training', totalWords, 'words');
    await ctx.phase('training', async () => {
      for (let e = 1; e <= epochs; e++) {
        await runPass<Extract<Word2vecReply, { type: 'progress' }>>(workers, { epoch: e }, 'epoch', (m) => {
          read += m.words;
          lossSum += m.loss;
          lossTerms += m.terms;
          const seconds = (performance.now() - t0) / 1000;
          if (lossTerms > 0) {
            lossCurve.push([read, lossSum / lossTerms]);
            lossSum = lossTerms = 0;
          }
          speed.push([seconds, read / seconds]);
          ctx.progress.update(Math.min(read, totalWords), { epoch: e, epochs, wordsPerSec: read / seconds, loss: lossCurve.at(-1)?.[1] ?? NaN });
        });
        if (ctx.signal.aborted) throw new Cancelled();
        const last = lossCurve.at(-1)?.[1];
        if (last !== undefined && !Number.isFinite(last)) throw new Diverged(cbow ? 'CBOW' : 'SGNS');
        spectra.push(singularValues(W, V, dim));
        ctx.log(`epoch ${e}/${epochs}: loss ${last?.toFixed(4) ?? '?'}, ${Math.round(read / ((performance.now() - t0) / 1000)).toLocaleString('en-US')} words/s`);
      }
    });
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    // The shared arrays are stored as they are: the threads have stopped, and a copy would cost 2·V·d floats more at the peak.
    vectors: { words: readVocabWords(ctx.db, ctx.corpusId, V), counts, dim, W, C },
    series: { loss: thin(lossCurve, 400), wordsPerSec: thin(speed, 400), spectrumByEpoch: spectra.map((s, i) => [i + 1, ...s]) as unknown as [number, number][] },
    metrics: { wordsPerSec: read / seconds, trainWords, epochs, finalLoss: lossCurve.at(-1)?.[1] ?? NaN, threads, nativeKernel: backend === 'native' ? 1 : 0 },
  };
}

/** Singular values of W (V × d), from the eigenvalues of WᵀW (accumulated a block of rows at a time, not from a float64 copy of W). */
export function singularValues(W: Float32Array, V: number, dim: number): number[] {
  const G = new Float64Array(dim * dim);
  const rows = 4096;
  const block = new Float64Array(rows * dim);
  for (let r0 = 0; r0 < V; r0 += rows) {
    const r1 = Math.min(V, r0 + rows);
    block.set(W.subarray(r0 * dim, r1 * dim));
    linalgKernels().gram(block, dim, 0, r1 - r0, G);
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) G[a * dim + b] = G[b * dim + a];
  return Array.from(symmetricEigen(G, dim).values, (x) => Math.sqrt(Math.max(0, x)));
}

export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[Math.floor(i * step)]).concat([points[points.length - 1]]);
}
