/**
 * Schema 10 (experiments) was written beside 11 (pair marginals), so a lab file can be at 11
 * without 10: opening it must still create the experiment tables, and then record 10.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../src/engine/store/db.js';
import { migrations } from '../../../src/engine/store/migrations.js';

test('a lab file at schema 11 without 10 gets the experiment tables when opened', (t) => {
  const db = new Database(':memory:');
  t.after(() => db.close());
  migrate(db, migrations.filter((m) => m.version !== 10));
  assert.equal(schemaVersion(db), Math.max(...migrations.map((m) => m.version)));
  const tables = (): string[] => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'experiment%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(tables(), []);
  migrate(db);
  assert.deepEqual(tables(), ['experiment_runs', 'experiments']);
  const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  assert.deepEqual(versions, migrations.map((m) => m.version).sort((a, b) => a - b));
  migrate(db); // nothing left to apply: no error, nothing applied twice
  assert.equal((db.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version = 10').get() as { n: number }).n, 1);
});
