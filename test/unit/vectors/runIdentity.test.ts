import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { tempDir } from '../../helpers/fixtures.js';

/**
 * A server's lab and a CLI's lab on the same file: the CLI removes a run and imports another.
 * The server must not answer the removed run's vectors, under either id.
 */
test('a run removed and replaced by another process is never answered from a cache', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const server = new Lab({ dbPath: db, mode: 'browser' });
  const cli = new Lab({ dbPath: db, mode: 'cli' });
  t.after(async () => {
    await server.close();
    await cli.close();
  });
  const importFile = async (lab: Lab, name: string, text: string): Promise<number> => {
    const file = join(dir.path, `${name}.txt`);
    writeFileSync(file, text);
    const done = await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: file }, name }));
    assert.equal(done.status, 'done', done.error);
    return done.result!.runId;
  };
  const first = await importFile(server, 'first', '3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n');
  const before = await server.call('vectors.neighbors', { runId: first, word: 'king', k: 1 });
  assert.equal(before.neighbors[0].word, 'queen');

  await cli.call('run.remove', { id: first });
  const second = await importFile(cli, 'second', '3 2\nking 1 0\nqueen 0 1\nman 0.9 0.1\n');
  assert.notEqual(second, first, 'the new run gets a new id');
  await assert.rejects(server.call('vectors.neighbors', { runId: first, word: 'king', k: 1 }), /no run with id/i);
  const after = await server.call('vectors.neighbors', { runId: second, word: 'king', k: 1 });
  assert.equal(after.neighbors[0].word, 'man', "the new run's own vectors");
});
