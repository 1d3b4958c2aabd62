import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb, migrate, schemaVersion } from '../../../src/engine/store/db.js';
import { migrations } from '../../../src/engine/store/migrations.js';
import { insertCorpus, listCorpora, readTokens, readVocab, readVocabCounts, readVocabWords, removeCorpus, TOKENS_PER_CHUNK, type NewCorpus } from '../../../src/engine/store/corpora.js';
import { createRun, finishRun, readRunVectors, removeRun } from '../../../src/engine/store/runs.js';
import { tempDir } from '../../helpers/fixtures.js';

const countOf = (db: Database.Database, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

function corpus(tokens: number, name = 'c'): NewCorpus {
  const ids = Uint32Array.from({ length: tokens }, (_, i) => i % 3);
  return {
    name, source: '/x', minCount: 1, lowercase: true, ingestSeconds: 0.1,
    files: [{ path: 'a.txt', bytes: 10, tokens, firstToken: 0, encoding: 'utf-8', sha1: 'x'.repeat(40) }],
    skipped: [{ path: 'b.bin', reason: 'binary' }],
    words: ['a', 'b', 'c'], counts: Uint32Array.from([3, 2, 1]),
    pieces: [ids.subarray(0, 5), ids.subarray(5)], breaks: Uint32Array.from([0]),
  };
}

test('a new lab file is in WAL mode and at the newest schema version', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(schemaVersion(db), Math.max(...migrations.map((m) => m.version)));
});

test('migrations apply in order, once, and a failing one rolls back whole', (t) => {
  const db = new Database(':memory:');
  t.after(() => db.close());
  const list = [
    { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
    { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER);' },
  ];
  assert.equal(migrate(db, list), 2);
  assert.equal(migrate(db, list), 2, 'idempotent');
  const broken = [...list, { version: 3, name: 'broken', sql: 'CREATE TABLE c (z INTEGER); INSERT INTO nowhere VALUES (1);' }];
  assert.throws(() => migrate(db, broken), /no such table: nowhere/);
  assert.equal(schemaVersion(db), 2);
  assert.equal(countOf(db, "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'c'"), 0, 'table c rolled back');
});

test('a lab file from a newer app is refused with a clear message', (t) => {
  const db = new Database(':memory:');
  t.after(() => db.close());
  const future = Math.max(...migrations.map((m) => m.version)) + 1;
  migrate(db, [{ version: future, name: 'future', sql: 'SELECT 1;' }]);
  assert.throws(() => migrate(db), new RegExp(`schema version ${future}, newer than this app understands`));
});

test('corpora are stored whole: chunks re-cut, removal cascades', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const n = TOKENS_PER_CHUNK + 123;
  const id = insertCorpus(db, corpus(n));
  const tokens = readTokens(db, id);
  assert.equal(tokens.length, n);
  assert.equal(tokens[n - 1], (n - 1) % 3);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM token_chunks WHERE corpus_id = ?', id), 2);
  const [summary] = listCorpora(db);
  assert.equal(summary.hapax, 1);
  assert.equal(summary.skippedCount, 1);
  assert.equal(removeCorpus(db, id), true);
  for (const table of ['corpus_files', 'corpus_skipped', 'corpus_vocab', 'token_chunks', 'corpus_breaks']) {
    assert.equal(countOf(db, `SELECT COUNT(*) AS n FROM ${table}`), 0, table);
  }
});

test('a failure inside the insert transaction leaves nothing behind', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const bad = corpus(10);
  // A vocabulary whose counts do not match its words is refused after rows were already written.
  bad.counts = Uint32Array.from([3, 2]);
  assert.throws(() => insertCorpus(db, bad));
  for (const table of ['corpora', 'corpus_files', 'corpus_vocab', 'token_chunks']) {
    assert.equal(countOf(db, `SELECT COUNT(*) AS n FROM ${table}`), 0, table);
  }
});

test('varints round-trip every magnitude and refuse stray bytes', async () => {
  const { encodeVarints, decodeVarints } = await import('../../../src/engine/base/varint.js');
  const ids = Uint32Array.from([0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 0xffffffff]);
  const buf = new Uint8Array(ids.length * 5);
  const n = encodeVarints(ids, buf);
  assert.equal(n, 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 4 + 4 + 5 + 5);
  const back = new Uint32Array(ids.length);
  decodeVarints(buf.subarray(0, n), ids.length, back);
  assert.deepEqual(back, ids);
  assert.throws(() => decodeVarints(buf.subarray(0, n), ids.length - 1, back), /Corrupt token chunk/);
});

test('run matrices are stored in pieces and read back whole; rows from before schema 5 still read', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const corpusId = insertCorpus(db, corpus(20));
  const V = 11_000;
  const dim = 100; // 1.1M floats: two pieces for W, two for C
  const W = Float32Array.from({ length: V * dim }, (_, i) => Math.sin(i));
  const C = Float32Array.from({ length: V * dim }, (_, i) => Math.cos(i));
  const words = Array.from({ length: V }, (_, i) => `w${i}`);
  const counts = Uint32Array.from({ length: V }, (_, i) => V - i);
  const outcome = { series: {}, metrics: {}, phases: {}, seconds: 1, log: '' };
  const withC = createRun(db, { name: 'a', corpusId, method: 'sgns', params: {} });
  finishRun(db, withC, { ...outcome, vectors: { words, counts, dim, W, C } });
  const withoutC = createRun(db, { name: 'b', corpusId, method: 'ppmi-svd', params: {} });
  finishRun(db, withoutC, { ...outcome, vectors: { words, counts, dim, W } });
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM run_matrix_chunks WHERE run_id = ?', withC), 4);
  const a = readRunVectors(db, withC);
  assert.deepEqual(a.W, W);
  assert.deepEqual(a.C, C);
  assert.deepEqual(a.words, words);
  const b = readRunVectors(db, withoutC);
  assert.deepEqual(b.W, W);
  assert.equal(b.C, undefined);

  // A run saved by an older version keeps its matrices in the run_vectors row.
  const legacy = createRun(db, { name: 'old', corpusId, method: 'sgns', params: {} });
  const small = Float32Array.from([1, 2, 3, 4, 5, 6]);
  db.prepare('INSERT INTO run_vectors (run_id, words, counts, dim, w, c) VALUES (?, ?, ?, ?, ?, NULL)')
    .run(legacy, 'x\ny', Buffer.from(Uint32Array.from([2, 1]).buffer), 3, Buffer.from(small.buffer));
  const old = readRunVectors(db, legacy);
  assert.deepEqual(old.W, small);
  assert.deepEqual(old.words, ['x', 'y']);
  assert.equal(old.C, undefined);

  removeRun(db, withC);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM run_matrix_chunks WHERE run_id = ?', withC), 0);
});

test('a run reads only the kept prefix of the vocabulary', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const id = insertCorpus(db, corpus(20));
  assert.deepEqual(readVocabWords(db, id, 2), ['a', 'b']);
  assert.deepEqual(readVocabWords(db, id, 3), readVocab(db, id).words);
  assert.deepEqual(readVocabWords(db, id, 0), []);
  assert.deepEqual(readVocabCounts(db, id), readVocab(db, id).counts);
  assert.throws(() => readVocabWords(db, id, 4), /has 3 words, not 4/);
});

test('ids are never reused: removing the newest corpus or run does not hand its id to the next one', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const first = insertCorpus(db, corpus(8, 'first'));
  const run = createRun(db, { name: 'r', corpusId: first, method: 'sgns', params: {} });
  assert.ok(removeRun(db, run));
  assert.ok(removeCorpus(db, first));
  const second = insertCorpus(db, corpus(8, 'second'));
  assert.ok(second > first, `corpus id ${second} after removing ${first}`);
  const again = createRun(db, { name: 'r2', corpusId: second, method: 'sgns', params: {} });
  assert.ok(again > run, `run id ${again} after removing ${run}`);
});

test('the migration to ids that are never reused keeps every row and every foreign key', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const path = join(dir.path, 'old.db');
  const old = openDb(path, { migrate: false });
  migrate(old, migrations.filter((m) => m.version <= 5));
  const a = insertCorpus(old, corpus(8, 'a'));
  const b = insertCorpus(old, corpus(9, 'b'));
  // Runs as a schema-5 app wrote them (no owner column yet).
  const oldRun = (name: string, corpusId: number): number => Number(old.prepare(
    "INSERT INTO runs (name, corpus_id, method, params, status, created_at, owner_pid) VALUES (?, ?, 'sgns', '{}', 'running', ?, ?)",
  ).run(name, corpusId, new Date().toISOString(), process.pid).lastInsertRowid);
  const runA = oldRun('on a', a);
  oldRun('on b', b);
  removeCorpus(old, b); // the newest: an old file would hand id b out again
  old.close();

  const db = openDb(path);
  t.after(() => db.close());
  assert.equal(schemaVersion(db), Math.max(...migrations.map((m) => m.version)));
  assert.deepEqual(listCorpora(db).map((c) => c.name), ['a']);
  assert.deepEqual(readTokens(db, a).length, 8);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM runs WHERE corpus_id = ?', a), 1);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM runs WHERE corpus_id IS NULL'), 1, "the removed corpus's run was kept without its corpus");
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  // The cascades still hold after the rebuild.
  removeCorpus(db, a);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM corpus_files WHERE corpus_id = ?', a), 0);
  assert.equal(countOf(db, 'SELECT COUNT(*) AS n FROM runs WHERE id = ? AND corpus_id IS NULL', runA), 1);
  // New ids continue after the highest ever stored.
  const c = insertCorpus(db, corpus(8, 'c'));
  assert.ok(c > a, `new corpus id ${c}`);
});

test('durability settings on every connection: WAL, synchronous NORMAL, foreign keys, a busy timeout', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  for (const migrateIt of [true, false]) {
    const db = openDb(join(dir.path, 'lab.db'), { migrate: migrateIt });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('synchronous', { simple: true }), 1, 'NORMAL');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('busy_timeout', { simple: true }), 10000);
    db.close();
  }
});
