/**
 * Backup and restore: a backup taken while a training job writes restores to a lab whose
 * integrity check is ok, whose finished runs have byte-identical vectors, and where the
 * run that was training shows as interrupted; backups never overwrite; restore refuses
 * what is not a lab it can open, and a lab another connection holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Lab } from '../../../src/engine/lab.js';
import { readRunVectors } from '../../../src/engine/store/runs.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';

const hashOf = (lab: Lab, runId: number): string => {
  const v = readRunVectors(lab.db, runId);
  return createHash('sha256').update(Buffer.from(v.W.buffer, v.W.byteOffset, v.W.byteLength)).update(v.words.join('\n')).digest('hex');
};

async function labWithRun(dir: string) {
  writeTopicCorpus(join(dir, 'corpus'), { topics: 5, sentences: 3000 });
  const lab = new Lab({ dbPath: join(dir, 'lab.db'), mode: 'cli' });
  const ingest = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir, 'corpus') } }));
  const corpusId = ingest.result!.corpusId;
  const trained = await lab.jobs.wait(await lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 8, minCount: 1 } }));
  assert.equal(trained.status, 'done', trained.error);
  return { lab, corpusId, runId: trained.subject!.runId };
}

test('a backup taken while SGNS trains restores intact: integrity ok, finished vectors byte-identical, the training run interrupted', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { lab, corpusId, runId } = await labWithRun(dir.path);
  const before = hashOf(lab, runId);
  const training = await lab.call('run.start', { corpusId, method: 'sgns', params: { dim: 16, minCount: 1, epochs: 1000, threads: 1 } });
  while (lab.jobs.get(training.id).progress.phase !== 'training') await new Promise((r) => setTimeout(r, 20));
  const out = join(dir.path, 'backup.lab');
  const backup = await lab.jobs.wait(await lab.call('lab.backup', { out }));
  assert.equal(backup.status, 'done', backup.error);
  assert.equal(backup.result!.out, out);
  assert.ok(backup.result!.bytes > 0 && backup.result!.schemaVersion > 0);
  assert.equal(lab.jobs.get(training.id).status, 'running', 'the training job wrote throughout');
  await lab.call('job.cancel', { id: training.id });
  await lab.jobs.wait(training.id);
  assert.deepEqual(readdirSync(dir.path).filter((f) => f.endsWith('.partial')), [], 'no partial file left');

  const again = await lab.jobs.wait(await lab.call('lab.backup', { out }));
  assert.equal(again.status, 'failed');
  assert.match(again.error!, /exists already; choose a new file name/);
  const nowhere = await lab.jobs.wait(await lab.call('lab.backup', { out: join(dir.path, 'no', 'such', 'x.lab') }));
  assert.match(nowhere.error!, /the folder .* does not exist/);
  await lab.close();

  const target = join(dir.path, 'restored', 'lab.db');
  await import('node:fs').then((fs) => fs.mkdirSync(join(dir.path, 'restored')));
  const r = Lab.restore({ db: target }, out);
  assert.equal(r.kept, null, 'nothing was there to keep');
  const restored = new Lab({ dbPath: target, mode: 'cli' });
  t.after(() => restored.close());
  assert.deepEqual(restored.db.pragma('integrity_check'), [{ integrity_check: 'ok' }]);
  assert.equal(hashOf(restored, runId), before);
  const runs = await restored.call('run.list', {});
  assert.equal(runs.find((x) => x.id === runId)?.status, 'done');
  assert.equal(runs.find((x) => x.id === training.subject!.runId)?.status, 'interrupted', 'the run that was training when the copy was taken');
  assert.equal((await restored.call('corpus.list', {})).length, 1);
});

test('restore refuses what is not a lab it can open, and a lab that is open; it keeps the lab it replaces', { timeout: 60_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { lab, runId } = await labWithRun(dir.path);
  const labPath = join(dir.path, 'lab.db');
  const good = join(dir.path, 'good.lab');
  assert.equal((await lab.jobs.wait(await lab.call('lab.backup', { out: good }))).status, 'done');
  const text = join(dir.path, 'notes.txt');
  writeFileSync(text, 'not a database at all\n'.repeat(100));
  const plain = join(dir.path, 'plain.sqlite');
  new Database(plain).exec('CREATE TABLE t (x)');
  const newer = join(dir.path, 'newer.lab');
  new Lab({ dbPath: newer, mode: 'cli' }).close();
  const n = new Database(newer);
  n.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
  n.close();

  const refusal = (file: string): string => {
    try {
      Lab.restore({ db: labPath }, file);
    } catch (e) {
      return (e as Error).message;
    }
    return 'restored';
  };
  assert.match(refusal(join(dir.path, 'missing.lab')), /is not a file/);
  assert.match(refusal(text), /is not a lab file/);
  assert.match(refusal(plain), /SQLite database but not a lab file/);
  assert.match(refusal(newer), /schema version 999, newer than this app understands/);
  assert.match(refusal(good), /is open in another process/, 'the Lab above still holds it');
  const hash = hashOf(lab, runId);
  await lab.close();
  assert.deepEqual(readdirSync(dir.path).filter((f) => f.includes('before-restore') || f.endsWith('.partial')), [], 'refusals leave nothing behind');

  const r = Lab.restore({ db: labPath }, good);
  assert.ok(r.kept && existsSync(r.kept), 'the replaced lab is kept beside it');
  const back = new Lab({ dbPath: labPath, mode: 'cli' });
  t.after(() => back.close());
  assert.equal(hashOf(back, runId), hash);
});
