import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { importVectors, type ImportFormat } from '../../../src/engine/formats/index.js';
import { LabError } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';
import { binaryFile, write } from './helpers.js';

/** Imports content written to `name` and returns the error message, which must be a LabError('invalid'). */
async function errorOf(dir: string, name: string, content: string | Buffer, format: ImportFormat = 'auto', gzip = false): Promise<string> {
  const p = write(join(dir, name), content, gzip);
  try {
    await importVectors(p, { format });
  } catch (e) {
    assert.ok(e instanceof LabError, `a LabError, not ${(e as Error).stack}`);
    assert.equal((e as LabError).code, 'invalid');
    return (e as Error).message.replaceAll(dir + '/', '');
  }
  assert.fail(`importing ${name} as ${format} did not fail`);
}

test('an empty file says so, in every format', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  assert.equal(await errorOf(dir.path, 'e.txt', ''), 'e.txt: the file is empty; expected vectors (word2vec text or binary, GloVe, Projector TSV or .npy).');
  assert.equal(await errorOf(dir.path, 'e.bin', '', 'w2v-bin'), 'e.bin: the file is empty; expected word2vec binary.');
  assert.equal(await errorOf(dir.path, 'e.gz', '', 'auto', true), 'e.gz: the file is empty; expected vectors (word2vec text or binary, GloVe, Projector TSV or .npy).');
  assert.equal(await errorOf(dir.path, 'blank.txt', '\n\n  \n', 'glove'), 'blank.txt: holds no vectors (only blank lines).');
});

test('a truncated binary names the byte offset, the word and what was expected', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const full = binaryFile(['a', 'b', 'c'], [[1, 2], [3, 4], [5, 6]]);
  // header "3 2\n" (4) + 2 records of 1 + 1 + 8 + 1 = 11 bytes: record 3 starts at 26.
  assert.equal(
    await errorOf(dir.path, 't1.bin', full.subarray(0, full.length - 6)),
    't1.bin: byte 26: truncated: word 3 of 3 ("c") needs 8 bytes of vector (2 float32), but the file ends after 3.',
  );
  assert.equal(
    await errorOf(dir.path, 't2.bin', full.subarray(0, 26)),
    't2.bin: byte 26: the header says 3 words, but the file ends after 2 (is it truncated?).',
  );
  assert.equal(
    await errorOf(dir.path, 't3.bin', full.subarray(0, 27)),
    't3.bin: byte 26: truncated: the file ends inside word 3 of 3 (expected a word, a space and 8 bytes of vector).',
  );
  assert.equal(
    await errorOf(dir.path, 't4.bin.gz', full.subarray(0, full.length - 6), 'w2v-bin', true),
    't4.bin.gz: byte 26 of the decompressed data: truncated: word 3 of 3 ("c") needs 8 bytes of vector (2 float32), but the file ends after 3.',
  );
});

test('inconsistent dimensions name the line and the counts', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  assert.equal(await errorOf(dir.path, 'g1.txt', 'a 1 2\nb 1 2 3\n'), 'g1.txt: line 2: expected 2 values after the word (as on line 1), found 3.');
  assert.equal(await errorOf(dir.path, 'g2.txt', 'a 1 2\nb 1\n'), 'g2.txt: line 2: expected 2 values after the word (as on line 1), found 1.');
  assert.equal(await errorOf(dir.path, 'g3.txt', 'a 1 2\n\nb\n'), 'g3.txt: line 3: expected 2 values after the word (as on line 1), found 0.');
  assert.equal(await errorOf(dir.path, 'w1.txt', '2 3\na 1 2 3\nb 1 2\n'), 'w1.txt: line 3: expected 3 values after the word (the header says d = 3), found 2.');
  assert.equal(await errorOf(dir.path, 'w2.txt', '2 3\na 1 2\nb 1 2\n'), 'w2.txt: line 2: expected 3 values after the word (the header says d = 3), found 2.');
  assert.equal(
    await errorOf(dir.path, 't.tsv', '1\t2\n3\t4\t5\n'),
    't.tsv: a Projector vectors file holds no words; expected metadata.tsv or metadata.tsv.gz beside it.',
  );
  write(join(dir.path, 'metadata.tsv'), 'x\ny\n');
  assert.equal(await errorOf(dir.path, 'vectors.tsv', '1\t2\n3\t4\t5\n'), 'vectors.tsv: line 2: expected 2 tab-separated values (as on line 1), found 3.');
  assert.equal(
    await errorOf(dir.path, 'vectors.tsv', '1\t2\n'),
    'vectors.tsv: holds 1 vectors but metadata.tsv has 2 words; each word needs a vector row (is a file truncated?).',
  );
});

test('NaN, infinities and non-numbers name the line, the value and the word', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  assert.equal(await errorOf(dir.path, 'n1.txt', 'a 1 2\nb 1 nan\n'), 'n1.txt: line 2: value 2 of "b" is "nan"; NaN and infinite values are not allowed.');
  assert.equal(await errorOf(dir.path, 'n2.txt', 'a NaN 2\n'), 'n2.txt: line 1: value 1 of "a" is "NaN"; NaN and infinite values are not allowed.');
  assert.equal(await errorOf(dir.path, 'n3.txt', '1 2\na -Infinity 2\n'), 'n3.txt: line 2: value 1 of "a" is "-Infinity"; NaN and infinite values are not allowed.');
  assert.equal(await errorOf(dir.path, 'n4.txt', 'a 1e39 2\n'), 'n4.txt: line 1: value 1 of "a" is "1e39", beyond the float32 range (±3.4e38).');
  assert.equal(await errorOf(dir.path, 'n5.txt', 'a 1 2\nb 1 x\n'), 'n5.txt: line 2: value 2 of "b" is "x", not a number.');
  assert.equal(await errorOf(dir.path, 'n6.txt', 'a 1 2\nb 0x10 2\n'), 'n6.txt: line 2: value 1 of "b" is "0x10", not a number.');
  const nanBin = binaryFile(['a', 'b'], [[1, 2], [3, NaN]]);
  assert.equal(await errorOf(dir.path, 'n.bin', nanBin), 'n.bin: byte 21: value 2 of "b" is NaN; NaN and infinite values are not allowed.');
  const infBin = binaryFile(['a'], [[Infinity]]);
  assert.equal(await errorOf(dir.path, 'i.bin', infBin), 'i.bin: byte 6: value 1 of "a" is infinite; NaN and infinite values are not allowed.');
});

test('a wrong or missing header says what a header is', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  assert.equal(
    await errorOf(dir.path, 'h1.txt', 'a 1 2\nb 3 4\n', 'w2v-text'),
    'h1.txt: line 1: expected a header "V d" (two integers: the number of words and the dimension), found "a 1 2"; this looks like GloVe text without a header: import it as glove (or auto).',
  );
  assert.equal(
    await errorOf(dir.path, 'h2.bin', 'hello world\nxx', 'w2v-bin'),
    'h2.bin: line 1: expected a header "V d" (two integers: the number of words and the dimension), found "hello world".',
  );
  assert.equal(await errorOf(dir.path, 'h3.txt', '2 0\na\n', 'w2v-text'), 'h3.txt: line 1: the header "2 0" gives dimension 0; expected "V d" with d ≥ 1.');
  assert.equal(await errorOf(dir.path, 'h4.txt', '0 5\n', 'w2v-text'), 'h4.txt: line 1: the header "0 5" says the file holds no vectors.');
  assert.equal(await errorOf(dir.path, 'h5.txt', '3 2\na 1 2\nb 3 4\n'), 'h5.txt: line 3: the header says 3 words, but the file ends after 2 (is it truncated?).');
  assert.equal(await errorOf(dir.path, 'h6.txt', '1 2\na 1 2\nb 3 4\n'), 'h6.txt: line 3: the header says 1 words, but this line holds another vector (is the header\'s count wrong?).');
  assert.equal(
    await errorOf(dir.path, 'h7.txt', '2 3\na 1 2 3\nb 4 5 6\n', 'glove'),
    'h7.txt: line 2: expected 1 values after the word (as on line 1), found 3; line 1 looks like a word2vec header "2 3": import as w2v-text (or auto).',
  );
  assert.equal(
    await errorOf(dir.path, 'h8.bin', binaryFile(['a', 'b'], [[1, 2], [3, 4]]), 'w2v-text'),
    'h8.bin: this looks like word2vec binary (a "V d" header then binary data), not word2vec text; import it as w2v-bin (or auto).',
  );
  assert.equal(
    await errorOf(dir.path, 'h8b.bin', binaryFile(['a', 'b'], [[1, 2], [3, 4]]), 'glove'),
    'h8b.bin: this looks like word2vec binary (a "V d" header then binary data), not GloVe text; import it as w2v-bin (or auto).',
  );
  assert.equal(
    await errorOf(dir.path, 'h9.txt', '2 2\na 1 2\nb 3 4\n', 'w2v-bin'),
    'h9.txt: this looks like word2vec text (a "V d" header then text lines), not word2vec binary; import it as w2v-text (or auto).',
  );
  assert.match(await errorOf(dir.path, 'h10.txt', 'just some prose here\n'), /^h10.txt: could not recognise the format from line 1 \("just some prose here"\); expected a word2vec header/);
  // A binary file whose header announces a wrong dimension.
  assert.equal(
    await errorOf(dir.path, 'h11.bin', binaryFile(['a', 'b', 'c'], [[1, 2], [3, 4], [5, 6]], { header: '3 1\n' })),
    'h11.bin: byte 10: expected word 2 of 3 and a space, found a line break at byte 14 first; is the header\'s dimension (1) right?',
  );
  assert.equal(
    await errorOf(dir.path, 'h12.bin', binaryFile(['a', 'b', 'c'], [[1, 2, 3], [3, 4, 5], [5, 6, 7]], { header: '3 2\n' })),
    'h12.bin: byte 14: expected word 2 of 3 and a space, found a line break at byte 18 first; is the header\'s dimension (2) right?',
  );
});

test('gzip that is corrupt or truncated is reported as such', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { gzipSync } = await import('node:zlib');
  const gz = gzipSync(Buffer.from('a 1 2\n'.repeat(1000)));
  assert.equal(await errorOf(dir.path, 'c.gz', gz.subarray(0, gz.length - 20)), 'c.gz: the gzip data is truncated (it ends in the middle of the compressed stream).');
  const bad = Buffer.from(gz);
  bad.fill(0xff, 12, 40);
  assert.match(await errorOf(dir.path, 'd.gz', bad), /^d.gz: not valid gzip data \(/);
});

test('npy: dtype, order, shape, truncation and the vocabulary are checked', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { npyHeader } = await import('../../../src/engine/formats/npy.js');
  const data = Buffer.from(Float32Array.from([1, 2, 3, 4]).buffer);
  const good = Buffer.concat([npyHeader(2, 2), data]);
  assert.equal(await errorOf(dir.path, 'v.npy', good), 'v.npy: a .npy file holds no words; expected its vocabulary beside it as v.vocab.txt or vocab.txt (one word per line, or "word count").');
  write(join(dir.path, 'vocab.txt'), 'a\nb\nc\n');
  assert.equal(await errorOf(dir.path, 'v.npy', good), 'vocab.txt: holds 3 words but v.npy has 2 rows; each row needs a word.');
  write(join(dir.path, 'vocab.txt'), 'a\nb\n');
  assert.equal(await errorOf(dir.path, 'short.npy', good.subarray(0, good.length - 3)), 'short.npy: byte 141: truncated: the header announces 2 × 2 values (16 bytes of data), but the file ends inside row 2.');
  const i4 = Buffer.from(good);
  i4.write("'<i4'", i4.indexOf("'<f4'"), 'latin1');
  assert.equal(await errorOf(dir.path, 'i4.npy', i4), "i4.npy: the array's dtype is <i4; expected float32 ('<f4') or float64 ('<f8').");
  const fortran = Buffer.from(good);
  fortran.write('True, ', fortran.indexOf('False'), 'latin1');
  assert.equal(await errorOf(dir.path, 'f.npy', fortran), "f.npy: the array is in Fortran order; save it in C order (np.save(f, np.ascontiguousarray(m))).");
  const nan = Buffer.concat([npyHeader(2, 2), Buffer.from(Float32Array.from([1, 2, NaN, 4]).buffer)]);
  assert.equal(await errorOf(dir.path, 'nan.npy', nan), 'nan.npy: byte 136: row 2 ("b"), value 1 is NaN; NaN and infinite values are not allowed.');
  assert.equal(await errorOf(dir.path, 'x.npy', Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]), 'npy'), 'x.npy: byte 6: truncated inside the .npy header.');
  // float64, big-endian float32 and a v2.0 header are read (converted to float32).
  assert.equal(npyHeader(2, 2).length, 128, 'the header is padded to a multiple of 64');
  const f8 = Buffer.from(npyHeader(2, 2));
  f8.write("'<f8'", f8.indexOf("'<f4'"), 'latin1');
  const back = await importVectors(write(join(dir.path, 'f8.npy'), Buffer.concat([f8, Buffer.from(Float64Array.from([1.5, 2, 3, 0.1]).buffer)])));
  assert.deepEqual([...back.W], [1.5, 2, 3, Math.fround(0.1)]);
});

test('a duplicate word keeps its first vector and is reported as a warning', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const p = write(join(dir.path, 'd.txt'), 'a 1 2\nb 3 4\na 5 6\nc 7 8\n');
  const back = await importVectors(p);
  assert.deepEqual(back.words, ['a', 'b', 'c']);
  assert.deepEqual([...back.W], [1, 2, 3, 4, 7, 8]);
  assert.deepEqual(back.warnings, [`${p}: line 3: duplicate word "a" (first at line 1); kept the first vector.`]);
  const bin = write(join(dir.path, 'd.bin'), binaryFile(['x', 'x'], [[1], [2]]));
  const b2 = await importVectors(bin);
  assert.deepEqual([b2.words, [...b2.W]], [['x'], [1]]);
  assert.deepEqual(b2.warnings, [`${bin}: byte 11: duplicate word "x" (first at byte 4); kept the first vector.`]);
  // Many duplicates: ten named, then a count.
  const many = write(join(dir.path, 'm.txt'), Array.from({ length: 25 }, () => 'w 1').join('\n'));
  const b3 = await importVectors(many);
  assert.equal(b3.words.length, 1);
  assert.equal(b3.warnings.length, 11);
  assert.equal(b3.warnings[10], `${many}: 14 more duplicate words; each kept its first vector.`);
});

test('invalid UTF-8 in a word is repaired with U+FFFD and reported', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const p = write(join(dir.path, 'u.txt'), Buffer.concat([Buffer.from('ok 1\n'), Buffer.from([0x63, 0xe9, 0x20]), Buffer.from('2\n')]));
  const back = await importVectors(p);
  assert.deepEqual(back.words, ['ok', 'c\uFFFD']);
  assert.deepEqual(back.warnings, [`${p}: 1 words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`]);
});

test('a missing file, a folder without vectors and an unknown format are clear errors', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  await assert.rejects(importVectors(join(dir.path, 'nope.txt')), (e: LabError) => e.code === 'not-found' && e.message === `${join(dir.path, 'nope.txt')}: no such file.`);
  await assert.rejects(importVectors(dir.path), /is a folder; expected one holding projector_config.json, vectors.tsv \+ metadata.tsv, or vectors.npy \+ vocab.txt/);
  await assert.rejects(importVectors(join(dir.path, 'x'), { format: 'csv' as never }), /Unknown vector format "csv"/);
});
