import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb, migrate, schemaVersion } from '../../../src/engine/store/db.js';
import { migrations } from '../../../src/engine/store/migrations.js';
import { insertCorpus, listCorpora, readTokens, removeCorpus, TOKENS_PER_CHUNK, type NewCorpus } from '../../../src/engine/store/corpora.js';
import { tempDir } from '../../helpers/fixtures.js';

const countOf = (db: Database.Database, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;

function corpus(tokens: number, name = 'c'): NewCorpus {
  const ids = Uint32Array.from({ length: tokens }, (_, i) => i % 3);
  return {
    name, source: '/x', minCount: 1, lowercase: true, ingestSeconds: 0.1,
    files: [{ path: 'a.txt', bytes: 10, tokens, firstToken: 0, encoding: 'utf-8', sha1: 'x'.repeat(40) }],
    skipped: [{ path: 'b.bin', reason: 'binary' }],
    words: ['a', 'b', 'c'], counts: Uint32Array.from([3, 2, 1]),
    tokens: { pieces: [ids.subarray(0, 5), ids.subarray(5)] }, breaks: Uint32Array.from([0]),
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
  migrate(db, [{ version: 9, name: 'future', sql: 'SELECT 1;' }]);
  assert.throws(() => migrate(db), /schema version 9, newer than this app understands/);
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
  const { encodeVarints, decodeVarints } = await import('../../../src/engine/store/varint.js');
  const ids = Uint32Array.from([0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 0xffffffff]);
  const buf = new Uint8Array(ids.length * 5);
  const n = encodeVarints(ids, buf);
  assert.equal(n, 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 4 + 4 + 5 + 5);
  const back = new Uint32Array(ids.length);
  decodeVarints(buf.subarray(0, n), ids.length, back);
  assert.deepEqual(back, ids);
  assert.throws(() => decodeVarints(buf.subarray(0, n), ids.length - 1, back), /Corrupt token chunk/);
});
