/**
 * Killing the process mid-import (SIGKILL: no cleanup of any kind) must leave a
 * lab file that opens, holds no half corpus, and keeps earlier corpora intact.
 * The kill lands in each phase in turn, the store's transaction included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeMixedFolder, makeZipfFolder, tempDir } from '../helpers/fixtures.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'embedlab.js');

/** Runs the CLI and SIGKILLs it when its progress output first shows `phase`. */
function killDuring(folder: string, db: string, phase: string, args = ['corpus', 'add', folder]): Promise<{ killed: boolean; sawPhase: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    let sawPhase = false;
    child.stderr.on('data', (d: Buffer) => {
      seen += d.toString();
      if (!sawPhase && seen.includes(phase)) {
        sawPhase = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', sawPhase }));
  });
}

test('a killed import leaves the lab consistent', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  makeMixedFolder(join(dir.path, 'first'));
  makeZipfFolder(join(dir.path, 'big'), 40, 60_000);
  const first = spawnSync(process.execPath, [bin, 'corpus', 'add', join(dir.path, 'first'), '--db', db, '--json'], { encoding: 'utf8' });
  assert.equal(first.status, 0, first.stderr);
  const before = JSON.parse(first.stdout);

  let killedInSave = false;
  for (const phase of ['tokenizing', 'building vocabulary', 'saving']) {
    const r = await killDuring(join(dir.path, 'big'), db, phase);
    if (!r.killed) continue; // it finished before the kill landed; that is allowed, checked below
    if (phase === 'saving') killedInSave = true;
    const lab = new Database(db);
    try {
      assert.equal(lab.pragma('integrity_check', { simple: true }), 'ok');
      const corpora = lab.prepare('SELECT id, tokens FROM corpora ORDER BY id').all() as { id: number; tokens: number }[];
      // Every corpus present is whole: its chunks hold exactly its token count.
      for (const c of corpora) {
        const stored = lab.prepare('SELECT COALESCE(SUM(count), 0) AS n FROM token_chunks WHERE corpus_id = ?').get(c.id) as { n: number };
        assert.equal(stored.n, c.tokens, `corpus ${c.id} after a kill during ${phase}`);
      }
      assert.ok(corpora.some((c) => c.id === before.id && c.tokens === before.tokens), 'the earlier corpus is intact');
      const orphans = lab.prepare('SELECT COUNT(*) AS n FROM token_chunks WHERE corpus_id NOT IN (SELECT id FROM corpora)').get() as { n: number };
      assert.equal(orphans.n, 0);
    } finally {
      lab.close();
    }
  }
  // The lab still works normally afterwards.
  const list = spawnSync(process.execPath, [bin, 'corpus', 'list', '--db', db, '--json'], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.ok(JSON.parse(list.stdout).length >= 1);
  t.diagnostic(`kill landed during the save transaction: ${killedInSave}`);
});

test('a killed training run is marked interrupted at the next start, with no vectors', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  makeZipfFolder(join(dir.path, 'corpus'), 10, 20_000, 3000);
  assert.equal(spawnSync(process.execPath, [bin, 'corpus', 'add', join(dir.path, 'corpus'), '--db', db]).status, 0);
  const r = await killDuring('', db, 'eigen', ['train', '1', '--method', 'mstar', '--dim', '50', '--power-iterations', '60', '--oversample', '100']);
  assert.ok(r.killed && r.sawPhase, 'the kill landed during the eigen phase');
  const list = spawnSync(process.execPath, [bin, 'run', 'list', '--db', db, '--json'], { encoding: 'utf8' });
  const runs = JSON.parse(list.stdout);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].status, 'interrupted');
  assert.match(runs[0].error, /stopped before it finished/);
  const lab = new Database(db);
  try {
    assert.equal((lab.prepare('SELECT COUNT(*) AS n FROM run_vectors').get() as { n: number }).n, 0);
    assert.equal(lab.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    lab.close();
  }
});
