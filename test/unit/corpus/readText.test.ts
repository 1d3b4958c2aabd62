import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BLOCK_BYTES, readTextBlocks } from '../../../src/engine/corpus/readText.js';
import { tempDir } from '../../helpers/fixtures.js';
import { seeded } from '../../helpers/bounded.js';

/** Text that never repeats (a repeating file hides a block read in the wrong place), with multi-byte letters. */
function randomText(chars: number, seed: number): string {
  const rand = seeded(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyzéüжä東京';
  let out = '';
  while (out.length < chars) {
    const len = 1 + Math.floor(rand() * 12);
    for (let i = 0; i < len; i++) out += letters[Math.floor(rand() * letters.length)];
    out += rand() < 0.05 ? '\n' : ' ';
  }
  return out;
}

async function readBack(path: string, gzip = false): Promise<{ text: string; blocks: number }> {
  const { blocks } = readTextBlocks(path, gzip, false);
  const parts: Buffer[] = [];
  for await (const b of blocks) parts.push(Buffer.from(b)); // a block is only valid until the next one
  return { text: Buffer.concat(parts).toString('utf8'), blocks: parts.length };
}

test('a file of several blocks reads back exactly: the tail carried to the next block is not overwritten by the next read', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const text = randomText(3.5 * BLOCK_BYTES / 1.3, 16);
  const plain = join(dir.path, 'plain.txt');
  writeFileSync(plain, text);
  const got = await readBack(plain);
  assert.ok(got.blocks >= 3, `read in ${got.blocks} blocks`);
  assert.ok(got.text === text, 'the text read equals the file');

  const gz = join(dir.path, 'plain.txt.gz');
  writeFileSync(gz, gzipSync(text));
  assert.ok((await readBack(gz, true)).text === text, 'the same through gzip');

  const wide = join(dir.path, 'utf16.txt');
  writeFileSync(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(0, 1.2 * BLOCK_BYTES), 'utf16le')]));
  assert.ok((await readBack(wide)).text === text.slice(0, 1.2 * BLOCK_BYTES), 'the same from UTF-16');
});
