/**
 * The experiment job in one process: PPMI-SVD variants derived from one SVD equal the same runs
 * trained one by one; the table has every cell's parameters, scores, time, memory and run; an
 * extension adds only the new cells; cancel, resume and remove behave as the contract says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExperimentDetail, JobStateOf } from '../../../src/shared/contract.js';
import { readRunVectors } from '../../../src/engine/store/runs.js';
import { labWithCorpus, type LabWithCorpus } from './labWithCorpus.js';

let env: LabWithCorpus;
test.before(async () => {
  env = await labWithCorpus();
});
test.after(() => env.close());

async function finish(job: JobStateOf<'experiment'>): Promise<JobStateOf<'experiment'>> {
  const final = await env.lab.jobs.wait(job);
  assert.equal(final.status, 'done', final.error);
  return final;
}

const get = (id: number): Promise<ExperimentDetail> => env.lab.call('experiment.get', { id });

function maxDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('PPMI-SVD variants derived from one SVD equal the same runs trained one by one', async () => {
  const grid = { dim: [8], eig: [0, 0.5, 1], addContexts: [false, true], minCount: [1], window: [3] };
  const started = await env.lab.call('experiment.start', { corpora: [env.corpusId], methods: ['ppmi-svd'], grid, eval: [env.similaritySet], name: 'levy' });
  assert.equal(started.plan.sharing.svds.length, 1);
  await finish(started.job);
  const detail = await get(started.experiment.id);
  assert.equal(detail.status, 'done');
  assert.equal(detail.rows.length, 6);
  const lead = detail.rows.filter((r) => r.shared === null || !r.shared.startsWith('SVD of run'));
  assert.equal(lead.length, 1, `one cell computes the SVD: ${JSON.stringify(detail.rows.map((r) => r.shared))}`);
  for (const row of detail.rows) {
    assert.equal(row.status, 'done');
    const run = await env.lab.call('run.get', { id: row.runId! });
    assert.deepEqual({ eig: run.params.eig, addContexts: run.params.addContexts }, { eig: row.params.eig, addContexts: row.params.addContexts }, 'each run keeps its own parameters');
    if (row !== lead[0]) {
      assert.equal(row.shared, `SVD of run ${lead[0].runId}`);
      assert.match(run.log, new RegExp(`shared: the SPPMI matrix and the rank-8 SVD of run ${lead[0].runId}`));
      assert.equal(run.phases.svd, undefined, 'a derived run computes no SVD');
    }
    // The same parameters, trained on their own.
    const alone = await env.lab.jobs.wait(await env.lab.call('run.start', { corpusId: env.corpusId, method: 'ppmi-svd', params: run.params }));
    assert.equal(alone.status, 'done', alone.error);
    const a = readRunVectors(env.lab.db, row.runId!);
    const b = readRunVectors(env.lab.db, alone.subject!.runId);
    assert.deepEqual(a.words, b.words);
    assert.ok(maxDifference(a.W, b.W) < 1e-5, `W of eig ${row.params.eig} w+c ${row.params.addContexts}: ${maxDifference(a.W, b.W)}`);
    assert.equal(a.C === undefined, b.C === undefined);
    if (a.C && b.C) assert.ok(maxDifference(a.C, b.C) < 1e-5);
    const scores = [row.metrics[env.similaritySet], (await env.lab.call('eval.get', { runId: row.runId! })).similarity['topic-pairs.txt']?.spearman];
    assert.ok(typeof scores[0] === 'number' && scores[0] === scores[1], `the table shows the stored score: ${scores}`);
  }
  // eig changes the vectors (the variants are not one run copied six times).
  const byEig = (eig: number) => readRunVectors(env.lab.db, detail.rows.find((r) => r.params.eig === eig && r.params.addContexts === false)!.runId!).W;
  assert.ok(maxDifference(byEig(0), byEig(1)) > 1e-3);
});

test('the table: parameters, scores, time and memory per cell; metric columns per set', async () => {
  const started = await env.lab.call('experiment.start', {
    corpora: [env.corpusId], methods: ['ppmi-svd', 'mstar'], grid: { dim: [6, 12], minCount: [1], maxVocab: [300] }, eval: ['google', env.similaritySet],
  });
  await finish(started.job);
  const d = await get(started.experiment.id);
  assert.deepEqual(d.paramColumns, ['dim', 'minCount', 'maxVocab']);
  assert.deepEqual(d.metricColumns.map((c) => c.key), ['google', 'google:semantic', 'google:syntactic', env.similaritySet]);
  assert.equal(d.cellsDone, 4);
  const [ppmiRows, mstarRows] = [d.rows.filter((r) => r.method === 'ppmi-svd'), d.rows.filter((r) => r.method === 'mstar')];
  assert.equal(ppmiRows.length, 2);
  assert.equal(mstarRows.length, 2);
  for (const r of d.rows) {
    assert.ok(r.seconds! > 0 && r.evalSeconds! > 0, JSON.stringify(r));
    assert.ok(r.peakRssMB! > 20 && r.peakRssMB! < 100_000, `peak ${r.peakRssMB} MB`);
    assert.equal(r.metrics.google, 0, 'Google\'s words are not in a topic corpus: 0 of 0 answered');
    assert.ok(r.metrics[env.similaritySet]! > 0.3, `topic pairs ρ ${r.metrics[env.similaritySet]}`);
  }
  // M* and PPMI-SVD with the same cut read one co-occurrence table: counted once, cached for the rest.
  assert.equal(d.rows.filter((r) => r.runMetrics.cachedCounts === 0).length, 1);
  assert.equal(d.rows.filter((r) => r.shared === 'counts from the count cache' || r.shared?.startsWith('SPPMI matrix')).length, 2);
  // PPMI-SVD at d 6 takes the leading triplets of the d 12 cell's SVD, which runs first.
  const [d12, d6] = [ppmiRows.find((r) => r.params.dim === 12)!, ppmiRows.find((r) => r.params.dim === 6)!];
  assert.equal(d6.shared, `SVD of run ${d12.runId}`);
  assert.ok(d12.runId! < d6.runId!);
  const list = await env.lab.call('experiment.list', {});
  assert.ok(list.some((e) => e.id === d.id && e.cellsDone === 4 && e.status === 'done'));
});

test('extend adds only the new cells; the existing runs are kept', async () => {
  const started = await env.lab.call('experiment.start', { corpora: [env.corpusId], methods: ['ppmi-svd'], grid: { dim: [5], eig: [0, 1], minCount: [1] } });
  await finish(started.job);
  const before = await get(started.experiment.id);
  const dry = await env.lab.call('experiment.extend', { id: before.id, grid: { dim: [5, 7] }, dryRun: true });
  assert.equal(dry.job, null);
  assert.equal(dry.plan.count, 2);
  assert.deepEqual(dry.plan.cells.map((c) => [c.position, c.params.dim, c.params.eig]), [[2, 7, 0], [3, 7, 1]]);
  assert.equal((await get(before.id)).rows.length, 2, 'a dry run stores nothing');
  const out = await env.lab.call('experiment.extend', { id: before.id, grid: { dim: [7] } });
  await finish(out.job!);
  const after = await get(before.id);
  assert.equal(after.rows.length, 4);
  assert.deepEqual(after.rows.slice(0, 2).map((r) => r.runId), before.rows.map((r) => r.runId));
  assert.ok(after.rows.every((r) => r.status === 'done'));
  assert.deepEqual(after.spec.grid.dim, [5, 7]);
  await assert.rejects(env.lab.call('experiment.extend', { id: before.id, grid: { dim: [7] } }), /add no cell/);
  await assert.rejects(env.lab.call('experiment.resume', { id: before.id }), /Every cell of experiment \d+ is done/);
});

test('cancel keeps the finished cells; resume runs the rest; remove keeps the runs unless asked', async () => {
  const started = await env.lab.call('experiment.start', { corpora: [env.corpusId], methods: ['sgns'], grid: { dim: [4, 5, 6], epochs: [30], minCount: [1], threads: [1] } });
  const id = started.experiment.id;
  // Cancel once the first cell is done (its run is stored), while the second trains.
  for (const t0 = Date.now(); Date.now() - t0 < 60_000; await new Promise((r) => setTimeout(r, 20))) {
    if ((await get(id)).cellsDone >= 1) break;
  }
  await env.lab.call('experiment.cancel', { id });
  assert.equal((await env.lab.jobs.wait(started.job)).status, 'cancelled');
  const cancelled = await get(id);
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(cancelled.cellsDone >= 1 && cancelled.cellsDone < 3, `${cancelled.cellsDone} done`);
  const kept = cancelled.rows.filter((r) => r.status === 'done').map((r) => r.runId);
  await assert.rejects(env.lab.call('experiment.cancel', { id }), /is not running/);
  const resumed = await env.lab.call('experiment.resume', { id });
  await finish(resumed);
  const done = await get(id);
  assert.equal(done.cellsDone, 3);
  assert.deepEqual(done.rows.filter((r) => kept.includes(r.runId)).map((r) => r.runId), kept, 'finished runs are kept as they were');

  const runIds = done.rows.map((r) => r.runId!);
  assert.deepEqual(await env.lab.call('experiment.remove', { id }), { removed: true, runsRemoved: 0 });
  for (const runId of runIds) assert.equal((await env.lab.call('run.get', { id: runId })).status, 'done', 'kept by default');
  await assert.rejects(env.lab.call('experiment.get', { id }), /There is no experiment with id/);

  const again = await env.lab.call('experiment.start', { corpora: [env.corpusId], methods: ['ppmi-svd'], grid: { dim: [3], minCount: [1] } });
  await finish(again.job);
  const runId = (await get(again.experiment.id)).rows[0].runId!;
  assert.deepEqual(await env.lab.call('experiment.remove', { id: again.experiment.id, runs: 'remove' }), { removed: true, runsRemoved: 1 });
  await assert.rejects(env.lab.call('run.get', { id: runId }), /There is no run with id/);
});
