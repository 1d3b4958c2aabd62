import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { walkTextFiles } from '../../../src/engine/corpus/walk.js';
import { readTextBlocks, SkipFile } from '../../../src/engine/corpus/readText.js';
import { makeMixedFolder, tempDir } from '../../helpers/fixtures.js';

async function readAll(path: string, gzip = false): Promise<{ text: string; encoding: string; sha1: string }> {
  const { blocks, info } = readTextBlocks(path, gzip);
  const parts: Uint8Array[] = [];
  for await (const b of blocks) parts.push(b);
  return { text: Buffer.concat(parts).toString('utf8'), encoding: info.encoding, sha1: info.sha1 };
}

test('walker: recursive, sorted, follows links without looping, reports what it skips', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(dir.path);
  const { files, skipped } = walkTextFiles(dir.path);
  assert.deepEqual(files.map((f) => f.path), [
    'a.txt', 'b.md', 'binary.txt', 'copy-of-a.txt', 'empty.txt', 'latin1.txt',
    'nested/c.text', 'nested/deeper/d.txt.gz', 'utf16.txt',
  ]);
  assert.equal(files.find((f) => f.path.endsWith('.gz'))!.gzip, true);
  const reasons = Object.fromEntries(skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons['image.png'], /not a text file type/);
  assert.match(reasons['nested/loop/'], /already visited/);
});

test('walker: a missing folder is a clear error naming it', () => {
  assert.throws(() => walkTextFiles('/no/such/folder'), /Cannot read the folder \/no\/such\/folder: it does not exist \(ENOENT\)\./);
});

test('reader: UTF-8 with BOM, Latin-1 fallback, UTF-16, gzip', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(dir.path);
  const bom = await readAll(join(dir.path, 'b.md'));
  assert.ok(bom.text.startsWith('# Heading'), 'BOM stripped');
  assert.equal(bom.encoding, 'utf-8');
  const latin = await readAll(join(dir.path, 'latin1.txt'));
  assert.equal(latin.text, 'café naïve\n');
  assert.equal(latin.encoding, 'latin-1');
  const wide = await readAll(join(dir.path, 'utf16.txt'));
  assert.equal(wide.text, 'wide text here\n');
  const gz = await readAll(join(dir.path, 'nested/deeper/d.txt.gz'), true);
  assert.equal(gz.text, 'Compressed words: cat dog cat.\n');
  const a = await readAll(join(dir.path, 'a.txt'));
  const copy = await readAll(join(dir.path, 'copy-of-a.txt'));
  assert.equal(a.sha1, copy.sha1);
  assert.match(a.sha1, /^[0-9a-f]{40}$/);
});

test('reader: binary files are refused with a reason', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(dir.path);
  await assert.rejects(readAll(join(dir.path, 'binary.txt')), (e: unknown) => e instanceof SkipFile && /binary/.test((e as Error).message));
});

test('reader: blocks end on character boundaries in a large multi-byte file', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { writeFileSync } = await import('node:fs');
  const path = join(dir.path, 'big.txt');
  // ~9 MB of two-byte and three-byte characters, more than two blocks, no ASCII spaces for long stretches.
  const unit = 'éü東'.repeat(50_000) + '\n';
  writeFileSync(path, unit.repeat(20));
  const { blocks } = readTextBlocks(path, false);
  let n = 0;
  let total = '';
  for await (const b of blocks) {
    n++;
    total += Buffer.from(b).toString('utf8');
  }
  assert.ok(n >= 2, `read in ${n} blocks`);
  assert.equal(total, unit.repeat(20));
});
