// sgns-tfjs: minibatch SGNS on TensorFlow.js against the native SGNS kernel, on the same machine and corpus.
// Speed: every trainer that works here (tfjs-node, WebGPU, WASM, tfjs CPU, the JS reference) times the same
// batches of the bench corpus (batches of 4096 pairs, d 100, 5 negatives); words/s = corpus words whose pairs
// were trained per second. The native kernel's words/s comes from `train --method sgns`, one epoch, at the
// bench's threads and at one thread. Quality: `sgns` and `sgns-tfjs` (auto backend), same profile and epochs
// (BENCH_SGNS_TFJS_EPOCHS, default 1: the CPU paths of tfjs are slow), evaluated by gensim alike.
import { join } from 'node:path';
import type { Context, Task, TaskResult } from '../lib/context.js';
import { copyLabFile } from '../lib/lab.js';
import { lastJson, runMeasured } from '../lib/proc.js';
import { fmt, fmtInt, fmtPct, ratio, type Table } from '../lib/stats.js';
import { referenceEnv } from '../lib/tools.js';
import { openDb } from '../../src/engine/store/db.js';
import { readBreaks, readVocabCounts, tokenChunks } from '../../src/engine/store/corpora.js';
import { cutVocabulary, keepProbability, prepareCompactStream } from '../../src/engine/corpus/trainingStream.js';
import { sentenceStarts } from '../../src/engine/methods/word2vecTraining.js';
import { aliasTable } from '../../src/engine/kernels/word2vecKernel.js';
import { sgnsBatchProviders } from '../../src/engine/kernels/registry.js';
import { SGNS_BATCH_BACKENDS } from '../../src/engine/kernels/sgnsBatchKernel.js';
import { PairBatcher } from '../../src/engine/train/pairBatcher.js';
import { Rng } from '../../src/engine/base/random.js';

const EPOCHS = Number(process.env.BENCH_SGNS_TFJS_EPOCHS ?? 1);
const PROFILE = { dim: 100, window: 5, negative: 5, sample: 1e-4, minCount: 5, alpha: 0.025, seed: 1, epochs: EPOCHS };
const BATCH = 4096;

/** The bench corpus's batches, as sgns-tfjs builds them. */
function batcherFor(dbPath: string, corpusId: number): { batcher: PairBatcher; V: number } {
  const db = openDb(dbPath);
  try {
    const counts0 = readVocabCounts(db, corpusId);
    const cut = cutVocabulary(counts0, PROFILE.minCount, 0);
    const counts = counts0.slice(0, cut.size);
    const stream = prepareCompactStream(tokenChunks(db, corpusId), readBreaks(db, corpusId), counts0, cut, 0, 1);
    const batcher = new PairBatcher({
      ids: stream.ids, starts: sentenceStarts(stream.ids.length, stream.segStarts), V: cut.size, window: PROFILE.window, negative: PROFILE.negative,
      keep: Float32Array.from(counts, (c) => keepProbability(c, cut.totalKept, PROFILE.sample)), negatives: aliasTable(counts, 0.75),
    }, BATCH, 1);
    return { batcher, V: cut.size };
  } finally {
    db.close();
  }
}

export const sgnsTfjsBench: Task = {
  name: 'sgns-tfjs',
  summary: `minibatch SGNS on TensorFlow.js (every backend here) vs the native SGNS kernel: words/s, and quality after ${EPOCHS} epoch(s)`,
  async run(ctx: Context): Promise<TaskResult> {
    const notes: string[] = [];
    const prep = await ctx.prepared();
    const { batcher, V } = batcherFor(prep.db, prep.corpusId);
    const d = PROFILE.dim;
    const rng = new Rng(1);
    const W0 = Float32Array.from({ length: (V + 1) * d }, (_, i) => (i < V * d ? (rng.next() - 0.5) / d : 0));
    const C0 = new Float32Array((V + 1) * d);
    const speed: Table = {
      title: `sgns-tfjs — V ${V}, d ${d}, batches of ${BATCH} pairs`,
      columns: ['trainer', 'device', 'ms per batch', 'pairs/s', 'words/s', 'words/s ÷ native (1 thread)'],
      rows: [],
    };
    const measured: { id: string; device: string; msPerBatch: number; pairsPerSec: number; wordsPerSec: number }[] = [];
    for (const p of sgnsBatchProviders()) {
      const probe = await p.probe();
      if (!probe.ok) {
        speed.rows.push([p.id, `unavailable: ${probe.reason}`, '—', '—', '—', '—']);
        continue;
      }
      ctx.log(`sgns-tfjs: timing ${p.id}`);
      const t = await p.create();
      try {
        await t.load(W0, C0, V, d, BATCH, 1 + PROFILE.negative);
        batcher.rewind();
        batcher.next();
        await t.step(batcher.batch, 0.01, true); // warm-up: programs compiled, buffers allocated
        const words0 = batcher.wordsRead;
        let n = 0;
        const t0 = performance.now();
        while (batcher.next() && (n < 3 || (performance.now() - t0 < 5000 && n < 200))) {
          await t.step(batcher.batch, 0.01, ++n % 16 === 0);
        }
        await t.read(); // the device's queue drained
        const s = (performance.now() - t0) / 1000;
        const m = { id: p.id, device: probe.device, msPerBatch: (1000 * s) / n, pairsPerSec: (n * BATCH) / s, wordsPerSec: (batcher.wordsRead - words0) / s };
        measured.push(m);
      } finally {
        await t.dispose();
      }
    }
    ctx.log('sgns-tfjs: native sgns, one epoch, 1 thread and bench threads');
    const native1 = await ctx.lab.train(prep.db, prep.corpusId, 'sgns', { ...PROFILE, epochs: 1, threads: 1 });
    const nativeN = await ctx.lab.train(prep.db, prep.corpusId, 'sgns', { ...PROFILE, epochs: 1, threads: ctx.threads });
    const w1 = native1.result.metrics.wordsPerSec;
    for (const m of measured) speed.rows.push([m.id, m.device, fmt(m.msPerBatch, 1), fmtInt(m.pairsPerSec), fmtInt(m.wordsPerSec), ratio(m.wordsPerSec, w1)]);
    speed.rows.push(['native sgns kernel, 1 thread', 'CPU (word2vec.c semantics, sequential updates)', '—', '—', fmtInt(w1), '1.00×']);
    speed.rows.push([`native sgns kernel, ${ctx.threads} threads`, 'CPU, Hogwild', '—', '—', fmtInt(nativeN.result.metrics.wordsPerSec), ratio(nativeN.result.metrics.wordsPerSec, w1)]);

    const db = ctx.freshDb('sgns-tfjs');
    copyLabFile(prep.db, db);
    ctx.log(`sgns-tfjs: quality, ${EPOCHS} epoch(s) each`);
    const ours = await ctx.lab.train(db, prep.corpusId, 'sgns-tfjs', { ...PROFILE, batch: BATCH, backend: 'auto' });
    const native = await ctx.lab.train(db, prep.corpusId, 'sgns', { ...PROFILE, threads: ctx.threads });
    const evalArgs = ctx.evalArgs(notes);
    const quality: Table = {
      title: `sgns-tfjs vs sgns — ${EPOCHS} epoch(s), the same gensim evaluation`,
      columns: ['method', 'backend', 'training s', 'words/s', 'Google 3CosAdd', 'WS353 ρ', 'MEN ρ', 'SimLex ρ'],
      rows: [],
    };
    const evals: Record<string, unknown> = {};
    for (const [label, r] of [['sgns-tfjs', ours], ['sgns', native]] as const) {
      let e: Record<string, number> = {};
      if (evalArgs.length) {
        const q = await runMeasured(ctx.tools.python!, [join(ctx.root, 'bench', 'reference', 'gensim_eval_run.py'), '--db', db, '--run', String(r.result.run), ...evalArgs], { env: referenceEnv(ctx.threads) });
        e = lastJson<Record<string, number>>(q, `gensim evaluation of the ${label} run`);
      }
      evals[label] = e;
      const backend = label === 'sgns' ? `native, ${ctx.threads} threads` : SGNS_BATCH_BACKENDS[r.result.metrics.backendIndex] ?? '?';
      quality.rows.push([label, backend, fmt(r.result.phases.training), fmtInt(r.result.metrics.wordsPerSec),
        fmtPct(e.google ?? null), fmt(e.ws353 ?? null, 3), fmt(e.men ?? null, 3), fmt(e.simlex ?? null, 3)]);
    }
    notes.push('sgns-tfjs sums each row\'s updates over a batch (every pair sees W and C as they were at its start); word2vec.c and the native kernel update after every pair. On a CPU the native kernel is the one to use: tfjs pays per operation, and WebGPU on llvmpipe is a GPU emulated on the CPU.');
    ctx.removeDb(db);
    return { task: 'sgns-tfjs', tables: [speed, quality], notes, data: { measured, native: { oneThread: w1, threads: nativeN.result.metrics.wordsPerSec }, quality: evals } };
  },
};
