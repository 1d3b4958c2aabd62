/**
 * d = 1000 (EMBEDLAB_HEAVY=1): SGNS trains and stores 1000-dimensional vectors and PPMI-SVD computes
 * 1000 singular vectors, on a corpus of 20,000 words (SGNS's W and C are then 160 MB), each within a
 * memory bound, in a child with a bounded heap. `npm test` runs d = 400 on about 1,150 kept words:
 * at d = 1000 the d × d eigensolver alone (cyclic Jacobi, run for SGNS's spectrum after each epoch and
 * inside the randomized SVD) takes about 150 s on this machine, whatever the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeZipfFolder, tempDir } from '../../helpers/fixtures.js';
import { heavy, MB, mb, runBounded } from '../../helpers/bounded.js';

interface Run {
  status: string;
  dim: number;
  vocab: number;
  error: string | null;
}
interface Vectors {
  neighbors: { word: string }[];
}

const dim = heavy ? 1000 : 400;

for (const method of ['sgns', 'ppmi-svd'] as const) {
  test(`${method} with d = ${dim} trains, stores and answers, in bounded memory`, { timeout: 1_200_000 }, (t) => {
    const dir = tempDir();
    t.after(dir.cleanup);
    // Light: 30,000 tokens over 1,200 words (d still below the kept vocabulary).
    makeZipfFolder(join(dir.path, 'corpus'), heavy ? 40 : 5, heavy ? 25_000 : 6_000, heavy ? 20_000 : 1_200);
    const params = method === 'sgns' ? { dim, epochs: 1, minCount: 1, threads: 2 } : { dim, minCount: 1 };
    const db = join(dir.path, 'lab.db');
    const steps = [
      { call: 'corpus.ingest', input: { source: { kind: 'path', path: join(dir.path, 'corpus') } } },
      { call: 'run.start', input: { corpusId: 1, method, params } },
    ];
    const trained = runBounded(db, steps, { heapMb: 512, timeoutMs: 1_100_000 });
    assert.equal(trained.ok, true, trained.error);
    const out = runBounded(db, [{ call: 'run.get', input: { id: 1 } }], { heapMb: 256, timeoutMs: 120_000 });
    const run = out.result as Run;
    assert.equal(run.status, 'done', run.error ?? '');
    assert.equal(run.dim, dim, 'stored with the dimension asked for');
    const words = run.vocab;
    assert.ok(words > dim, `${words} words: more than d, so d is not capped by the vocabulary`);
    const near = runBounded(db, [{ call: 'vectors.neighbors', input: { runId: 1, word: 'w0', k: 5 } }], { heapMb: 256, timeoutMs: 120_000 });
    assert.equal((near.result as Vectors).neighbors.length, 5);
    // SGNS holds W and C in float32 (the bound: twice them); the randomized SVD works in float64 on a
    // few V × (d + oversampling) blocks (sketch, basis, products: ten times W). Plus 500 MB for threads,
    // the corpus stream and the store. Measured at d = 1000 on 19,970 words: SGNS 389 MiB (W and C
    // 152 MiB), PPMI-SVD 1,014 MiB (W 76 MiB).
    const matrices = (method === 'sgns' ? 2 : 1) * words * dim * 4;
    const bound = 500 * MB + (method === 'sgns' ? 2 : 10) * matrices;
    t.diagnostic(`${words} words × ${dim}: peak RSS ${mb(trained.peakRssBytes)} (matrices ${mb(matrices)}, bound ${mb(bound)}), ${trained.seconds.toFixed(1)} s`);
    assert.ok(trained.peakRssBytes < bound, `peak RSS ${mb(trained.peakRssBytes)}`);
  });
}
