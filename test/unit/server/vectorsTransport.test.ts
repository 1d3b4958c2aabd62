import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { startServer } from '../../../src/server/httpServer.js';
import { tempDir } from '../../helpers/fixtures.js';

test('import by path, export in browser mode into the export folder, download it, refuse escapes', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  const server = await startServer({ lab });
  t.after(async () => {
    await server.close();
    await lab.close();
  });
  const file = join(dir.path, 'vec.txt');
  writeFileSync(file, '3 2\nking 1 0\nqueen 0.9 0.1\nman 0 1\n');
  const imp = await lab.call('vectors.import', { source: { kind: 'path', path: file }, name: 'tiny' });
  const done = await lab.jobs.wait(imp);
  assert.equal(done.status, 'done', done.error);
  const [run] = await lab.call('run.list', {});
  assert.equal(run.name, 'tiny');
  assert.equal(run.method, 'imported');
  assert.equal(run.corpusId, null);
  assert.equal(run.vocab, 3);

  // Browser mode's export goes into the server's export folder: the page names a file in it, nothing else.
  await assert.rejects(server.browser.call('run.export', { id: run.id, format: 'w2v-text', out: '../outside.txt' }), /outside|\.\./);
  const exp = await server.browser.call('run.export', { id: run.id, format: 'w2v-text', out: 'tiny.txt' });
  assert.equal((await lab.jobs.wait(exp)).status, 'done');
  const res = await fetch(`http://127.0.0.1:${server.port}/api/download?path=tiny.txt`, { headers: { authorization: `Bearer ${server.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename\*=UTF-8''tiny\.txt/);
  const text = await res.text();
  assert.equal(text.split('\n')[0], '3 2');
  assert.match(text, /^queen 0\.9 0\.1$/m);
  const escape = await fetch(`http://127.0.0.1:${server.port}/api/download?path=..%2Flab.db`, { headers: { authorization: `Bearer ${server.token}` } });
  assert.equal(escape.status, 404);
  const noToken = await fetch(`http://127.0.0.1:${server.port}/api/download?path=tiny.txt`);
  assert.equal(noToken.status, 401);

  // A corpus's text and a backup, likewise: into the export folder only.
  const corpusDir = join(dir.path, 'texts');
  (await import('node:fs')).mkdirSync(corpusDir);
  writeFileSync(join(corpusDir, 'a.txt'), 'the cat sat on the mat\n');
  const corpus = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: corpusDir } }));
  await assert.rejects(server.browser.call('corpus.exportText', { id: corpus.result!.corpusId, out: join(dir.path, 'anywhere.txt') }), /outside|\.\.|folder|name/);
  const tokens = await lab.jobs.wait(await server.browser.call('corpus.exportText', { id: corpus.result!.corpusId, out: 'tokens.txt' }));
  assert.equal(tokens.status, 'done', tokens.error);
  assert.equal(tokens.result!.out, join(dir.path, 'lab.db.exports', 'tokens.txt'));
  // A backup, likewise: into the export folder only, then downloaded as a lab file.
  await assert.rejects(server.browser.call('lab.backup', { out: join(dir.path, 'elsewhere.lab') }), /outside|\.\.|folder|name/);
  const backup = await lab.jobs.wait(await server.browser.call('lab.backup', { out: 'copy.lab' }));
  assert.equal(backup.status, 'done', backup.error);
  assert.equal(backup.result!.out, join(dir.path, 'lab.db.exports', 'copy.lab'));
  const got = await fetch(`http://127.0.0.1:${server.port}/api/download?path=copy.lab`, { headers: { authorization: `Bearer ${server.token}` } });
  assert.equal(got.status, 200);
  assert.equal(Buffer.from(await got.arrayBuffer()).subarray(0, 15).toString(), 'SQLite format 3');
});
