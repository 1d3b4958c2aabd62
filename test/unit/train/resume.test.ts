/**
 * Resuming training from a checkpoint. SGNS, CBOW, GloVe and RAND-WALK's SN save a checkpoint
 * after every epoch (and within long epochs); a run stopped after one (here: cancelled, which
 * keeps it; a killed process is the e2e test's) and resumed gives, on one thread, exactly the
 * vectors of a run never stopped; on two threads, the same quality.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { readRunVectors } from '../../../src/engine/store/runs.js';
import { LabError } from '../../../src/shared/labError.js';
import { writeFileSync } from 'node:fs';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';

async function topicLab(t: { after(f: () => Promise<void>): void }) {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'corpus'), { sentences: 20_000 });
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const ingest = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } }));
  return { lab, dir, corpusId: ingest.result!.corpusId as number };
}

/** Checkpoints every `seconds` inside epochs too, for the runs started while it is set. */
function checkpointEvery(seconds: number): () => void {
  process.env.EMBEDLAB_CHECKPOINT_SECONDS = String(seconds);
  return () => delete process.env.EMBEDLAB_CHECKPOINT_SECONDS;
}

/** Starts a run, cancels it once it has a checkpoint `past` the given one, and resumes it to the end. */
async function stopAndResume(lab: Lab, corpusId: number, method: string, params: Record<string, unknown>, past: RegExp) {
  const job = await lab.call('run.start', { corpusId, method, params });
  const runId = job.subject!.runId;
  for (;;) {
    const run = await lab.call('run.get', { id: runId });
    if (run.checkpoint && past.test(run.checkpoint.progress)) break;
    assert.equal(run.status, 'running', `${method} ended before the checkpoint the test waits for: ${run.log}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  await lab.call('job.cancel', { id: job.id });
  assert.equal((await lab.jobs.wait(job)).status, 'cancelled');
  const stopped = await lab.call('run.get', { id: runId });
  assert.equal(stopped.status, 'cancelled');
  assert.ok(stopped.checkpoint, 'a cancelled run keeps its last checkpoint');
  const resumed = await lab.jobs.wait(await lab.call('run.resume', { id: runId }));
  assert.equal(resumed.status, 'done', resumed.error);
  const run = await lab.call('run.get', { id: runId });
  assert.equal(run.status, 'done');
  assert.equal(run.checkpoint, null, 'a finished run keeps no checkpoint');
  assert.match(run.log, /resumed from the checkpoint of .* \(/);
  return { run, stoppedAt: stopped.checkpoint!.progress };
}

async function trained(lab: Lab, corpusId: number, method: string, params: Record<string, unknown>) {
  const job = await lab.jobs.wait(await lab.call('run.start', { corpusId, method, params }));
  assert.equal(job.status, 'done', job.error);
  return job.subject!.runId;
}

function assertSameVectors(lab: Lab, a: number, b: number, what: string): void {
  const x = readRunVectors(lab.db, a);
  const y = readRunVectors(lab.db, b);
  assert.deepEqual(y.words, x.words);
  assert.ok(Buffer.from(y.W.buffer, y.W.byteOffset, y.W.byteLength).equals(Buffer.from(x.W.buffer, x.W.byteOffset, x.W.byteLength)), `${what}: W differs`);
  if (x.C) assert.ok(Buffer.from(y.C!.buffer, y.C!.byteOffset, y.C!.byteLength).equals(Buffer.from(x.C.buffer, x.C.byteOffset, x.C.byteLength)), `${what}: C differs`);
}

for (const method of ['sgns', 'cbow'] as const) {
  test(`${method} on one thread: stopped within an epoch and resumed, it ends bit for bit where a run never stopped ends`, async (t) => {
    const { lab, corpusId } = await topicLab(t);
    // d 100 keeps an epoch long enough (tens of ms) for the test to see a checkpoint inside one: at d 50
    // the prefetching kernels sometimes finished all 8 epochs between two looks.
    const params = { dim: 100, epochs: 8, threads: 1, minCount: 1, seed: 7, window: 4 };
    const whole = await trained(lab, corpusId, method, params);
    t.after(checkpointEvery(0.01)); // slices of 10 ms: checkpoints inside epochs as well as after them
    const { run, stoppedAt } = await stopAndResume(lab, corpusId, method, params, /epoch [2-5] of 8, \d+% of its words/);
    // The cancel lands a few slices later: the checkpoint kept is that one, mid-epoch or at an epoch's end.
    assert.match(stoppedAt, /epoch [2-8] of 8/);
    assertSameVectors(lab, whole, run.id, method);
    assert.equal((run.series.spectrumByEpoch as unknown[]).length, 8, 'every epoch\'s spectrum, before and after the stop');
    assert.equal(run.metrics.epochs, 8);
  });
}

test('GloVe and RAND-WALK SN on one thread: stopped after an iteration and resumed, the same vectors as a run never stopped', async (t) => {
  const { lab, corpusId } = await topicLab(t);
  for (const [method, params] of [
    ['glove', { dim: 100, iterations: 40, threads: 1, minCount: 1, seed: 3, output: 'W' }],
    ['rw-sn', { dim: 50, iterations: 40, minCount: 1, seed: 3 }],
  ] as const) {
    const whole = await trained(lab, corpusId, method, params);
    const { run, stoppedAt } = await stopAndResume(lab, corpusId, method, params, /(iteration|epoch) ([2-9]|[1-2]\d) of 40 done/);
    assert.match(stoppedAt, /of 40 done/);
    assertSameVectors(lab, whole, run.id, method);
    assert.equal((run.series.loss as unknown[]).length, 40, `${method}: the loss of every iteration`);
  }
});

test('SGNS on two threads, stopped and resumed, learns the planted topics as well as a run never stopped', async (t) => {
  const { lab, corpusId } = await topicLab(t);
  const params = { dim: 20, epochs: 8, threads: 2, minCount: 1, seed: 11, window: 4 };
  // The share of each topic word's 5 nearest neighbours that are words of its topic.
  const topicPrecision = async (runId: number): Promise<number> => {
    let hit = 0;
    let all = 0;
    for (let k = 0; k < 9; k++) {
      for (let w = 0; w < 5; w++) {
        const near = (await lab.call('vectors.neighbors', { runId, word: `t${k}w${w}`, k: 5 })).neighbors.map((n) => n.word);
        hit += near.filter((x) => x.startsWith(`t${k}w`)).length;
        all += near.length;
      }
    }
    return hit / all;
  };
  const whole = await topicPrecision(await trained(lab, corpusId, 'sgns', params));
  const { run } = await stopAndResume(lab, corpusId, 'sgns', params, /epoch [2-7] of 8 done/);
  const resumed = await topicPrecision(run.id);
  assert.ok(whole > 0.8, `the uninterrupted run learns the topics (${whole})`);
  assert.ok(Math.abs(resumed - whole) <= 0.05, `resumed ${resumed} vs never stopped ${whole}`);
});

test('resuming is refused, saying why, for a finished, a running, a failed and an imported run', async (t) => {
  const { lab, dir, corpusId } = await topicLab(t);
  const conflict = (re: RegExp) => (e: unknown) => e instanceof LabError && e.code === 'conflict' && re.test(e.message);
  const done = await trained(lab, corpusId, 'ppmi-svd', { dim: 5, minCount: 1 });
  await assert.rejects(lab.call('run.resume', { id: done }), conflict(/has finished: there is nothing to resume/));
  const job = await lab.call('run.start', { corpusId, method: 'sgns', params: { dim: 8, epochs: 50, minCount: 1 } });
  await assert.rejects(lab.call('run.resume', { id: job.subject!.runId }), conflict(/is still running/));
  await lab.call('job.cancel', { id: job.id });
  await lab.jobs.wait(job);
  lab.db.prepare("UPDATE runs SET status = 'failed', error = 'SGNS diverged' WHERE id = ?").run(done);
  await assert.rejects(lab.call('run.resume', { id: done }), conflict(/failed \(SGNS diverged\); resuming it would fail again/));
  const file = join(dir.path, 'v.txt');
  writeFileSync(file, '2 3\ncat 1 0 0\ndog 0 1 0\n');
  const imported = await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: file } }));
  await assert.rejects(lab.call('run.resume', { id: imported.result!.runId }), conflict(/imported from a file, not trained here/));
  await assert.rejects(lab.call('run.resume', { id: 9999 }), /9999/);
});
