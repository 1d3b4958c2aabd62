import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb, migrate, schemaVersion } from '../../../src/engine/store/db.js';
import { migrations } from '../../../src/engine/store/migrations.js';
import { insertCorpus, listCorpora, readTokens, removeCorpus, TOKENS_PER_CHUNK, type NewCorpus } from '../../../src/engine/store/corpora.js';
import { tempDir } from '../../helpers/fixtures.js';

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
  assert.equal(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'c'").get().n, 0, 'table c rolled back');
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
  assert.equal(db.prepare('SELECT COUNT(*) AS n FROM token_chunks WHERE corpus_id = ?').get(id).n, 2);
  const [summary] = listCorpora(db);
  assert.equal(summary.hapax, 1);
  assert.equal(summary.skippedCount, 1);
  assert.equal(removeCorpus(db, id), true);
  for (const table of ['corpus_files', 'corpus_skipped', 'vocab', 'token_chunks', 'corpus_breaks']) {
    assert.equal(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get().n, 0, table);
  }
});

test('a failure inside the insert transaction leaves nothing behind', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => db.close());
  const bad = corpus(10);
  bad.words = ['a', 'b', 'b']; // duplicate words are fine, but a missing count is not
  bad.counts = Uint32Array.from([3, 2]);
  assert.throws(() => insertCorpus(db, bad));
  for (const table of ['corpora', 'corpus_files', 'vocab', 'token_chunks']) {
    assert.equal(db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get().n, 0, table);
  }
});
