/** Projections and clustering through the lab: validation, direct PCA and axes, UMAP and k-means jobs, t-SNE pause and resume. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { makeZipfFolder, tempDir } from '../../helpers/fixtures.js';

test('projection calls through the lab', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeZipfFolder(join(dir.path, 'corpus'), 6, 5000, 400);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const ingest = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') }, minCount: 1 });
  const corpusId = (await lab.jobs.wait(ingest)).result!.corpusId as number;
  const train = await lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 12 } });
  assert.equal((await lab.jobs.wait(train)).status, 'done');
  const runId = train.subject!.runId;
  const vocab = (await lab.call('run.get', { id: runId })) as { vocab: number };

  await t.test('inputs are validated', async () => {
    await assert.rejects(lab.call('projection.start', { runId, method: 'pca', top: 200_000 }), /top: .*100000/);
    await assert.rejects(lab.dispatch('projection.start', { runId, method: 'pca', dims: 4 }), /dims/);
    await assert.rejects(lab.call('projection.start', { runId, method: 'umap', params: { nNeighbors: 1 } }), /nNeighbors/);
    await assert.rejects(lab.call('projection.start', { runId, method: 'tsne', params: { perplexity: 500 } }), /perplexity/);
    await assert.rejects(lab.call('projection.start', { runId, method: 'axes', dims: 3, params: { axes: [{ plus: ['w1'] }, { plus: ['w2'] }] } }), /3 dimensions need 3 axes/);
    await assert.rejects(lab.dispatch('projection.start', { runId, method: 'nope' }), /method/);
    await assert.rejects(lab.call('vectors.cluster', { runId, k: 1 }), /k:/);
    await assert.rejects(lab.call('projection.get', { id: 'zz' }), /a projection id/);
    await assert.rejects(lab.call('projection.get', { id: '0123456789abcdef' }), /no projection/);
    await assert.rejects(lab.call('projection.start', { runId: 999, method: 'pca' }), /no run/i);
  });

  await t.test('PCA is direct, its id is a hash of the parameters, and the result carries them', async () => {
    const started = await lab.call('projection.start', { runId, method: 'pca', top: 300, dims: 3 });
    assert.equal(started.status, 'ready');
    assert.equal(started.job, null);
    assert.match(started.id, /^[a-f0-9]{16}$/);
    const again = await lab.call('projection.start', { runId, method: 'pca', top: 300, dims: 3, seed: 1 });
    assert.equal(again.id, started.id, 'defaults filled in: the same request');
    const p = await lab.call('projection.get', { id: started.id });
    assert.equal(p.points, Math.min(300, vocab.vocab));
    assert.equal(p.words.length, p.points);
    assert.equal(p.coords.length, p.points * 3);
    assert.deepEqual(p.spec, { runId, method: 'pca', top: 300, dims: 3, seed: 1, params: {} });
    assert.equal(p.explainedVariance!.length, 3);
    assert.ok(p.explainedVariance![0] >= p.explainedVariance![1] && p.explainedVariance![1] >= p.explainedVariance![2]);
    for (let i = 1; i < p.counts.length; i++) assert.ok(p.counts[i] <= p.counts[i - 1], 'most frequent first');
    const list = (await lab.call('projection.list', { runId })) as { id: string }[];
    assert.ok(list.some((s) => s.id === started.id));
  });

  await t.test('custom axes: two lists per axis, unknown words reported', async () => {
    const started = await lab.call('projection.start', {
      runId, method: 'axes', top: 100, dims: 2, params: { axes: [{ plus: ['w1'], minus: ['w2', 'nosuchword'] }, { plus: ['w3'], minus: ['w4'] }] },
    });
    const p = await lab.call('projection.get', { id: started.id });
    assert.equal(p.coords.length, p.points * 2);
    assert.deepEqual(p.axes![0].missing, ['nosuchword']);
    assert.ok(p.coords.every((c) => Math.abs(c) <= 1 + 1e-6), 'scores of unit vectors on unit directions');
    await assert.rejects(lab.call('projection.start', { runId, method: 'axes', dims: 2, params: { axes: [{ plus: ['zzz'] }, { plus: ['w3'] }] } }), /none of its words/);
  });

  await t.test('UMAP runs as a job and its result is fetched by id', async () => {
    const started = await lab.call('projection.start', { runId, method: 'umap', top: 200, dims: 2, seed: 3, params: { nNeighbors: 10, epochs: 50 } });
    assert.equal(started.status, 'running');
    assert.equal(started.job!.kind, 'project');
    const done = await lab.jobs.wait(started.job!);
    assert.equal(done.status, 'done', done.error);
    assert.equal(done.result!.projectionId, started.id);
    assert.equal(JSON.stringify(done.result).length < 100, true, 'coordinates do not travel in job events');
    const p = await lab.call('projection.get', { id: started.id });
    assert.equal(p.coords.length, 400);
    assert.equal(p.info.epochs, 50);
    assert.deepEqual(p.spec.params, { nNeighbors: 10, minDist: 0.1, epochs: 50 });
    const cached = await lab.call('projection.start', { runId, method: 'umap', top: 200, dims: 2, seed: 3, params: { nNeighbors: 10, epochs: 50 } });
    assert.equal(cached.status, 'ready');
  });

  await t.test('t-SNE pauses on cancel, keeps its state, and resumes to the end', async () => {
    const spec = { runId, method: 'tsne', top: 300, dims: 2, params: { perplexity: 10, iterations: 5000 } } as const;
    const started = await lab.call('projection.start', spec);
    // Wait until it is iterating, then pause.
    for (let i = 0; i < 400; i++) {
      const s = lab.jobs.get(started.job!.id);
      if (s.progress.phase === 't-SNE' && s.progress.done > 5) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    lab.jobs.cancel(started.job!.id);
    assert.equal((await lab.jobs.wait(started.job!.id)).status, 'cancelled');
    const paused = await lab.call('projection.get', { id: started.id });
    assert.equal(paused.status, 'paused');
    const at = paused.info.iterations as number;
    assert.ok(at > 5 && at < 5000, `paused at ${at}`);
    const again = await lab.call('projection.start', spec);
    assert.equal(again.status, 'ready', 'without resume: the paused result is answered');
    const resumed = await lab.call('projection.start', { ...spec, resume: true });
    assert.equal(resumed.id, started.id);
    assert.equal(resumed.status, 'running');
    assert.match(resumed.job!.title, /^Resume t-SNE/);
    const st = lab.jobs.get(resumed.job!.id);
    assert.equal(st.kind, 'project');
    lab.jobs.cancel(resumed.job!.id);
    await lab.jobs.wait(resumed.job!.id);
    const later = await lab.call('projection.get', { id: started.id });
    assert.equal(later.status, 'paused');
    assert.ok((later.info.iterations as number) >= at, 'it went on from where it stopped');
  });

  await t.test('k-means runs as a job; labels follow the projection order', async () => {
    const started = await lab.call('vectors.cluster', { runId, top: 300, k: 5, seed: 2 });
    const done = await lab.jobs.wait(started.job!.id);
    assert.equal(done.status, 'done', done.error);
    assert.equal(done.kind, 'cluster');
    const c = await lab.call('cluster.get', { id: started.id });
    assert.equal(c.labels.length, Math.min(300, vocab.vocab));
    assert.equal(c.sizes.reduce((a, b) => a + b, 0), c.labels.length);
    assert.ok(c.labels.every((l) => l >= 0 && l < 5));
    assert.deepEqual(c.spec, { runId, top: 300, k: 5, seed: 2, maxIterations: 100 });
  });
});
