/**
 * A running run's owner is a process id and its start time, so a reused PID does not keep
 * a dead owner's run "running" forever (it could then be neither cancelled nor removed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { openDb } from '../../../src/engine/store/db.js';
import { createRun } from '../../../src/engine/store/runs.js';
import { ownerAlive, PROCESS_TOKEN } from '../../../src/engine/base/processToken.js';
import { tempDir } from '../../helpers/fixtures.js';

const linux = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

test('the token names this process; another live process by its start time; a reused PID with another start time is dead', { skip: !linux && 'needs /proc' }, () => {
  assert.match(PROCESS_TOKEN, new RegExp(`^${process.pid}:\\d+$`));
  assert.equal(ownerAlive(PROCESS_TOKEN), true);
  const parent = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
  const start = parent.slice(parent.lastIndexOf(')') + 2).split(' ')[19];
  assert.equal(ownerAlive(`${process.ppid}:${start}`), true, 'the parent process, as it is');
  assert.equal(ownerAlive(`${process.ppid}:${Number(start) + 12345}`), false, 'the parent PID, but another start: a reused PID');
  assert.equal(ownerAlive('999999999:1'), false);
  assert.equal(ownerAlive('garbage'), false);
});

test('opening a lab interrupts the runs of a reused PID and of this process when no job of ours is behind them, and keeps a live owner\'s', { skip: !linux && 'needs /proc' }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const path = join(dir.path, 'lab.db');
  const db = openDb(path);
  const corpusId = Number(db.prepare("INSERT INTO corpora (name, source, created_at, files, bytes, tokens, types, hapax, min_count, types_at_min_count, lowercase, ingest_seconds) VALUES ('c', '/x', 'now', 0, 0, 0, 0, 0, 5, 0, 1, 0)").run().lastInsertRowid);
  const parent = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
  const start = parent.slice(parent.lastIndexOf(')') + 2).split(' ')[19];
  const run = (owner: string): number => {
    const id = createRun(db, { name: owner, corpusId, method: 'sgns', params: {} });
    db.prepare('UPDATE runs SET owner = ?, owner_pid = ? WHERE id = ?').run(owner, Number(owner.split(':')[0]), id);
    return id;
  };
  const reused = run(`${process.ppid}:${Number(start) + 12345}`);
  const live = run(`${process.ppid}:${start}`);
  const ours = run(PROCESS_TOKEN);
  db.close();
  const lab = new Lab({ dbPath: path, mode: 'cli' });
  t.after(() => lab.close());
  const status = async (id: number) => (await lab.call('run.get', { id })).status;
  assert.equal(await status(reused), 'interrupted');
  assert.equal(await status(live), 'running');
  assert.equal(await status(ours), 'interrupted', 'no Lab of this process had the file open, so no job of ours runs it');
  assert.equal((await lab.call('run.remove', { id: reused })).removed, true, 'an interrupted run can be removed');
});
