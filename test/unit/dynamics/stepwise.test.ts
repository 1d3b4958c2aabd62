/**
 * The stepwise acceptance at small scale, end to end through the Lab: on a corpus with a
 * known, well-separated spectrum, reweighted QWEM from σ₀ = 1e-6 learns the modes one at a
 * time, in eigenvalue order, when the theory says, and ends in M*'s top-d subspace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';
import type { RunDetail } from '../../../src/shared/contract.js';

async function withTopicLab(t: { after(f: () => Promise<void>): void }) {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'corpus'));
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
    return lab.call('run.get', { id: j.subject!.runId });
  };
  return { lab, corpusId, train };
}

test('QWEM from 1e-6 learns the modes one at a time, in order, on time, into the top-d subspace; the run is stored like any other', async (t) => {
  const { lab, train } = await withTopicLab(t);
  const run = await train('dynamics', { vocab: 1000, dim: 8, minCount: 1, init: 1e-6, backend: 'auto', snapshots: 120 });
  const m = run.metrics;
  assert.ok(m.distinctSteps >= 7, `distinct steps ${m.distinctSteps}`);
  assert.equal(m.modesRisen, 8);
  assert.equal(m.orderMatches, 1);
  assert.equal(m.firstTenWithin25, 8, 'every mode rises within 25% of the predicted step');
  assert.ok(m.overlap >= 0.95, `overlap ${m.overlap}`);
  const predicted = run.series.predictedRise as number[];
  const observed = run.series.observedRise as number[];
  for (let k = 0; k < 8; k++) assert.ok(Math.abs(observed[k] - predicted[k]) <= 0.25 * predicted[k], `mode ${k}: ${observed[k]} vs ${predicted[k]}`);
  // The loss falls from ¼Σλ² above its floor to about zero, and the effective rank grows to d.
  const excess = run.series.excessLoss as [number, number][];
  assert.ok(excess[excess.length - 1][1] < 1e-3 * excess[0][1]);
  const rank = run.series.effectiveRank as [number, number][];
  assert.ok(rank[rank.length - 1][1] > 7 && rank[rank.length - 1][1] <= 8.0001);
  assert.match(run.log, /^\[[\d.]+ s\] backend: (native|wasm|webgpu|cpu|js|tfjs-node) — /m);
  // Stored like any run: its vectors answer queries.
  const near = await lab.call('vectors.neighbors', { runId: run.id, word: 't0w1', k: 5 });
  assert.ok(near.neighbors.filter((n) => n.word.startsWith('t0w')).length >= 4, JSON.stringify(near.neighbors));
});

test('the Spectrum agrees with the mstar method to 1e-4, and an unknown backend is refused naming the available ones', async (t) => {
  const { lab, corpusId, train } = await withTopicLab(t);
  const spectrum = await lab.call('dynamics.spectrum', { corpusId, vocab: 1000, modes: 8, minCount: 1 });
  assert.equal(spectrum.modes.length, 8);
  assert.ok(spectrum.extremeEigenvalue < -100, 'the all-ones direction: M* ≈ S − 2·11ᵀ');
  const words = spectrum.modes[0].positive.map((w) => w.word);
  assert.ok(words.every((w) => w.startsWith('t0w')), `the top mode is the largest topic: ${words}`);
  const mstar = await train('mstar', { dim: 8, minCount: 1, maxVocab: 1000 }); // the method's defaults
  const values = mstar.series.eigenvalues as number[];
  for (let k = 0; k < 8; k++) assert.ok(Math.abs(spectrum.eigenvalues[k] - values[k]) <= 1e-4 * Math.abs(values[k]), `λ${k}: ${spectrum.eigenvalues[k]} vs ${values[k]}`);
  await assert.rejects(lab.call('run.start', { corpusId, method: 'dynamics', params: { backend: 'gpu' } }), /backend/);
});
