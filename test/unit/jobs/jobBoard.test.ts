/**
 * Other processes' work, seen live: a Lab watches the lab file (PRAGMA data_version) and
 * turns what another connection commits into 'changed' events, and other runners' jobs
 * (the job board, schema 9) into 'job' events with their progress and their end. Two Labs
 * on one file in one process stand for two processes: each has its own connection and runner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Lab } from '../../../src/engine/lab.js';
import { openBoardWriter } from '../../../src/engine/jobs/boardWriter.js';
import { FOREIGN_JOB_IDS, readBoard } from '../../../src/engine/store/jobBoard.js';
import { openDb } from '../../../src/engine/store/db.js';
import type { EventPayloads, JobProgress, JobState } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';

/** Resolves with the first payload that `pick` accepts, and when it came (ms); rejects after `ms`. */
function nextEvent<E extends keyof EventPayloads>(lab: Lab, event: E, pick: (p: EventPayloads[E]) => boolean, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`no matching '${event}' event within ${ms} ms`))), ms);
    const off = lab.on(event, (p) => {
      if (!pick(p)) return;
      clearTimeout(timer);
      off();
      resolve(performance.now());
    });
  });
}

test('a second Lab on the same file sees corpora and runs that another one stores or removes, within 1 s', { timeout: 60_000 }, async (t) => {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'texts'), { topics: 4, sentences: 2000 });
  const dbPath = join(dir.path, 'lab.db');
  const watcher = new Lab({ dbPath, mode: 'browser' });
  const other = new Lab({ dbPath, mode: 'cli' });
  t.after(async () => {
    await other.close();
    await watcher.close();
    dir.cleanup();
  });
  assert.equal(other.watch, null, 'the CLI does not watch');

  const corpusSeen = nextEvent(watcher, 'changed', (c) => c.what === 'corpora', 30_000);
  const ingest = await other.jobs.wait(await other.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'texts') }, name: 'topics' }));
  const stored = performance.now();
  assert.equal(ingest.status, 'done', ingest.error);
  assert.ok((await corpusSeen) - stored < 1000, `the new corpus was seen ${((await corpusSeen) - stored).toFixed(0)} ms after it was stored`);
  assert.deepEqual((await watcher.call('corpus.list', {})).map((c) => c.name), ['topics']);

  const runSeen = nextEvent(watcher, 'changed', (c) => c.what === 'runs', 30_000);
  const train = await other.jobs.wait(await other.call('run.start', { corpusId: ingest.result!.corpusId, method: 'ppmi-svd', params: { dim: 8, minCount: 1 } }));
  assert.equal(train.status, 'done', train.error);
  await runSeen;
  const renamedSeen = nextEvent(watcher, 'changed', (c) => c.what === 'runs', 5000);
  await other.call('run.rename', { id: train.subject!.runId, name: 'renamed elsewhere' });
  const renamed = performance.now();
  assert.ok((await renamedSeen) - renamed < 1000, 'a rename is a change too');
  assert.equal((await watcher.call('run.get', { id: train.subject!.runId })).name, 'renamed elsewhere');

  const removedSeen = nextEvent(watcher, 'changed', (c) => c.what === 'corpora', 5000);
  await other.call('corpus.remove', { id: ingest.result!.corpusId });
  const removed = performance.now();
  assert.ok((await removedSeen) - removed < 1000, 'a removal is seen within 1 s');
  assert.deepEqual(await watcher.call('corpus.list', {}), []);

  const experimentSeen = nextEvent(watcher, 'changed', (c) => c.what === 'experiments', 5000);
  other.db.prepare(`INSERT INTO experiments (name, created_at, status, spec) VALUES ('grid', '2026-01-01', 'done', '{}')`).run();
  const experimentStored = performance.now();
  assert.ok((await experimentSeen) - experimentStored < 1000, 'an experiment is seen within 1 s');
});

test("another Lab's training shows with its progress, marked as elsewhere, and ends as done", { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'texts'), { topics: 4, sentences: 3000 });
  const dbPath = join(dir.path, 'lab.db');
  const watcher = new Lab({ dbPath, mode: 'browser' });
  const other = new Lab({ dbPath, mode: 'cli' });
  t.after(async () => {
    await other.close();
    await watcher.close();
    dir.cleanup();
  });
  const corpusId = (await other.jobs.wait(await other.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'texts') } }))).result!.corpusId;

  const seen: JobState[] = [];
  watcher.on('job', (s) => s.elsewhere && seen.push(s));
  // Long enough for several of the board's writes (at most two a second) to fall inside training: 400 epochs
  // gave 2 on a quiet machine and 1 on a loaded one (CI-like); 1,000 give about a dozen.
  const job = await other.call('run.start', { corpusId, method: 'sgns', params: { dim: 16, minCount: 1, epochs: 1000, threads: 1 } });
  const runId = job.subject!.runId;
  await nextEvent(watcher, 'job', (s) => s.elsewhere !== undefined && s.progress.phase === 'training' && s.progress.done > 0, 30_000);

  const listed = (await watcher.call('job.list', {})).filter((j) => j.elsewhere);
  assert.equal(listed.length, 1, 'job.list has the other runner\'s job');
  const foreign = listed[0];
  assert.ok(foreign.id > FOREIGN_JOB_IDS, 'its id is outside the range of this Lab\'s own');
  assert.deepEqual([foreign.kind, foreign.status, foreign.subject?.runId, foreign.elsewhere?.pid], ['train', 'running', runId, process.pid]);
  assert.equal(foreign.title, job.title);
  await assert.rejects(watcher.call('job.cancel', { id: foreign.id }), new RegExp(`runs in another process \\(pid ${process.pid}\\)`));

  const final = await watcher.call('job.wait', { id: foreign.id });
  assert.equal(final.status, 'done');
  assert.equal((await watcher.call('run.get', { id: runId })).status, 'done');
  const training = seen.filter((s) => s.status === 'running' && s.progress.phase === 'training');
  assert.ok(training.length >= 2, `progress arrived ${training.length} times in training`);
  for (let i = 1; i < training.length; i++) assert.ok(training[i].progress.done >= training[i - 1].progress.done, 'done never goes back');
  assert.ok(training.at(-1)!.progress.done > training[0].progress.done, 'done moved');
  assert.ok(training.some((s) => s.progress.eta !== null && s.progress.total > 0), 'an ETA came with the figures');
  assert.equal(seen.at(-1)!.status, 'done', 'the last event is the end');
  assert.deepEqual((await watcher.call('job.list', {})).filter((j) => j.elsewhere), [], 'an ended job leaves the list');
});

function progressAt(done: number): JobProgress {
  return { phase: 'training', done, total: 1000, unit: 'words', detail: {}, elapsed: done / 100, eta: (1000 - done) / 100 };
}

test('the board writer writes at most twice a second, the latest figures last, and never waits for a lock', { timeout: 30_000 }, async (t) => {
  const dir = tempDir();
  const dbPath = join(dir.path, 'lab.db');
  openDb(dbPath).close();
  const reader = openDb(dbPath, { migrate: false });
  t.after(() => {
    reader.close();
    dir.cleanup();
  });
  const job = { owner: 'x', runner: 'r1', jobId: 1, kind: 'train' as const, title: 'Train t', startedAt: new Date().toISOString() };
  const board = openBoardWriter(dbPath, job, 500);
  const t0 = performance.now();
  let done = 0;
  while (performance.now() - t0 < 1200) {
    board.report(progressAt(++done));
    await new Promise((r) => setTimeout(r, 5));
  }
  assert.ok(done > 100, `${done} reports`);
  assert.ok(board.writes >= 3 && board.writes <= 4, `${board.writes} writes for ${done} reports in 1.2 s`);
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(readBoard(reader, 'someone else')[0].state.progress.done, done, 'the last figures land after the interval');

  // Another connection holds the write lock: reports neither wait nor fail, and land once it is free.
  const locker = new Database(dbPath);
  locker.exec('BEGIN IMMEDIATE');
  const before = board.writes;
  const t1 = performance.now();
  for (let i = 0; i < 5; i++) board.report(progressAt(++done));
  await new Promise((r) => setTimeout(r, 700));
  assert.ok(performance.now() - t1 < 900, 'reports did not wait for the lock');
  assert.equal(board.writes, before, 'nothing was written while locked');
  locker.exec('COMMIT');
  locker.close();
  await new Promise((r) => setTimeout(r, 700));
  assert.equal(board.writes, before + 1);
  assert.equal(readBoard(reader, 'someone else')[0].state.progress.done, done);

  board.end({ status: 'done', result: { runId: 3 } });
  const ended = readBoard(reader, 'someone else')[0].state;
  assert.deepEqual([ended.status, ended.result], ['done', { runId: 3 }]);
});

test('a lab opened after a process died mid-job clears its board rows', async (t) => {
  const dir = tempDir();
  const dbPath = join(dir.path, 'lab.db');
  const db = openDb(dbPath);
  t.after(dir.cleanup);
  db.prepare(
    `INSERT INTO job_progress (owner, runner, job_id, kind, title, started_at, phase, done, total, unit, elapsed, updated_at)
     VALUES ('999999999:1', '999999999:1/ab', 1, 'train', 'Train gone', '2026-01-01', 'training', 5, 10, 'words', 1, 0)`,
  ).run();
  db.close();
  const lab = new Lab({ dbPath, mode: 'browser' });
  t.after(() => lab.close());
  assert.deepEqual(await lab.call('job.list', {}), []);
  assert.equal(readBoard(lab.db, 'none').length, 0);
});

test("a job whose process is killed ends as failed in the watching Lab, and its run is marked interrupted", { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  writeTopicCorpus(join(dir.path, 'texts'), { topics: 4, sentences: 3000 });
  const dbPath = join(dir.path, 'lab.db');
  const watcher = new Lab({ dbPath, mode: 'browser' });
  t.after(async () => {
    await watcher.close();
    dir.cleanup();
  });
  const corpusId = (await watcher.jobs.wait(await watcher.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'texts') } }))).result!.corpusId;
  // Another process trains for minutes; it is killed without a word once its progress is on the board.
  const labModule = fileURLToPath(new URL('../../../src/engine/lab.ts', import.meta.url));
  const script = join(dir.path, 'train.mts');
  writeFileSync(script, `import { Lab } from ${JSON.stringify(labModule)};
const lab = new Lab({ dbPath: ${JSON.stringify(dbPath)}, mode: 'cli' });
await lab.call('run.start', { corpusId: ${corpusId}, method: 'sgns', params: { dim: 16, minCount: 1, epochs: 1000, threads: 1 } });
setInterval(() => {}, 1000);
`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
  t.after(() => void child.kill('SIGKILL'));
  await nextEvent(watcher, 'job', (s) => s.elsewhere?.pid === child.pid && s.progress.phase === 'training', 60_000);
  const [foreign] = (await watcher.call('job.list', {})).filter((j) => j.elsewhere);
  const ended = watcher.call('job.wait', { id: foreign.id });
  const interrupted = nextEvent(watcher, 'changed', (c) => c.what === 'runs', 10_000);
  child.kill('SIGKILL');
  const killed = performance.now();
  const end = await ended;
  const after = performance.now() - killed;
  assert.equal(end.status, 'failed');
  assert.match(end.error ?? '', new RegExp(`process running it \\(pid ${child.pid}\\) stopped before it finished`));
  assert.ok(after < 3500, `the end was seen ${after.toFixed(0)} ms after the kill`);
  await interrupted;
  assert.equal((await watcher.call('run.get', { id: foreign.subject!.runId })).status, 'interrupted');
  assert.deepEqual((await watcher.call('job.list', {})).filter((j) => j.elsewhere), []);
  assert.deepEqual(readBoard(watcher.db, 'none').filter((j) => j.state.elsewhere?.pid === child.pid), [], 'its board row is gone');
});
