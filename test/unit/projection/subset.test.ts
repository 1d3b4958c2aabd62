/**
 * Projections and clusterings of a subset of a run's words (the Projector's
 * Isolate), and a RAND-WALK corpus's planted relations (its colouring).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { makeZipfFolder, tempDir } from '../../helpers/fixtures.js';

test('projections of chosen words, and planted relations', async (t) => {
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
  const all = await lab.call('projection.get', { id: (await lab.call('projection.start', { runId, method: 'pca', top: 100, dims: 3 })).id });
  // Ten words from across the frequency range, asked out of order, one twice and one in capitals.
  const chosen = [all.words[40], all.words[3], all.words[77], all.words[12], all.words[3], all.words[55].toUpperCase(), all.words[0], all.words[90], all.words[21], all.words[66], all.words[8]];

  await t.test('PCA of chosen words: each once, most frequent first, in the vocabulary spelling, with their rows', async () => {
    const started = await lab.call('projection.start', { runId, method: 'pca', dims: 3, words: chosen });
    assert.equal(started.status, 'ready');
    const p = await lab.call('projection.get', { id: started.id });
    const order = [0, 3, 8, 12, 21, 40, 55, 66, 77, 90];
    assert.deepEqual(p.words, order.map((i) => all.words[i]));
    assert.deepEqual(p.spec.words, p.words, 'the spec keeps the resolved words');
    assert.deepEqual(p.vocabIndex, order, 'each point says its row in the vocabulary');
    assert.deepEqual(p.counts, order.map((i) => all.counts[i]));
    assert.equal(p.points, 10);
    assert.equal(p.coords.length, 30);
    const again = await lab.call('projection.start', { runId, method: 'pca', dims: 3, words: [...chosen].reverse() });
    assert.equal(again.id, started.id, 'the same set in another order is the same projection');
    assert.equal(all.vocabIndex, undefined, 'a top-N projection needs no rows: point i is row i');
    // PCA of the subset differs from the subset of the PCA: it is computed on these ten alone.
    assert.notDeepEqual(p.coords.slice(0, 3), all.coords.slice(0, 3));
  });

  await t.test('unknown words are refused by name; too few words for the dimensions are refused', async () => {
    await assert.rejects(lab.call('projection.start', { runId, method: 'pca', words: [all.words[0], 'nosuchword', all.words[1], all.words[2], 'zzqx'] }), /"nosuchword", "zzqx" are not in run \d+'s vocabulary/);
    await assert.rejects(lab.call('projection.start', { runId, method: 'pca', dims: 3, words: [all.words[0], all.words[1], all.words[1]] }), /at least 4 distinct words, not 2/);
    await assert.rejects(lab.call('vectors.cluster', { runId, k: 5, words: [all.words[0], all.words[1]] }), /k = 5 clusters need at least 5 distinct words/);
  });

  await t.test('UMAP of chosen words runs as a job on them alone; too many neighbours for them is explained', async () => {
    const words = all.words.slice(0, 40);
    const started = await lab.call('projection.start', { runId, method: 'umap', dims: 2, words, params: { nNeighbors: 8, epochs: 50 } });
    assert.equal(started.status, 'running');
    assert.match(started.job!.title, /40 chosen words/);
    assert.equal((await lab.jobs.wait(started.job!)).status, 'done');
    const p = await lab.call('projection.get', { id: started.id });
    assert.deepEqual(p.words, words);
    assert.deepEqual(p.vocabIndex, words.map((_, i) => i));
    const few = await lab.call('projection.start', { runId, method: 'umap', dims: 2, words: chosen, params: { nNeighbors: 15 } });
    const failed = await lab.jobs.wait(few.job!);
    assert.equal(failed.status, 'failed');
    assert.match(failed.error ?? '', /needs more than 15 points; the chosen words are 10\. Lower Neighbours/);
  });

  await t.test('k-means of chosen words labels them alone', async () => {
    const started = await lab.call('vectors.cluster', { runId, k: 3, words: chosen });
    assert.match(started.job!.title, /10 chosen words/);
    assert.equal((await lab.jobs.wait(started.job!)).status, 'done');
    const c = await lab.call('cluster.get', { id: started.id });
    assert.equal(c.labels.length, 10);
    assert.equal(c.spec.words!.length, 10);
    assert.equal(c.sizes.reduce((a, b) => a + b, 0), 10);
  });

  await t.test('planted relations of a RAND-WALK corpus; none on another corpus', async () => {
    const gen = await lab.call('randwalk.generate', { vocab: 200, dim: 10, tokens: 40_000, planted: 3, plantedPairs: 6, seed: 4, threads: 1 });
    const walkId = (await lab.jobs.wait(gen)).result!.corpusId as number;
    const planted = await lab.call('randwalk.planted', { corpusId: walkId });
    assert.equal(planted.corpusId, walkId);
    assert.deepEqual(planted.relations.map((r) => r.name), ['r1', 'r2', 'r3']);
    assert.ok(planted.relations.every((r) => r.pairs.length === 6));
    const words = planted.relations.flatMap((r) => r.pairs.flat());
    assert.equal(new Set(words).size, 36, 'every planted word is in one pair only');
    assert.ok(words.every((w) => /^w\d{3}$/.test(w)), 'the generator names words w000…w199');
    await assert.rejects(lab.call('randwalk.planted', { corpusId }), new RegExp(`Corpus ${corpusId} is not a RAND-WALK corpus`));
  });
});
