/**
 * sgns-tfjs end to end through the Lab: on a corpus of planted topics, minibatch SGNS on
 * tfjs's CPU backend and on the JavaScript reference puts topic-mates next to each other,
 * its loss falls, the run records its backend, an unavailable backend is refused naming
 * the available ones, and a cancelled run stops.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';
import { SGNS_BATCH_BACKENDS } from '../../../src/engine/kernels/sgnsBatchKernel.js';
import { sgnsBatchProviders } from '../../../src/engine/kernels/registry.js';

const PARAMS = { dim: 16, window: 3, negative: 4, sample: 0, minCount: 1, epochs: 3, batch: 1024, alpha: 0.025 };

async function withTopicLab(t: { after(f: () => Promise<void>): void }) {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'corpus'), { topics: 6, sentences: 2500 });
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } });
  const corpusId = (await lab.jobs.wait(job)).result!.corpusId as number;
  return { lab, corpusId };
}

for (const backend of ['cpu', 'js'] as const) {
  test(`sgns-tfjs on ${backend} learns the planted topics, its loss falls, and it names its backend`, { timeout: 180_000 }, async (t) => {
    const { lab, corpusId } = await withTopicLab(t);
    const j = await lab.call('run.start', { corpusId, method: 'sgns-tfjs', params: { ...PARAMS, backend } });
    const done = await lab.jobs.wait(j);
    assert.equal(done.status, 'done', done.error);
    const run = await lab.call('run.get', { id: j.subject!.runId });
    assert.equal(SGNS_BATCH_BACKENDS[run.metrics.backendIndex], backend);
    assert.match(run.log, backend === 'js' ? /SGNS on JavaScript reference \(chosen\)/ : /SGNS on tfjs CPU backend/);
    const loss = run.series.loss as [number, number][];
    assert.ok(loss.length >= 5, `${loss.length} loss points`);
    assert.ok(loss[loss.length - 1][1] < 0.8 * loss[0][1], `loss ${loss[0][1]} → ${loss[loss.length - 1][1]}`);
    assert.ok(run.metrics.wordsPerSec > 0);
    let hits = 0;
    for (const k of [0, 2, 4]) {
      const near = await lab.call('vectors.neighbors', { runId: run.id, word: `t${k}w1`, k: 5 });
      hits += near.neighbors.filter((n) => n.word.startsWith(`t${k}w`)).length;
    }
    assert.ok(hits >= 13, `${hits} of 15 nearest neighbours are topic-mates (chance about 3)`);
  });
}

test('an unavailable backend is refused naming the available ones; cancelling stops the run', { timeout: 120_000 }, async (t) => {
  const { lab, corpusId } = await withTopicLab(t);
  const missing = [];
  for (const p of sgnsBatchProviders()) if (!(await p.probe()).ok) missing.push(p.id);
  if (missing.length) {
    const j = await lab.call('run.start', { corpusId, method: 'sgns-tfjs', params: { ...PARAMS, backend: missing[0] } });
    const done = await lab.jobs.wait(j);
    assert.equal(done.status, 'failed');
    assert.match(done.error ?? '', new RegExp(`Backend ${missing[0]} is not available here: .+\\. Available: .*\\bcpu\\b.*\\bjs\\b`));
  }
  const j = await lab.call('run.start', { corpusId, method: 'sgns-tfjs', params: { ...PARAMS, backend: 'js', epochs: 500 } });
  const started = performance.now();
  while (!(lab.jobs.get(j.id).progress.phase === 'training' && lab.jobs.get(j.id).progress.done > 0) && performance.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
  await lab.call('job.cancel', { id: j.id });
  const done = await lab.jobs.wait(j);
  assert.equal(done.status, 'cancelled');
  assert.ok(performance.now() - started < 60_000, 'it stopped long before its 500 epochs');
});
