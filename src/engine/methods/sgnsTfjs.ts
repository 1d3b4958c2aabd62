/**
 * SGNS in minibatches on TensorFlow.js, for a machine with a GPU: the same pairs,
 * windows, subsampling and negatives as word2vec.c (train/pairBatcher.ts), scored a
 * batch at a time on the device, each touched row updated once per batch with the sum
 * of its updates (kernels/sgnsBatchKernel.ts). `auto` takes a GPU when one answers;
 * without one it times the CPU paths on a few batches (the JavaScript reference among
 * them) and takes the fastest, though on a CPU the native SGNS (method sgns) is faster still. The run records its backend.
 */
import { defineOptions, type OptionValues } from '../../shared/options.js';
import { LabError } from '../../shared/labError.js';
import { readBreaks, readVocabCounts, readVocabWords, tokenChunks } from '../store/corpora.js';
import { cutVocabulary, keepProbability, prepareCompactStream } from '../corpus/trainingStream.js';
import { Rng } from '../base/random.js';
import { Cancelled, Diverged } from '../base/errors.js';
import { aliasTable } from '../kernels/word2vecKernel.js';
import { sgnsBatchProviders } from '../kernels/registry.js';
import { SGNS_BATCH_BACKENDS, type SgnsBatchProvider, type SgnsBatchTrainer } from '../kernels/sgnsBatchKernel.js';
import { PairBatcher, type PairSource } from '../train/pairBatcher.js';
import { word2vecOptions } from './sgns.js';
import { sentenceStarts, singularValues, thin } from './word2vecTraining.js';
import { defineMethod, type TrainContext, type TrainResult } from './spec.js';

export const sgnsTfjsOptions = defineOptions([
  ...word2vecOptions(0.025).filter((o) => o.key !== 'threads'),
  { key: 'batch', label: 'Batch', help: 'Pairs per minibatch: each touched row is updated once per batch, with the sum of its updates. Larger batches keep a GPU busier.', type: 'int', default: 4096, min: 16, max: 1 << 20 },
  {
    key: 'backend', label: 'Compute backend', type: 'choice', default: 'auto', choices: ['auto', ...SGNS_BATCH_BACKENDS],
    help: 'auto: a GPU when one answers (tfjs-node-gpu, WebGPU), else the fastest of the CPU paths timed on a few batches.',
  },
]);

type SgnsTfjsValues = OptionValues<typeof sgnsTfjsOptions>;

interface Chosen { trainer: SgnsBatchTrainer; why: string; gpu: boolean }

/** The trainer for this run, loaded with W₀ and C₀: the one asked for, else a GPU, else the fastest CPU path on these batches. */
async function chooseTrainer(
  choice: string, providers: SgnsBatchProvider[], load: (t: SgnsBatchTrainer) => Promise<void>, trial: PairBatcher, log: (l: string) => void,
): Promise<Chosen> {
  const found: { p: SgnsBatchProvider; device: string; gpu: boolean }[] = [];
  const missing: string[] = [];
  for (const p of providers) { // one at a time: tfjs has one current backend
    const probe = await p.probe();
    if (probe.ok) found.push({ p, device: probe.device, gpu: probe.gpu });
    else missing.push(`${p.id}: ${probe.reason}`);
  }
  const start = async (f: (typeof found)[number]): Promise<SgnsBatchTrainer> => {
    const t = await f.p.create();
    await load(t);
    return t;
  };
  if (choice !== 'auto') {
    const f = found.find((x) => x.p.id === choice);
    if (!f) throw new LabError(`Backend ${choice} is not available here: ${missing.find((m) => m.startsWith(`${choice}:`))?.slice(choice.length + 2) ?? 'unknown backend'}. Available: ${found.map((x) => x.p.id).join(', ')}.`, 'invalid', 'backend');
    return { trainer: await start(f), why: 'chosen', gpu: f.gpu };
  }
  for (const m of missing) log(`backend ${m}`);
  const gpu = found.find((x) => x.gpu);
  if (gpu) return { trainer: await start(gpu), why: 'the GPU', gpu: true };
  // No GPU: time every CPU path, the JavaScript reference too (tfjs's per-operation cost can make it the slowest).
  const cpu = found;
  if (cpu.length === 1) return { trainer: await start(cpu[0]), why: 'the only backend that works here', gpu: false };
  let best: { f: (typeof found)[number]; ms: number } | null = null;
  for (const f of cpu) {
    const t = await start(f);
    try {
      trial.rewind();
      trial.next();
      await t.step(trial.batch, 0, true); // warm-up: programs compiled, buffers allocated
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) await t.step(trial.batch, 0, i === 2);
      const ms = (performance.now() - t0) / 3;
      log(`backend ${f.p.id} (${f.device}): ${ms.toFixed(1)} ms per batch`);
      if (!best || ms < best.ms) best = { f, ms };
    } finally {
      await t.dispose();
    }
  }
  return { trainer: await start(best!.f), why: `fastest of ${cpu.map((x) => x.p.id).join(', ')} on ${trial.batch.size}-pair batches`, gpu: false };
}

export const sgnsTfjs = defineMethod({
  id: 'sgns-tfjs',
  label: 'SGNS on TensorFlow.js (minibatch, GPU)',
  summary: 'Skip-gram with negative sampling in minibatches on TensorFlow.js: WebGPU or tfjs-node-gpu where there is a GPU, else WASM or tfjs\'s CPU backend.',
  options: sgnsTfjsOptions,
  offeredWithGpu: true,
  train: async (ctx) => trainSgnsTfjs(ctx, sgnsBatchProviders()),
});

export async function trainSgnsTfjs(ctx: TrainContext<SgnsTfjsValues>, providers: SgnsBatchProvider[]): Promise<TrainResult> {
  const p = ctx.params;
  const counts0 = readVocabCounts(ctx.db, ctx.corpusId);
  const cut = cutVocabulary(counts0, p.minCount, p.maxVocab);
  if (cut.size < 2) throw new Error(`Only ${cut.size} word(s) reach min count ${p.minCount}: lower it or add text.`);
  const V = cut.size;
  const d = p.dim;
  const counts = counts0.slice(0, V);
  const stream = await ctx.phase('preparing', () => {
    ctx.progress.phase('preparing', 0, 'steps');
    return prepareCompactStream(tokenChunks(ctx.db, ctx.corpusId), readBreaks(ctx.db, ctx.corpusId), counts0, cut, 0, 1);
  });
  const src: PairSource = {
    ids: stream.ids, starts: sentenceStarts(stream.ids.length, stream.segStarts), V, window: p.window, negative: p.negative,
    keep: Float32Array.from(counts, (c) => keepProbability(c, cut.totalKept, p.sample)), negatives: aliasTable(counts, 0.75),
  };
  const trainWords = stream.ids.length;
  const W0 = new Float32Array((V + 1) * d); // the last row of each is the batches' scratch row
  const rng = new Rng(p.seed);
  for (let i = 0; i < V * d; i++) W0[i] = (rng.next() - 0.5) / d;
  const C0 = new Float32Array((V + 1) * d);
  const batcher = new PairBatcher(src, p.batch, p.seed * 1000 + 1);
  const load = (t: SgnsBatchTrainer): Promise<void> => t.load(W0, C0, V, d, p.batch, 1 + p.negative);
  const { trainer, why, gpu } = await ctx.phase('backend', () => chooseTrainer(p.backend, providers, load, batcher, (l) => ctx.log(l)));
  ctx.log(`SGNS on ${trainer.device} (${why}): ${V} words, ${trainWords.toLocaleString('en-US')} training words, batches of ${p.batch} pairs`);

  const totalWords = p.epochs * trainWords;
  const lossCurve: [number, number][] = [];
  const speed: [number, number][] = [];
  const spectra: number[][] = [];
  let read = 0;
  let batches = 0;
  const t0 = performance.now();
  try {
    ctx.progress.phase('training', totalWords, 'words');
    await ctx.phase('training', async () => {
      for (let e = 1; e <= p.epochs; e++) {
        batcher.rewind();
        while (batcher.next()) {
          if (ctx.signal.aborted) throw new Cancelled();
          const done = read + batcher.wordsRead;
          const lr = p.alpha * Math.max(1e-4, 1 - done / totalWords);
          // Every 16th batch reads its loss back: that also keeps the device's queue short.
          const loss = await trainer.step(batcher.batch, lr, ++batches % 16 === 0);
          if (loss === null) continue;
          const real = batcher.batch.mask.reduce((a, m) => a + m, 0);
          if (!Number.isFinite(loss)) throw new Diverged('SGNS');
          const seconds = (performance.now() - t0) / 1000;
          lossCurve.push([done, loss / real]);
          speed.push([seconds, done / seconds]);
          ctx.progress.update(Math.min(done, totalWords), { epoch: e, epochs: p.epochs, wordsPerSec: done / seconds, loss: loss / real });
        }
        read += batcher.wordsRead;
        const { W } = await trainer.read();
        spectra.push(singularValues(W, V, d));
        ctx.log(`epoch ${e}/${p.epochs}: loss ${lossCurve.at(-1)?.[1].toFixed(4) ?? '?'}, ${Math.round(read / ((performance.now() - t0) / 1000)).toLocaleString('en-US')} words/s`);
      }
    });
    const { W, C } = await trainer.read();
    const seconds = (performance.now() - t0) / 1000;
    return {
      vectors: { words: readVocabWords(ctx.db, ctx.corpusId, V), counts, dim: d, W, C },
      series: { loss: thin(lossCurve, 400), wordsPerSec: thin(speed, 400), spectrumByEpoch: spectra.map((s, i) => [i + 1, ...s]) as unknown as [number, number][] },
      metrics: {
        wordsPerSec: read / seconds, trainWords, epochs: p.epochs, finalLoss: lossCurve.at(-1)?.[1] ?? NaN, batches,
        backendIndex: SGNS_BATCH_BACKENDS.indexOf(trainer.id), gpu: gpu ? 1 : 0,
      },
    };
  } finally {
    await trainer.dispose();
  }
}
