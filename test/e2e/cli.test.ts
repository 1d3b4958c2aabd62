import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMixedFolder, makeZipfFolder, tempDir } from '../helpers/fixtures.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'embedlab.js');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('corpus add/list/show/export-text/remove with --json', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(join(dir.path, 'mixed'));
  makeZipfFolder(join(dir.path, 'zipf'), 5, 2000);
  const db = join(dir.path, 'lab.db');

  const add = cli(['corpus', 'add', join(dir.path, 'mixed'), '--db', db, '--name', 'Mixed', '--json']);
  assert.equal(add.code, 0, add.err);
  const added = JSON.parse(add.out); // exactly one JSON document on stdout
  assert.equal(added.id, 1);
  assert.equal(added.name, 'Mixed');
  assert.equal(added.files, 6);
  assert.ok(added.bytes > 0);
  assert.equal(added.tokens, 10 + 6 + 2 + 7 + 5 + 3); // per file, as in the fixture's text
  assert.ok(added.types > 10);
  assert.deepEqual(added.skipped.map((s: { path: string }) => s.path).sort(),
    ['binary.txt', 'copy-of-a.txt', 'empty.txt', 'image.png', 'nested/loop/']);

  // EMBEDLAB_DB stands in for --db.
  const add2 = cli(['corpus', 'add', join(dir.path, 'zipf'), '--min-count', '3', '--json'], { EMBEDLAB_DB: db });
  assert.equal(add2.code, 0, add2.err);
  assert.equal(JSON.parse(add2.out).minCount, 3);

  const list = JSON.parse(cli(['corpus', 'list', '--db', db, '--json']).out);
  assert.deepEqual(list.map((c: { name: string }) => c.name), ['Mixed', 'zipf']);

  const show = JSON.parse(cli(['corpus', 'show', '2', '--db', db, '--json']).out);
  assert.equal(show.tokens, 10_000);
  assert.ok(show.top.length > 0 && show.top[0].count >= show.top[1].count);
  assert.equal(typeof show.top[0].word, 'string');

  const out = join(dir.path, 'zipf.txt');
  const exp = cli(['corpus', 'export-text', '2', '--out', out, '--db', db, '--json']);
  assert.equal(exp.code, 0, exp.err);
  const text = readFileSync(out, 'utf8').trim().split('\n');
  // Each 2,000-token document has no blank line, so it wraps at 1,000 tokens: two lines per document.
  assert.equal(text.length, 10);
  assert.ok(text.every((l) => l.split(' ').length <= 1000));
  assert.equal(text.join(' ').split(' ').length, 10_000);

  const rm = cli(['corpus', 'remove', '1', '--db', db, '--json']);
  assert.deepEqual(JSON.parse(rm.out), { removed: true });
  assert.deepEqual(JSON.parse(cli(['corpus', 'list', '--db', db, '--json']).out).map((c: { id: number }) => c.id), [2]);
});

test('errors are clear, and --json still prints one JSON document', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const missing = cli(['corpus', 'add', join(dir.path, 'nope'), '--db', db, '--json']);
  assert.equal(missing.code, 1);
  assert.match(JSON.parse(missing.out).error, /Cannot read the folder .*nope: it does not exist \(ENOENT\)\./);
  const noCorpus = cli(['corpus', 'show', '7', '--db', db]);
  assert.equal(noCorpus.code, 1);
  assert.match(noCorpus.err, /no corpus with id 7/);
  const usage = cli(['corpus', 'show', 'seven', '--db', db]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /positive integer, not "seven"/);
  const badFlag = cli(['corpus', 'add', dir.path, '--min-count', 'many', '--db', db]);
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.err, /--min-count must be an integer/);
  const unknown = cli(['frobnicate', '--db', db]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command "frobnicate"/);
});

test('train and run list/show/remove with --json on a generated corpus', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeZipfFolder(join(dir.path, 'zipf'), 6, 4000, 500);
  const db = join(dir.path, 'lab.db');
  assert.equal(cli(['corpus', 'add', join(dir.path, 'zipf'), '--db', db]).code, 0);
  const r = cli(['train', '1', '--method', 'ppmi-svd', '--dim', '12', '--window', '5', '--dynamic', '--cds', '0.75', '--shift', '1', '--eig', '0.5', '--threads', '2', '--db', db, '--json']);
  assert.equal(r.code, 0, r.err);
  const run = JSON.parse(r.out);
  assert.equal(run.run, 1);
  assert.equal(run.method, 'ppmi-svd');
  assert.equal(run.dim, 12);
  assert.ok(run.vocab > 100);
  assert.ok(run.seconds > 0);
  assert.deepEqual(Object.keys(run.phases), ['counting', 'caching counts', 'ppmi', 'svd', 'saving']);
  assert.equal(run.params.weighting, 'dynamic');
  assert.equal(run.series.spectrum.length, 12);

  const harmonic = JSON.parse(cli(['train', '1', '--method', 'ppmi-svd', '--dim', '4', '--harmonic', '--no-normalize', '--db', db, '--json']).out);
  assert.equal(harmonic.params.weighting, 'harmonic');

  const bad = cli(['train', '1', '--method', 'ppmi-svd', '--negative', '5', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--negative is not an option of ppmi-svd/);
  const badValue = cli(['train', '1', '--method', 'ppmi-svd', '--dim', 'big', '--db', db, '--json']);
  assert.equal(badValue.code, 1);
  assert.match(JSON.parse(badValue.out).error, /option "dim" is an integer/);

  const list = JSON.parse(cli(['run', 'list', '--db', db, '--json']).out);
  assert.deepEqual(list.map((x: { id: number; status: string }) => [x.id, x.status]), [[1, 'done'], [2, 'done']]);
  const show = JSON.parse(cli(['run', 'show', '1', '--db', db, '--json']).out);
  assert.equal(show.metrics.cachedCounts, 0);
  assert.deepEqual(JSON.parse(cli(['run', 'remove', '2', '--db', db, '--json']).out), { removed: true });
  assert.equal(JSON.parse(cli(['run', 'list', '--db', db, '--json']).out).length, 1);
});

test('eval, neighbors, analogy and compare from the CLI', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeZipfFolder(join(dir.path, 'zipf'), 6, 4000, 400);
  const db = join(dir.path, 'lab.db');
  assert.equal(cli(['corpus', 'add', join(dir.path, 'zipf'), '--db', db]).code, 0);
  assert.equal(cli(['train', '1', '--method', 'ppmi-svd', '--dim', '8', '--db', db]).code, 0);
  assert.equal(cli(['train', '1', '--method', 'ppmi-svd', '--dim', '8', '--eig', '1', '--db', db]).code, 0);
  const q = join(dir.path, 'q.txt');
  writeFileSync(q, 'w1 w2 w3 w4\nw1 w2 w3 missing\n');
  const r = cli(['eval', '1', '--analogy', q, '--similarity', 'ws353', '--restrict', '1000', '--db', db, '--json']);
  assert.equal(r.code, 0, r.err);
  const e = JSON.parse(r.out);
  assert.deepEqual(Object.keys(e.analogy), ['q.txt']);
  assert.equal(e.analogy['q.txt'].total, 1);
  assert.equal(e.analogy['q.txt'].oov, 1);
  assert.equal(e.analogy['q.txt'].method, 'add');
  assert.ok('accuracy' in e.analogy['q.txt'] && 'sections' in e.analogy['q.txt']);
  assert.deepEqual(Object.keys(e.similarity.ws353).sort(), ['oov', 'oovRatio', 'pairs', 'pearson', 'spearman']);
  const n = JSON.parse(cli(['neighbors', '1', 'w3', '--k', '4', '--db', db, '--json']).out);
  assert.equal(n.neighbors.length, 4);
  const a = JSON.parse(cli(['analogy', '1', 'w1', 'w2', 'w3', '--k', '2', '--db', db, '--json']).out);
  assert.equal(a.add.length, 2);
  assert.equal(a.mul.length, 2);
  const c = JSON.parse(cli(['compare', '1', '2', '--db', db, '--json']).out);
  assert.equal(c.a.id, 1);
  assert.equal(c.procrustes.applicable, true);
  const missing = cli(['analogy', '1', 'w1', 'qqq', 'w3', '--db', db]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /Not in this run's vocabulary: qqq/);
});
