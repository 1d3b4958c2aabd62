import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../../src/engine/store/db.js';
import { getRunDetail, readRunVectors } from '../../../src/engine/store/runs.js';
import { importVectorsAsRun } from '../../../src/engine/formats/importRun.js';
import { exportVectors, importVectors } from '../../../src/engine/formats/index.js';
import { Cancelled } from '../../../src/engine/base/errors.js';
import type { ProgressSink } from '../../../src/engine/base/progress.js';
import { exportRun } from '../../../src/engine/formats/exportRun.js';
import { tempDir } from '../../helpers/fixtures.js';
import { binaryFile, makeVectors, sameFloats, UNICODE_WORDS, write } from './helpers.js';

function lab(t: { after(fn: () => void): void }): { db: Db; dir: string } {
  const d = tempDir();
  const db = openDb(join(d.path, 'lab.db'));
  t.after(() => {
    db.close();
    d.cleanup();
  });
  return { db, dir: d.path };
}

const snapshot = (db: Db): unknown[] => [
  db.prepare('SELECT * FROM runs ORDER BY id').all(),
  db.prepare('SELECT run_id, dim, length(w) AS bytes FROM run_vectors ORDER BY run_id').all(),
  db.prepare('SELECT run_id, matrix, seq, length(data) AS bytes FROM run_matrix_chunks ORDER BY run_id, matrix, seq').all(),
  db.prepare('SELECT * FROM run_series ORDER BY run_id, name').all(),
];

function recorder(): ProgressSink & { phases: [string, number, string][]; last: number; updates: number } {
  const r = {
    phases: [] as [string, number, string][], last: -1, updates: 0,
    phase(name: string, total: number, unit: string) {
      r.phases.push([name, total, unit]);
    },
    update(done: number) {
      r.last = done;
      r.updates++;
    },
  };
  return r;
}

test('an import becomes a finished run without a corpus, method "imported", with its source in params', async (t) => {
  const { db, dir } = lab(t);
  const v = makeVectors();
  const file = join(dir, 'vecs.bin.gz');
  await exportVectors(v, { format: 'w2v-bin', out: file });
  const progress = recorder();
  const res = await importVectorsAsRun(db, file, { progress });
  assert.equal(res.name, 'vecs');
  assert.deepEqual([res.format, res.gzip, res.words, res.dim], ['w2v-bin', true, UNICODE_WORDS.length, 7]);
  const run = getRunDetail(db, res.runId);
  assert.deepEqual(
    [run.status, run.corpusId, run.method, run.params, run.dim, run.vocab],
    ['done', null, 'imported', { source: file, format: 'w2v-bin', gzip: true }, 7, UNICODE_WORDS.length],
  );
  assert.match(run.log, /^Imported 7 words × 7 dimensions from .*vecs\.bin\.gz \(word2vec binary, gzip\)/);
  const stored = readRunVectors(db, res.runId);
  assert.deepEqual(stored.words, UNICODE_WORDS);
  assert.ok(sameFloats(stored.W, v.W));
  assert.equal(stored.C, undefined);
  // Progress: one read phase in bytes of the file on disk, ending at the total.
  assert.equal(progress.phases.length, 1);
  assert.equal(progress.phases[0][0], 'read');
  assert.equal(progress.phases[0][2], 'bytes');
  assert.equal(progress.last, progress.phases[0][1]);
  // Named runs, and warnings kept in the log.
  const dup = write(join(dir, 'dup.txt'), 'a 1\nb 2\na 3\n');
  const r2 = await importVectorsAsRun(db, dup, { name: 'My GloVe', format: 'glove' });
  assert.equal(getRunDetail(db, r2.runId).name, 'My GloVe');
  assert.equal(r2.warnings.length, 1);
  assert.match(getRunDetail(db, r2.runId).log, /warning: .*duplicate word "a"/);
});

test('a failed import leaves the database exactly as it was', async (t) => {
  const { db, dir } = lab(t);
  await importVectorsAsRun(db, write(join(dir, 'ok.txt'), 'a 1 2\n'));
  const before = snapshot(db);
  const bad: [string, string | Buffer][] = [
    ['empty.txt', ''],
    ['dims.txt', 'a 1 2\nb 1 2 3\n'],
    ['nan.txt', 'a 1 2\nb nan 2\n'],
    ['header.txt', '5 2\na 1 2\n'],
    ['trunc.bin', binaryFile(['a', 'b'], [[1, 2], [3, 4]]).subarray(0, 20)],
  ];
  for (const [name, content] of bad) {
    await assert.rejects(importVectorsAsRun(db, write(join(dir, name), content)), /line|byte|empty/, name);
    assert.deepEqual(snapshot(db), before, `${name} left nothing behind`);
  }
  await assert.rejects(importVectorsAsRun(db, join(dir, 'missing.txt')), /no such file/);
  assert.deepEqual(snapshot(db), before);
});

test('cancelling an import or an export stops it, stores nothing and leaves no file', async (t) => {
  const { db, dir } = lab(t);
  const big = makeVectors(Array.from({ length: 30000 }, (_, i) => `w${i}`), 50, 3, false);
  const file = join(dir, 'big.txt');
  await exportVectors(big, { format: 'w2v-text', out: file });
  const before = snapshot(db);
  const ac = new AbortController();
  const progress: ProgressSink = { phase() {}, update: (done) => done > 0 && ac.abort() };
  await assert.rejects(importVectorsAsRun(db, file, { progress, signal: ac.signal }), Cancelled);
  assert.deepEqual(snapshot(db), before);

  for (const format of ['w2v-text', 'w2v-bin', 'tsv', 'npy'] as const) {
    const out = join(dir, `cancelled-${format}`);
    const ac2 = new AbortController();
    const p2: ProgressSink = { phase() {}, update: (done) => done > 0 && ac2.abort() };
    await assert.rejects(exportVectors(big, { format, out, progress: p2, signal: ac2.signal }), Cancelled, format);
    const left = existsSync(out) && (format === 'tsv' || format === 'npy') ? readdirSync(out) : [];
    assert.deepEqual(left, [], `${format}: no files in the folder`);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.partial')).length, 0);
    if (format !== 'tsv' && format !== 'npy') assert.equal(existsSync(out), false);
  }
  // An export that fails half-way leaves an earlier export of the same name untouched.
  writeFileSync(join(dir, 'keep.txt'), 'old');
  const ac3 = new AbortController();
  await assert.rejects(
    exportVectors(big, { format: 'w2v-text', out: join(dir, 'keep.txt'), signal: ac3.signal, progress: { phase() {}, update: (d) => d > 0 && ac3.abort() } }),
    Cancelled,
  );
  assert.equal((await import('node:fs')).readFileSync(join(dir, 'keep.txt'), 'utf8'), 'old');
});

test('exportRun writes a run; importVectorsAsRun brings it back as a new run', async (t) => {
  const { db, dir } = lab(t);
  const v = makeVectors();
  const first = await importVectorsAsRun(db, await (async () => {
    const p = join(dir, 'src');
    await exportVectors(v, { format: 'npy', out: p });
    return p;
  })());
  assert.deepEqual([...readRunVectors(db, first.runId).counts], [...v.counts], 'npy vocab counts are stored');
  for (const format of ['w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy'] as const) {
    const out = join(dir, `out-${format}`);
    const res = await exportRun(db, first.runId, { format, out, top: 5 });
    assert.equal(res.runId, first.runId);
    assert.equal(res.words, 5);
    const back = await importVectorsAsRun(db, out, { format: 'auto', name: `back ${format}` });
    const stored = readRunVectors(db, back.runId);
    assert.deepEqual(stored.words, UNICODE_WORDS.slice(0, 5));
    assert.ok(sameFloats(stored.W, v.W.subarray(0, 5 * 7)));
  }
  const projected = await exportRun(db, first.runId, { format: 'tsv', out: join(dir, 'p2') });
  assert.match((await import('node:fs')).readFileSync(projected.files[2], 'utf8'), /"tensorName": "src"/);
  await assert.rejects(exportRun(db, 999, { format: 'glove', out: join(dir, 'x.txt') }), /no run with id 999/);
  await assert.rejects(exportRun(db, first.runId, { format: 'tsv', out: join(dir, 'x.tsv') }), /writes vectors.tsv, metadata.tsv and projector_config.json into a folder/);
  await assert.rejects(exportRun(db, first.runId, { format: 'glove', out: join(dir, 'x.txt'), contexts: true }), /no context vectors/);
  const imported = await importVectors(join(dir, 'out-glove'));
  assert.equal(imported.format, 'glove');
});
