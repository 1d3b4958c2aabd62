/**
 * Experiments from the command line, in child processes: `experiment … --json` runs a grid and
 * prints its table (and --csv writes it); a process SIGKILLed after two cells leaves them
 * stored and the experiment interrupted, and `experiment resume` finishes the rest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';
import { writeTopicPairs } from './labWithCorpus.js';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'embedlab.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: process.env, timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

function setUp(t: { after(fn: () => void): void }): { db: string; pairs: string; dir: string } {
  const dir = tempDir('embedlab-experiment-cli-');
  t.after(dir.cleanup);
  writeTopicCorpus(join(dir.path, 'topics'), { sentences: 6000 });
  const pairs = join(dir.path, 'pairs.txt');
  writeTopicPairs(pairs);
  const db = join(dir.path, 'lab.db');
  const added = cli(['corpus', 'add', join(dir.path, 'topics'), '--min-count', '1', '--db', db, '--json']);
  assert.equal(added.code, 0, added.err);
  return { db, pairs, dir: dir.path };
}

test('experiment --json runs the grid and prints the table; --csv writes it; --plan runs nothing', async (t) => {
  const { db, pairs, dir } = setUp(t);
  const grid = ['1', '--method', 'sgns,ppmi-svd', '--grid', 'dim=8,12', '--grid', 'window=2,4', '--grid', 'min-count=1', '--grid', 'sgns:epochs=2', '--db', db];
  const planned = cli(['experiment', ...grid, '--plan', '--json']);
  assert.equal(planned.code, 0, planned.err);
  const plan = JSON.parse(planned.out);
  assert.equal(plan.count, 8);
  assert.equal(plan.sharing.counts.length, 2, 'one count per window');
  assert.deepEqual(JSON.parse(cli(['experiment', 'list', '--db', db, '--json']).out), [], 'the plan stored nothing');

  const csv = join(dir, 'table.csv');
  const ran = cli(['experiment', ...grid, '--eval', `google,${pairs}`, '--name', 'windows', '--csv', csv, '--json']);
  assert.equal(ran.code, 0, ran.err);
  const table = JSON.parse(ran.out);
  assert.equal(table.experiment, 1);
  assert.equal(table.name, 'windows');
  assert.equal(table.status, 'done');
  assert.deepEqual(table.paramColumns, ['dim', 'window', 'minCount', 'epochs']);
  assert.equal(table.rows.length, 8);
  for (const row of table.rows) {
    assert.equal(row.status, 'done');
    assert.ok(Number.isInteger(row.runId));
    assert.equal(row.metrics.google, 0);
    assert.equal(typeof row.metrics[pairs], 'number');
    assert.ok(row.seconds > 0 && row.peakRssMB > 0);
    assert.equal('epochs' in row.params, row.method === 'sgns');
  }
  assert.match(ran.err, /8 runs \(4 sgns \+ 4 ppmi-svd\)/);
  const lines = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines.length, 9);
  assert.match(lines[0], /^#,method,dim,window,minCount,epochs,google 3CosAdd,google semantic,google syntactic,pairs\.txt ρ,train s,eval s,peak MB,status,run,shared,error$/);
  // The text table: a header and one aligned line per cell.
  const shown = cli(['experiment', 'show', '1', '--db', db]);
  assert.equal(shown.code, 0, shown.err);
  const text = shown.out.trimEnd().split('\n');
  assert.match(text[0], /^Experiment 1: windows {2}\[done\] {2}8\/8 done$/);
  assert.equal(text.length, 10);
  const statusAt = text[1].indexOf('status');
  assert.ok(statusAt > 0 && text.slice(2).every((l) => l.slice(statusAt, statusAt + 4) === 'done'), 'the status column is aligned');

  const bad = cli(['experiment', '1', '--method', 'ppmi-svd', '--grid', 'dim=0', '--db', db, '--json']);
  assert.equal(bad.code, 1);
  assert.match(JSON.parse(bad.out).error, /grid\.dim: PPMI-SVD option "dim" must be between 1 and 2000, not 0/);
  const usage = cli(['experiment', '1', '--method', 'ppmi-svd', '--grid', 'dim', '--db', db]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /--grid "dim" is not KEY=VALUE/);
});

test('a kill mid-grid keeps the finished cells; experiment resume finishes the rest', async (t) => {
  const { db, pairs } = setUp(t);
  const args = ['experiment', '1', '--method', 'ppmi-svd,mstar', '--grid', 'dim=6,8,10,12', '--grid', 'min-count=1', '--grid', 'power-iterations=12',
    '--grid', 'ppmi-svd:eig=0,1', '--grid', 'max-vocab=300', '--eval', pairs, '--db', db, '--json'];
  const child = spawn(process.execPath, [bin, ...args], { env: process.env, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  let watch: Database.Database | null = null;
  let doneAtKill = 0;
  for (const t0 = Date.now(); Date.now() - t0 < 120_000 && doneAtKill < 2; await new Promise((r) => setTimeout(r, 3))) {
    try {
      watch ??= new Database(db, { readonly: true, fileMustExist: true });
      doneAtKill = (watch.prepare(`SELECT count(*) AS n FROM experiment_runs e JOIN runs r ON r.id = e.run_id WHERE r.status = 'done' AND e.evaluated = 1`).get() as { n: number }).n;
    } catch {
      // the tables are not there yet
    }
  }
  child.kill('SIGKILL');
  await exited;
  watch?.close();
  assert.ok(doneAtKill >= 2, `${doneAtKill} cells were done when the process was killed`);

  const shown = JSON.parse(cli(['experiment', 'show', '1', '--db', db, '--json']).out);
  assert.equal(shown.status, 'interrupted');
  assert.equal(shown.rows.length, 12);
  const finished = shown.rows.filter((r: { status: string }) => r.status === 'done');
  assert.ok(finished.length >= 2 && finished.length < 12, `${finished.length} done after the kill`);
  assert.match(cli(['experiment', 'list', '--db', db]).out, /interrupted\s+\d+\/12 done/);

  const resumed = cli(['experiment', 'resume', '1', '--db', db, '--json']);
  assert.equal(resumed.code, 0, resumed.err);
  const table = JSON.parse(resumed.out);
  assert.equal(table.status, 'done');
  assert.equal(table.cellsDone, 12);
  for (const before of finished) {
    const after = table.rows.find((r: { position: number }) => r.position === before.position);
    assert.equal(after.runId, before.runId, `cell ${before.position + 1} kept its run`);
    assert.deepEqual(after.metrics, before.metrics);
  }
  const runs = JSON.parse(cli(['run', 'list', '--db', db, '--json']).out) as { id: number; status: string }[];
  const linked = new Set(table.rows.map((r: { runId: number }) => r.runId));
  assert.ok(runs.filter((r) => linked.has(r.id)).every((r) => r.status === 'done'));
  assert.equal(new Set(table.rows.map((r: { runId: number }) => r.runId)).size, 12);
  assert.equal(cli(['experiment', 'resume', '1', '--db', db]).code, 1, 'nothing left to resume');
});
