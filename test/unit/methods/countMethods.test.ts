import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { sppmiMatrix, marginals } from '../../../src/engine/cooc/ppmi.js';
import { mstarSparsePart, mstarOperator } from '../../../src/engine/cooc/mstar.js';
import { tfidfMatrix } from '../../../src/engine/methods/lsa.js';
import { toDense } from '../../../src/engine/linalg/csr.js';
import { LinalgPool, sharedFloat64 } from '../../../src/engine/linalg/pool.js';
import type { UpperCounts } from '../../../src/engine/cooc/count.js';
import { Lab } from '../../../src/engine/lab.js';
import { readRunVectors } from '../../../src/engine/store/runs.js';
import type { RunDetail } from '../../../src/shared/contract.js';
import { makeZipfFolder, tempDir } from '../../helpers/fixtures.js';

/** A small symmetric count matrix (full), and its upper triangle as the counter stores it (U_ii = X_ii / 2). */
function smallCounts(): { X: number[][]; u: UpperCounts } {
  const X = [
    [2, 5, 1, 0],
    [5, 0, 3, 2],
    [1, 3, 4, 0],
    [0, 2, 0, 6],
  ];
  const rowPtr = new Float64Array(5);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = i; j < 4; j++) if (X[i][j] !== 0) {
      cols.push(j);
      vals.push(i === j ? X[i][j] / 2 : X[i][j]);
    }
    rowPtr[i + 1] = cols.length;
  }
  return { X, u: { vocab: 4, rowPtr, cols: Uint32Array.from(cols), vals: Float32Array.from(vals) } };
}

test('SPPMI equals the dense formula, with context smoothing and shift', () => {
  const { X, u } = smallCounts();
  const rows = X.map((r) => r.reduce((a, b) => a + b, 0));
  assert.deepEqual(Array.from(marginals(u)), rows);
  for (const [cds, shift] of [[1, 1], [0.75, 1], [0.75, 2]]) {
    const ctx = rows.map((c) => Math.pow(c, cds));
    const z = ctx.reduce((a, b) => a + b, 0);
    const dense = toDense(sppmiMatrix(u, { cds, shift }));
    for (let w = 0; w < 4; w++) for (let c = 0; c < 4; c++) {
      const pmi = X[w][c] > 0 ? Math.log((X[w][c] * z) / (rows[w] * ctx[c])) - Math.log(shift) : -Infinity;
      assert.ok(Math.abs(dense[w][c] - Math.max(pmi, 0)) < 1e-5, `(${w},${c}) cds ${cds} shift ${shift}: ${dense[w][c]} vs ${pmi}`);
    }
  }
});

test('M* products equal the dense definition (P_ij − P_i P_j)/(½(P_ij + P_i P_j))', async (t) => {
  const { X, u } = smallCounts();
  const D = X.flat().reduce((a, b) => a + b, 0);
  const P = X.map((r) => r.map((x) => x / D));
  const Pi = X.map((r) => r.reduce((a, b) => a + b, 0) / D);
  const Mstar = P.map((r, i) => r.map((pij, j) => (pij - Pi[i] * Pi[j]) / (0.5 * (pij + Pi[i] * Pi[j]))));
  assert.equal(Mstar[0][3], -2, 'absent pairs are exactly −2');
  const pool = new LinalgPool(1);
  t.after(() => pool.close());
  const op = mstarOperator(pool, mstarSparsePart(u));
  const Xm = sharedFloat64(4 * 2);
  Xm.set([1, 0, 0, 1, 2, -1, 0.5, 3]);
  const Y = sharedFloat64(4 * 2);
  await op.apply(Xm, Y, 2);
  for (let i = 0; i < 4; i++) for (let c = 0; c < 2; c++) {
    let want = 0;
    for (let j = 0; j < 4; j++) want += Mstar[i][j] * Xm[j * 2 + c];
    assert.ok(Math.abs(Y[i * 2 + c] - want) < 1e-5, `(${i},${c}): ${Y[i * 2 + c]} vs ${want}`);
  }
});

test('tf-idf term–document matrix: (1 + log tf)·log(N/df)', () => {
  // Documents: [0 0 1] [1 2] [0]
  const A = toDense(tfidfMatrix(Uint32Array.from([0, 0, 1, 1, 2, 0]), [0, 3, 5], 3, true));
  const idf = (df: number): number => Math.log(3 / df);
  assert.ok(Math.abs(A[0][0] - (1 + Math.log(2)) * idf(2)) < 1e-6);
  assert.ok(Math.abs(A[1][0] - idf(2)) < 1e-6);
  assert.ok(Math.abs(A[2][1] - idf(1)) < 1e-6);
  assert.equal(A[2][0], 0);
});

async function labWithCorpus(t: { after(fn: () => unknown): void }) {
  const dir = tempDir();
  makeZipfFolder(join(dir.path, 'corpus'), 8, 5000, 600);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } });
  const corpusId = (await lab.jobs.wait(job)).result!.corpusId as number;
  const train = async (method: string, params: Record<string, unknown>): Promise<RunDetail> => {
    const j = await lab.call('run.start', { corpusId, method, params });
    const done = await lab.jobs.wait(j);
    assert.equal(done.status, 'done', done.error);
    return await lab.call('run.get', { id: j.subject!.runId });
  };
  return { lab, corpusId, train, dir };
}

test('each count-based method trains a run with stored vectors, spectrum and phase timings', async (t) => {
  const { lab, train, corpusId } = await labWithCorpus(t);
  const ppmi = await train('ppmi-svd', { dim: 16, threads: 2 });
  assert.equal(ppmi.status, 'done');
  assert.equal(ppmi.dim, 16);
  assert.ok(ppmi.vocab! > 100);
  assert.deepEqual(Object.keys(ppmi.phases), ['counting', 'caching counts', 'ppmi', 'svd', 'saving']);
  const spectrum = ppmi.series.spectrum as number[];
  assert.equal(spectrum.length, 16);
  for (let i = 1; i < 16; i++) assert.ok(spectrum[i] <= spectrum[i - 1]);
  const v = readRunVectors(lab.db, ppmi.id);
  assert.equal(v.W.length, v.words.length * 16);
  assert.ok(v.C, 'context vectors are kept when not added');
  assert.ok(v.W.every(Number.isFinite));

  const again = await train('ppmi-svd', { dim: 16, eig: 1, addContexts: true });
  assert.equal(again.metrics.cachedCounts, 1, 'the second run reuses the cached counts');
  assert.equal(readRunVectors(lab.db, again.id).C, undefined);

  const mstar = await train('mstar', { dim: 8, maxVocab: 300 });
  assert.equal(mstar.vocab, 300);
  assert.ok((mstar.series.ritzValues as number[]).some((x) => x < 0), 'M* has negative eigenvalues (the −2·11ᵀ part)');
  assert.ok(mstar.metrics.negativeEigenvalues >= 1);

  const lsa = await train('lsa', { dim: 5, documents: 'chunks', chunkTokens: 500 });
  assert.equal(lsa.metrics.documents, 80);
  assert.equal(lsa.dim, 5);
  // More dimensions than words: refused with the reason, not stored smaller under the asked-for name.
  for (const method of ['ppmi-svd', 'mstar']) {
    const j = await lab.call('run.start', { corpusId, method, params: { dim: 50, maxVocab: 40 } });
    const failed = await lab.jobs.wait(j);
    assert.equal(failed.status, 'failed', method);
    assert.match(failed.error!, /dim 50 is more than the 40 words of the vocabulary/);
    const run = await lab.call('run.get', { id: j.subject!.runId });
    assert.equal(run.status, 'failed');
    assert.equal(run.dim, null, 'no vectors were stored');
  }
});

test('bad parameters are refused before anything runs, naming the option', async (t) => {
  const { lab, corpusId } = await labWithCorpus(t);
  await assert.rejects(lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 0 } }), /PPMI-SVD option "dim" must be between 1 and 2000, not 0/);
  await assert.rejects(lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { weighting: 'gaussian' } }), /one of uniform, dynamic, harmonic/);
  await assert.rejects(lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dimension: 5 } }), /has no option "dimension"/);
  await assert.rejects(lab.call('run.start', { corpusId, method: 'word2vec-hs', params: {} }), /Unknown method "word2vec-hs"/);
  await assert.rejects(lab.call('run.start', { corpusId: 999, method: 'ppmi-svd', params: {} }), /no corpus with id 999/);
  assert.deepEqual(await lab.call('run.list', {}), []);
});

test('a cancelled run is marked cancelled and stores no vectors; runs can be renamed and removed', async (t) => {
  const { lab, corpusId } = await labWithCorpus(t);
  const j = await lab.call('run.start', { corpusId, method: 'mstar', params: { dim: 20, powerIterations: 60, oversample: 200 } });
  await lab.call('job.cancel', { id: j.id });
  const final = await lab.jobs.wait(j);
  assert.equal(final.status, 'cancelled');
  const run = await lab.call('run.get', { id: j.subject!.runId });
  assert.equal(run.status, 'cancelled');
  assert.throws(() => readRunVectors(lab.db, run.id), /has no vectors/);
  const renamed = await lab.call('run.rename', { id: run.id, name: 'tried' });
  assert.equal(renamed.name, 'tried');
  assert.deepEqual(await lab.call('run.remove', { id: run.id }), { removed: true });
  await assert.rejects(lab.call('run.get', { id: run.id }), /no run with id/);
});
