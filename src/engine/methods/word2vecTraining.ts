/**
 * word2vec training (SGNS and CBOW), orchestrated: the stream restricted to the
 * vocabulary and cut into sentences of at most 1,000 words (word2vec.c's limit),
 * the negative-sampling and subsampling tables, word2vec's initialisation
 * (W uniform in ±0.5/d, C zero), then epochs run by Hogwild threads on shared
 * memory. Records the sampled loss against words read, words/s, and the
 * singular values of W after each epoch.
 *
 * Checkpoints: after every epoch, and within an epoch every CHECKPOINT_SECONDS, the
 * threads stop at a chunk boundary and W, C, each thread's position and random state
 * and the words read (the learning rate's clock) are saved. A resumed run continues
 * from there; on one thread it gives the same vectors as a run never stopped.
 */
import type { Worker } from 'node:worker_threads';
import { readBreaks, readVocabCounts, readVocabWords, tokenChunks } from '../store/corpora.js';
import { cutVocabulary, keepProbability, prepareCompactStream, prepareVarintStream } from '../corpus/trainingStream.js';
import { QUIET_HEAP, startWorker, threadsOf } from '../base/workers.js';
import { Rng } from '../base/random.js';
import { symmetricEigen } from '../linalg/dense.js';
import { linalgKernels, word2vecKernel } from '../kernels/registry.js';
import { aliasTable, kernelRngState, type Word2vecArgs } from '../kernels/word2vecKernel.js';
import { Cancelled, Diverged } from '../base/errors.js';
import type { TrainContext, TrainResult } from './spec.js';
import type { Word2vecValues } from './sgns.js';
import type { Word2vecReply, Word2vecSetup, Word2vecSlice } from '../train/word2vecProtocol.js';
import { runPass } from '../train/pass.js';

export const MAX_SENTENCE = 1000;

/** Seconds between checkpoints inside a long epoch (every epoch's end is one too); EMBEDLAB_CHECKPOINT_SECONDS overrides. */
export const checkpointSeconds = (): number => Number(process.env.EMBEDLAB_CHECKPOINT_SECONDS) || 300;

/** Sentence starts (with an end sentinel): segments of the stream, cut every MAX_SENTENCE words. */
export function sentenceStarts(length: number, segStarts: Uint32Array): Uint32Array {
  // Counted first, then written straight into shared memory (no number[] of a 4-byte value each).
  const segEnd = (g: number): number => (g + 1 < segStarts.length ? segStarts[g + 1] : length);
  let count = 1;
  for (let g = 0; g < segStarts.length; g++) count += Math.ceil((segEnd(g) - segStarts[g]) / MAX_SENTENCE);
  const starts = new Uint32Array(new SharedArrayBuffer(count * 4));
  let k = 0;
  for (let g = 0; g < segStarts.length; g++) for (let p = segStarts[g]; p < segEnd(g); p += MAX_SENTENCE) starts[k++] = p;
  starts[k] = length;
  return starts;
}

/** Where a word2vec run stood at its checkpoint. */
interface Word2vecCheckpoint {
  /** The epoch in progress (1-based) and each thread's next sentence in it. */
  epoch: number;
  positions: number[];
  /** Each thread's kernel random state (a 64-bit integer, in decimal). */
  rngs: string[];
  /** Words read by all threads: the learning rate's clock. */
  wordsRead: number;
  lossCurve: [number, number][];
  speed: [number, number][];
  spectra: number[][];
  /** Training seconds before the checkpoint. */
  seconds: number;
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

/** The vocabulary cut, the training stream in sentences, and the sampling tables. */
async function prepare(ctx: TrainContext<Word2vecValues>) {
  const p = ctx.params;
  const vocabCounts = readVocabCounts(ctx.db, ctx.corpusId);
  const cut = cutVocabulary(vocabCounts, p.minCount, p.maxVocab);
  if (cut.size < 2) throw new Error(`Only ${cut.size} word(s) reach min count ${p.minCount}: lower it or add text.`);
  const V = cut.size;
  const counts = vocabCounts.slice(0, V);
  // The stream in varints, sentences as byte ranges: about 1.5 bytes a token held for the whole training. Past
  // 4 GB of varints (some 2.8 billion tokens) the byte offsets would overflow: 16-bit ids then (32-bit past 65,536 words).
  const stream = await ctx.phase('preparing', () => {
    ctx.progress.phase('preparing', 0, 'steps');
    const chunks = tokenChunks(ctx.db, ctx.corpusId);
    const breaks = readBreaks(ctx.db, ctx.corpusId);
    const v = prepareVarintStream(chunks, breaks, vocabCounts, cut, MAX_SENTENCE);
    if (v) return { ids: v.bytes, starts: v.starts, tokens: v.tokens };
    const s = prepareCompactStream(chunks, breaks, vocabCounts, cut, 0, 1);
    return { ids: s.ids, starts: sentenceStarts(s.ids.length, s.segStarts), tokens: s.ids.length };
  });
  const { ids, starts } = stream;
  const keep = Float32Array.from(counts, (c) => keepProbability(c, cut.totalKept, p.sample));
  return { V, counts, ids, starts, trainWords: stream.tokens, sentences: starts.length - 1, keep, negatives: aliasTable(counts, 0.75) };
}

/** The threads' shares of the sentences: about equal spans of the stream (bytes of varints, or ids), so about equal numbers of words. */
function shareBounds(d: Prepared, threads: number): number[] {
  const bounds = [0];
  for (let t = 1; t < threads; t++) {
    const target = (d.ids.length * t) / threads;
    let s = bounds[t - 1];
    while (s < d.sentences && d.starts[s] < target) s++;
    bounds.push(s);
  }
  bounds.push(d.sentences);
  return bounds;
}

/** W and C on shared memory: word2vec's initialisation, or the checkpoint's. */
function initialModel(ctx: TrainContext<Word2vecValues>, V: number, dim: number) {
  const W = new Float32Array(new SharedArrayBuffer(V * dim * 4));
  const C = new Float32Array(new SharedArrayBuffer(V * dim * 4));
  const resumed = ctx.checkpoint.resumed;
  if (resumed) {
    resumed.fill('W', W);
    resumed.fill('C', C);
    return { W, C, at: resumed.state as unknown as Word2vecCheckpoint };
  }
  const rng = new Rng(ctx.params.seed);
  for (let i = 0; i < W.length; i++) W[i] = (rng.next() - 0.5) / dim;
  return { W, C, at: null };
}

export async function trainWord2vec(ctx: TrainContext<Word2vecValues>, cbow: boolean, shareNegatives = false): Promise<TrainResult> {
  const p = ctx.params;
  const d = await prepare(ctx);
  const { W, C, at } = initialModel(ctx, d.V, p.dim);
  const threads = Math.max(1, Math.min(threadsOf(p), d.sentences));
  const bounds = shareBounds(d, threads);
  if (at && at.positions.length !== threads) throw new Error(`The checkpoint was taken with ${at.positions.length} threads, this run has ${threads}.`);
  const counter = new SharedArrayBuffer(8);
  new BigInt64Array(counter)[0] = BigInt(at?.wordsRead ?? 0);
  const stop = new SharedArrayBuffer(4);
  const totalWords = p.epochs * d.trainWords;
  const backend = word2vecKernel().name;
  ctx.log(`${cbow ? 'CBOW' : 'SGNS'}: ${d.V} words, ${d.trainWords.toLocaleString('en-US')} training words in ${d.sentences} sentences, ${threads} thread(s), ${backend} kernel${shareNegatives ? ', negatives shared per window' : ''}`);
  const workers: Worker[] = [];
  const onAbort = (): void => {
    Atomics.store(new Int32Array(stop), 0, 1);
  };
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (let t = 0; t < threads; t++) {
      const rng = at ? BigUint64Array.of(BigInt(at.rngs[t])) : kernelRngState(p.seed * 1000 + t);
      const args: Word2vecArgs = {
        W, C, dim: p.dim, aliasProb: d.negatives.prob, aliasIdx: d.negatives.alias, keep: d.keep, ids: d.ids, sentStarts: d.starts,
        sentFrom: bounds[t], sentTo: bounds[t + 1], window: p.window, negative: p.negative, alpha0: p.alpha, minRatio: 1e-4,
        wordsBefore: 0, totalWords, rng, cbow, shareNegatives, out: new Float64Array(3),
      };
      const setup: Word2vecSetup = { args, counter, stop };
      workers.push(startWorker('word2vec', { workerData: setup, resourceLimits: QUIET_HEAP }));
    }
    const state = await ctx.phase('training', () => runEpochs(ctx, cbow, { d, W, C, workers, bounds, totalWords, at }));
    return {
      // The shared arrays are stored as they are: the threads have stopped, and a copy would cost 2·V·d floats more at the peak.
      vectors: { words: readVocabWords(ctx.db, ctx.corpusId, d.V), counts: d.counts, dim: p.dim, W, C },
      series: { loss: thin(state.lossCurve, 400), wordsPerSec: thin(state.speed, 400), spectrumByEpoch: state.spectra.map((s, i) => [i + 1, ...s]) as unknown as [number, number][] },
      metrics: { wordsPerSec: state.wordsPerSec, trainWords: d.trainWords, epochs: p.epochs, finalLoss: state.lossCurve.at(-1)?.[1] ?? NaN, threads, nativeKernel: backend === 'native' ? 1 : 0 },
    };
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

interface Training {
  d: Prepared;
  W: Float32Array;
  C: Float32Array;
  workers: Worker[];
  bounds: number[];
  totalWords: number;
  at: Word2vecCheckpoint | null;
}

/** The epochs, in slices between checkpoints; returns the curves. */
async function runEpochs(ctx: TrainContext<Word2vecValues>, cbow: boolean, tr: Training) {
  const { epochs } = ctx.params;
  const threads = tr.workers.length;
  const s: Word2vecCheckpoint = tr.at ?? { epoch: 1, positions: tr.bounds.slice(0, threads), rngs: [], wordsRead: 0, lossCurve: [], speed: [], spectra: [], seconds: 0 };
  const t0 = performance.now();
  const readBefore = s.wordsRead;
  const seconds = (): number => s.seconds + (performance.now() - t0) / 1000;
  let lossSum = 0;
  let lossTerms = 0;
  let lastCheckpoint = performance.now();
  const save = (): void => {
    s.seconds = seconds();
    const where = s.positions.every((x, t) => x === tr.bounds[t]) ? `epoch ${s.epoch - 1} of ${epochs} done` : `epoch ${s.epoch} of ${epochs}, ${Math.round((100 * (s.wordsRead % tr.d.trainWords)) / tr.d.trainWords)}% of its words`;
    ctx.checkpoint.save(where, s, { W: tr.W, C: tr.C });
    lastCheckpoint = performance.now();
  };
  ctx.progress.phase('training', tr.totalWords, 'words');
  for (; s.epoch <= epochs; ) {
    const budgetMs = Math.max(1, checkpointSeconds() * 1000 - (performance.now() - lastCheckpoint));
    const messages: Word2vecSlice[] = s.positions.map((from) => ({ epoch: s.epoch, from, budgetMs }));
    const ends = await runPass<Extract<Word2vecReply, { type: 'progress' }>, Extract<Word2vecReply, { type: 'slice' }>>(tr.workers, null, 'slice', (m) => {
      s.wordsRead += m.words;
      lossSum += m.loss;
      lossTerms += m.terms;
      if (lossTerms > 0) {
        s.lossCurve.push([s.wordsRead, lossSum / lossTerms]);
        lossSum = lossTerms = 0;
      }
      s.speed.push([seconds(), (s.wordsRead - readBefore) / ((performance.now() - t0) / 1000)]);
      ctx.progress.update(Math.min(s.wordsRead, tr.totalWords), { epoch: s.epoch, epochs, wordsPerSec: s.speed.at(-1)![1], loss: s.lossCurve.at(-1)?.[1] ?? NaN });
    }, messages);
    if (ctx.signal.aborted) throw new Cancelled();
    s.positions = ends.map((e) => e.next);
    s.rngs = ends.map((e) => e.rng.toString());
    const last = s.lossCurve.at(-1)?.[1];
    if (last !== undefined && !Number.isFinite(last)) throw new Diverged(cbow ? 'CBOW' : 'SGNS');
    if (s.positions.every((x, t) => x >= tr.bounds[t + 1])) {
      s.spectra.push(singularValues(tr.W, tr.d.V, ctx.params.dim));
      ctx.log(`epoch ${s.epoch}/${epochs}: loss ${last?.toFixed(4) ?? '?'}, ${Math.round(s.speed.at(-1)?.[1] ?? 0).toLocaleString('en-US')} words/s`);
      s.epoch++;
      s.positions = tr.bounds.slice(0, threads);
      if (s.epoch <= epochs) save();
    } else save();
  }
  return { ...s, wordsPerSec: (s.wordsRead - readBefore) / ((performance.now() - t0) / 1000) };
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
