/**
 * Vector files that would not fit: a line of 2 GB, and headers that claim 10⁹ words. Each is refused
 * with the file and the line (or byte) named, before the matrix is allocated, in a child with a bounded
 * heap. `npm test` writes a 200 MB line; EMBEDLAB_HEAVY=1 a 2 GB one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importVectors } from '../../../src/engine/formats/index.js';
import { tempDir } from '../../helpers/fixtures.js';
import { assertRefused, heavy, MB, mb, runBounded, writeRepeated } from '../../helpers/bounded.js';

const importStep = (path: string, format: string) => ({ call: 'vectors.import', input: { source: { kind: 'path', path }, format } });

test(`a vector file with one ${heavy ? '2 GB' : '200 MB'} line is refused at that line, in bounded memory`, { timeout: 900_000 }, (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const bytes = (heavy ? 2048 : 200) * MB;
  const values = Buffer.from(' 0.125'.repeat(1 << 18));
  const w2v = join(dir.path, 'long.vec');
  writeRepeated(w2v, bytes, values, Buffer.from('1 3\nword'));
  const glove = join(dir.path, 'long.glove.txt');
  writeRepeated(glove, bytes, values, Buffer.from('word'));
  const db = join(dir.path, 'lab.db');
  const a = runBounded(db, [importStep(w2v, 'w2v-text')], { heapMb: 256, timeoutMs: 300_000 });
  assertRefused(a, [/long\.vec: line 2 is longer than 64 MiB; this is not a text vector file\./]);
  const b = runBounded(db, [importStep(glove, 'glove')], { heapMb: 256, timeoutMs: 300_000 });
  assertRefused(b, [/long\.glove\.txt: line 1 is longer than 64 MiB/]);
  t.diagnostic(`refused: peak RSS ${mb(a.peakRssBytes)} in ${a.seconds.toFixed(1)} s, ${mb(b.peakRssBytes)} in ${b.seconds.toFixed(1)} s`);
  // The reader holds at most the 64 MiB cap of a line (grown a chunk at a time, so with some garbage),
  // whatever the line's length: 420–440 MiB here for 200 MB and for 2 GB.
  for (const out of [a, b]) assert.ok(out.peakRssBytes < 600 * MB, `peak RSS ${mb(out.peakRssBytes)}`);
});

test('a header that claims 10⁹ words is refused before anything is allocated (word2vec text and binary, .npy)', { timeout: 300_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const text = join(dir.path, 'claims.vec');
  writeFileSync(text, '1000000000 300\nking' + ' 0.5'.repeat(300) + '\nqueen' + ' 0.25'.repeat(300) + '\n');
  const bin = join(dir.path, 'claims.bin');
  const row = (w: string, v: number): Buffer => Buffer.concat([Buffer.from(`${w} `), Buffer.from(new Float32Array(300).fill(v).buffer), Buffer.from('\n')]);
  writeFileSync(bin, Buffer.concat([Buffer.from('1000000000 300\n'), row('king', 0.5), row('queen', 0.25)]));
  const npyDir = join(dir.path, 'npy');
  mkdirSync(npyDir);
  const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 300), }";
  const pad = 64 - ((10 + header.length + 1) % 64);
  writeFileSync(join(npyDir, 'vectors.npy'), Buffer.concat([
    Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), Buffer.from(new Uint16Array([header.length + pad + 1]).buffer),
    Buffer.from(header + ' '.repeat(pad) + '\n'), Buffer.from(new Float32Array(600).fill(0.5).buffer),
  ]));
  writeFileSync(join(npyDir, 'vocab.txt'), 'king\nqueen\n');

  const announced = /the header announces 1,000,000,000 words × 300 dimensions \(1200\.00 GB\), larger than one run can hold \(1\.00 GB\); import the first 833,333 words or fewer \(limit\)\./;
  const db = join(dir.path, 'lab.db');
  for (const [path, format, where] of [[text, 'w2v-text', /claims\.vec: line 1: /], [bin, 'w2v-bin', /claims\.bin: line 1: /], [npyDir, 'npy', /vectors\.npy: byte 10: /]] as const) {
    const out = runBounded(db, [importStep(path, format)], { heapMb: 256, timeoutMs: 120_000 });
    assertRefused(out, [where, announced]);
    t.diagnostic(`${format}: refused, peak RSS ${mb(out.peakRssBytes)}, ${out.seconds.toFixed(1)} s`);
    assert.ok(out.peakRssBytes < 300 * MB, `peak RSS ${mb(out.peakRssBytes)}`);
  }
  // With a limit the same files are read: the header's count is then only the most there may be.
  for (const [path, format] of [[text, 'w2v-text'], [bin, 'w2v-bin'], [npyDir, 'npy']] as const) {
    if (format === 'npy') continue; // a .npy must have a word for each row it announces
    const got = await importVectors(path, { format, limit: 2 });
    assert.deepEqual(got.words, ['king', 'queen'], format);
    assert.equal(got.dim, 300);
    assert.equal(got.W[300], 0.25);
  }
});
