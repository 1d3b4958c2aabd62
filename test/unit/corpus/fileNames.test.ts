import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { displayName, walkTextFiles } from '../../../src/engine/corpus/walk.js';
import { tempDir } from '../../helpers/fixtures.js';

// Linux allows any bytes but / and NUL in a name: "caf\xe9.txt" is Latin-1, not UTF-8.
const latin1Name = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]);
const latin1Folder = Buffer.from([0x64, 0x69, 0x72, 0xff]);

test('a file whose name is not UTF-8 is read, and shown with its odd bytes as \\xNN', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const root = join(dir.path, 'corpus');
  mkdirSync(root);
  writeFileSync(Buffer.concat([Buffer.from(root + '/'), latin1Name]), 'the latin name holds words\n');
  mkdirSync(Buffer.concat([Buffer.from(root + '/'), latin1Folder]));
  writeFileSync(Buffer.concat([Buffer.from(root + '/'), latin1Folder, Buffer.from('/inner.txt')]), 'inside an odd folder\n');
  writeFileSync(join(root, 'plain.txt'), 'a plain name\n');

  const walk = walkTextFiles(root);
  assert.deepEqual(walk.skipped, []);
  assert.deepEqual(walk.files.map((f) => f.path), ['caf\\xe9.txt', 'dir\\xff/inner.txt', 'plain.txt']);
  assert.ok(Buffer.isBuffer(walk.files[0].absPath), 'the odd name is opened by its bytes');
  assert.equal(typeof walk.files[2].absPath, 'string', 'a UTF-8 name stays a string');

  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const job = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: root } }));
  assert.equal(job.status, 'done', job.error);
  const c = await lab.call('corpus.get', { id: (job.result as { corpusId: number }).corpusId });
  assert.deepEqual(c.skipped, []);
  assert.deepEqual(c.fileList.map((f) => [f.path, f.tokens]), [['caf\\xe9.txt', 5], ['dir\\xff/inner.txt', 4], ['plain.txt', 3]]);
});

test('names: valid UTF-8 is kept, each byte of a broken sequence is shown on its own', () => {
  assert.equal(displayName(Buffer.from('café-жук.txt')), 'café-жук.txt');
  assert.equal(displayName(Buffer.from([0x61, 0xe2, 0x82, 0x62])), 'a\\xe2\\x82b'); // a cut 3-byte sequence
  assert.equal(displayName(Buffer.from([0xc0, 0xaf, 0x41])), '\\xc0\\xafA'); // an overlong "/"
  assert.equal(displayName(Buffer.from([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80'); // a UTF-16 surrogate
  assert.equal(displayName(Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xff])), '😀\\xff');
});
