/**
 * A training process killed mid-run (SIGKILL, no chance to clean up) and the run resumed from
 * the command line: the next command shows it interrupted with its last checkpoint and how to
 * continue; `train --resume` finishes it, on one thread bit for bit as a run never killed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/fixtures.js';
import { writeTopicCorpus } from '../helpers/topicCorpus.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'embedlab.js');
const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('SGNS killed after a checkpoint: shown interrupted with its checkpoint, train --resume finishes it as if never killed', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  writeTopicCorpus(join(dir.path, 'topics'), { sentences: 20_000 });
  const db = join(dir.path, 'lab.db');
  assert.equal(cli(['corpus', 'add', join(dir.path, 'topics'), '--min-count', '1', '--db', db, '--json']).code, 0);
  const train = ['train', '1', '--method', 'sgns', '--dim', '50', '--epochs', '6', '--threads', '1', '--min-count', '1', '--seed', '7', '--window', '4', '--db', db, '--json'];
  const whole = cli(train);
  assert.equal(whole.code, 0, whole.err);
  const wholeRun = JSON.parse(whole.out).run as number;

  // The same run in a process killed once it has a checkpoint inside epoch 2 or later.
  const child = spawn(process.execPath, [bin, ...train], { env: { ...process.env, EMBEDLAB_CHECKPOINT_SECONDS: '0.01' }, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  const watch = new Database(db, { readonly: true, fileMustExist: true });
  let seen: string | undefined;
  for (const t0 = Date.now(); Date.now() - t0 < 60_000 && !seen; await new Promise((r) => setTimeout(r, 3))) {
    const row = watch.prepare('SELECT progress FROM run_checkpoints WHERE run_id = ?').get(wholeRun + 1) as { progress: string } | undefined;
    if (row && /epoch [2-5] of 6/.test(row.progress)) seen = row.progress;
  }
  child.kill('SIGKILL');
  await exited;
  watch.close();
  assert.ok(seen, 'the run saved a checkpoint inside epoch 2–5 before it was killed');
  const killed = wholeRun + 1;

  const shown = JSON.parse(cli(['run', 'show', String(killed), '--db', db, '--json']).out);
  assert.equal(shown.status, 'interrupted');
  assert.match(shown.checkpoint.progress, /epoch [2-6] of 6/);
  assert.match(cli(['run', 'show', String(killed), '--db', db]).out, new RegExp(`last checkpoint: epoch .*; continue it with: train --resume ${killed}`));

  // Parameters come from the run: method flags with --resume are refused.
  const mixed = cli(['train', '--resume', String(killed), '--method', 'cbow', '--db', db]);
  assert.notEqual(mixed.code, 0);
  assert.match(mixed.err, /--resume continues run \d+ with its own corpus and parameters; leave out --method/);

  const resumed = cli(['train', '--resume', String(killed), '--db', db, '--json']);
  assert.equal(resumed.code, 0, resumed.err);
  const done = JSON.parse(resumed.out);
  assert.equal(done.status, 'done');
  assert.equal(done.checkpoint, null);
  const exported = [wholeRun, killed].map((id) => {
    const out = join(dir.path, `run${id}.bin`);
    assert.equal(cli(['export', String(id), '--format', 'w2v-bin', '--out', out, '--db', db]).code, 0);
    return readFileSync(out);
  });
  assert.ok(exported[0].equals(exported[1]), 'the resumed run\'s vectors are the unstopped run\'s, byte for byte');

  const again = cli(['train', '--resume', String(killed), '--db', db]);
  assert.notEqual(again.code, 0);
  assert.match(again.err, /has finished: there is nothing to resume/);
  const check = new Database(db, { readonly: true });
  assert.equal((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  assert.equal((check.prepare('SELECT count(*) AS n FROM run_checkpoint_chunks').get() as { n: number }).n, 0, 'no checkpoint left behind');
  check.close();
});
