import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { exportVectors, importVectors, type VectorFormat } from '../../../src/engine/formats/index.js';
import { tempDir } from '../../helpers/fixtures.js';
import { makeVectors, sameFloats, UNICODE_WORDS } from './helpers.js';

const CASES: { format: VectorFormat; out: string; counts: boolean }[] = [
  { format: 'w2v-text', out: 'vectors.txt', counts: false },
  { format: 'w2v-text', out: 'vectors.vec.gz', counts: false },
  { format: 'w2v-bin', out: 'vectors.bin', counts: false },
  { format: 'w2v-bin', out: 'vectors.bin.gz', counts: false },
  { format: 'glove', out: 'glove.txt', counts: false },
  { format: 'glove', out: 'glove.txt.gz', counts: false },
  { format: 'tsv', out: 'projector', counts: true },
  { format: 'npy', out: 'numpy', counts: true },
];

for (const c of CASES) {
  test(`${c.format} → ${c.out}: Unicode words, a word with a space and awkward floats round-trip exactly (auto and named)`, async (t) => {
    const dir = tempDir();
    t.after(dir.cleanup);
    const v = makeVectors();
    const out = join(dir.path, c.out);
    const res = await exportVectors(v, { format: c.format, out });
    assert.equal(res.words, UNICODE_WORDS.length);
    assert.equal(res.dim, 7);
    assert.ok(res.bytes > 0);
    for (const format of ['auto', c.format] as const) {
      const back = await importVectors(out, { format });
      assert.equal(back.format, c.format);
      assert.equal(back.gzip, c.out.endsWith('.gz'));
      assert.deepEqual(back.words, UNICODE_WORDS);
      assert.equal(back.dim, 7);
      assert.ok(sameFloats(back.W, v.W), 'vectors identical to the float32 bit');
      assert.deepEqual([...back.counts], c.counts ? [...v.counts] : new Array(UNICODE_WORDS.length).fill(0));
      assert.deepEqual(back.warnings, []);
    }
    // No temporary files are left beside the outputs.
    const listing = readdirSync(c.format === 'tsv' || c.format === 'npy' ? out : dir.path);
    assert.deepEqual(listing.filter((f) => f.endsWith('.partial')), []);
  });
}

test('a word with a space is written as it is (with a warning), or with "_" on request', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = makeVectors();
  const kept = await exportVectors(v, { format: 'w2v-bin', out: join(dir.path, 'kept.bin') });
  assert.equal(kept.warnings.length, 1);
  assert.match(kept.warnings[0], /1 word contains a space \("new york"\).*gensim/);
  const under = await exportVectors(v, { format: 'w2v-bin', out: join(dir.path, 'u.bin'), spaces: 'underscore' });
  assert.match(under.warnings[0], /written with "_"/);
  const back = await importVectors(join(dir.path, 'u.bin'));
  assert.deepEqual(back.words, UNICODE_WORDS.map((w) => w.replace(' ', '_')));
  assert.ok(sameFloats(back.W, v.W));
  // TSV and npy hold spaces natively: no warning.
  const tsv = await exportVectors(v, { format: 'tsv', out: join(dir.path, 'p') });
  assert.deepEqual(tsv.warnings, []);
});

test('binary words with several spaces, and a space in the first and the last word, read back', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const words = ['a b', 'x', 'one two  three', 'end word'];
  for (const dim of [1, 2, 3, 50]) {
    const v = makeVectors(words, dim, dim, false);
    const out = join(dir.path, `s${dim}.bin`);
    await exportVectors(v, { format: 'w2v-bin', out });
    const back = await importVectors(out);
    assert.deepEqual(back.words, words, `dim ${dim}`);
    assert.ok(sameFloats(back.W, v.W));
  }
});

test('word2vec binary bytes are as word2vec.c writes them: "V d\\n", then word, space, float32 LE, "\\n"', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = { words: ['ab', 'ç'], counts: new Uint32Array(2), dim: 2, W: Float32Array.from([1, -2, 0.5, 3]) };
  await exportVectors(v, { format: 'w2v-bin', out: join(dir.path, 'v.bin') });
  const b = readFileSync(join(dir.path, 'v.bin'));
  const expected = Buffer.concat([
    Buffer.from('2 2\nab '), Buffer.from(Float32Array.from([1, -2]).buffer), Buffer.from('\n'),
    Buffer.from('ç ', 'utf8'), Buffer.from(Float32Array.from([0.5, 3]).buffer), Buffer.from('\n'),
  ]);
  assert.deepEqual(b, expected);
  assert.equal(b.readFloatLE(11), -2);
});

test('text formats: the header, shortest round-trip floats, GloVe without header', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = { words: ['x', 'y'], counts: new Uint32Array(2), dim: 3, W: Float32Array.from([0.1, -0, 1e-7, 2, 0.25, 3.4028234663852886e38]) };
  await exportVectors(v, { format: 'w2v-text', out: join(dir.path, 'v.txt') });
  assert.equal(readFileSync(join(dir.path, 'v.txt'), 'utf8'), '2 3\nx 0.1 -0 1e-7\ny 2 0.25 3.4028235e+38\n');
  await exportVectors(v, { format: 'glove', out: join(dir.path, 'g.txt.gz') });
  assert.equal(gunzipSync(readFileSync(join(dir.path, 'g.txt.gz'))).toString(), 'x 0.1 -0 1e-7\ny 2 0.25 3.4028235e+38\n');
});

test('Projector TSV: tab-separated vectors, "word\\tcount" metadata with a header, a config; one column and no header without counts', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = { words: ['x', 'y'], counts: Uint32Array.from([5, 3]), dim: 2, W: Float32Array.from([0.5, 1, -1, 2]) };
  await exportVectors(v, { format: 'tsv', out: join(dir.path, 'p'), name: 'my run' });
  assert.equal(readFileSync(join(dir.path, 'p', 'vectors.tsv'), 'utf8'), '0.5\t1\n-1\t2\n');
  assert.equal(readFileSync(join(dir.path, 'p', 'metadata.tsv'), 'utf8'), 'word\tcount\nx\t5\ny\t3\n');
  const config = JSON.parse(readFileSync(join(dir.path, 'p', 'projector_config.json'), 'utf8'));
  assert.deepEqual(config, { embeddings: [{ tensorName: 'my run', tensorShape: [2, 2], tensorPath: 'vectors.tsv', metadataPath: 'metadata.tsv' }] });
  await exportVectors({ ...v, counts: new Uint32Array(2) }, { format: 'tsv', out: join(dir.path, 'q') });
  assert.equal(readFileSync(join(dir.path, 'q', 'metadata.tsv'), 'utf8'), 'x\ny\n');
  const back = await importVectors(join(dir.path, 'q', 'vectors.tsv'));
  assert.deepEqual(back.words, ['x', 'y']);
  // The folder, the config and the metadata file itself all import the same set.
  for (const p of [join(dir.path, 'p'), join(dir.path, 'p', 'projector_config.json'), join(dir.path, 'p', 'metadata.tsv')]) {
    const b = await importVectors(p);
    assert.deepEqual([b.format, b.words, [...b.counts]], ['tsv', ['x', 'y'], [5, 3]], p);
  }
});

test('npy: a valid version 1.0 header padded to 64 bytes, float32 C-order data, vocab.txt with counts', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = { words: ['x', 'y y'], counts: Uint32Array.from([5, 3]), dim: 3, W: Float32Array.from([1, 2, 3, 4, 5, 6]) };
  await exportVectors(v, { format: 'npy', out: join(dir.path, 'n') });
  const b = readFileSync(join(dir.path, 'n', 'vectors.npy'));
  assert.deepEqual([...b.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const headerLen = b.readUInt16LE(8);
  assert.equal((10 + headerLen) % 64, 0);
  const header = b.toString('latin1', 10, 10 + headerLen);
  assert.match(header, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
  assert.deepEqual([...new Float32Array(b.buffer.slice(b.byteOffset + 10 + headerLen, b.byteOffset + b.length))], [1, 2, 3, 4, 5, 6]);
  assert.equal(readFileSync(join(dir.path, 'n', 'vocab.txt'), 'utf8'), 'x 5\ny y 3\n');
  const back = await importVectors(join(dir.path, 'n'));
  assert.deepEqual([back.words, [...back.counts]], [['x', 'y y'], [5, 3]]);
});

test('export options: top N, L2 normalisation, W + C', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const v = makeVectors(['a', 'b', 'c', 'd'], 3, 5);
  v.W.set([3, 4, 0, 0, 0, 0, 1, 1, 1, 2, 0, 0]);
  v.C!.set([1, 0, 0, 0, 0, 0, 1, 1, 1, 9, 9, 9]);
  const out = join(dir.path, 'v.bin');
  await exportVectors(v, { format: 'w2v-bin', out, top: 3 });
  let back = await importVectors(out);
  assert.deepEqual(back.words, ['a', 'b', 'c']);
  assert.ok(sameFloats(back.W, v.W.subarray(0, 9)));
  await exportVectors(v, { format: 'w2v-bin', out, top: 2, normalize: true });
  back = await importVectors(out);
  assert.deepEqual([...back.W], [0.6, 0.8, 0, 0, 0, 0].map(Math.fround), 'unit rows; a zero row stays zero');
  await exportVectors(v, { format: 'w2v-bin', out, contexts: true });
  back = await importVectors(out);
  assert.deepEqual([...back.W.subarray(0, 9)], [4, 4, 0, 0, 0, 0, 2, 2, 2]);
  await exportVectors(v, { format: 'w2v-bin', out, contexts: true, normalize: true, top: 1 });
  back = await importVectors(out);
  assert.deepEqual([...back.W], [Math.fround(Math.SQRT1_2), Math.fround(Math.SQRT1_2), 0]);
  // The source is untouched, and top beyond the vocabulary is the whole vocabulary.
  assert.deepEqual([...v.W.subarray(0, 3)], [3, 4, 0]);
  const all = await exportVectors(v, { format: 'npy', out: join(dir.path, 'n'), top: 100 });
  assert.equal(all.words, 4);
  await assert.rejects(exportVectors({ ...v, C: undefined }, { format: 'glove', out, contexts: true }), /no context vectors/);
});

test('reading: gensim-style binary (no "\\n" after vectors), word2vec.c text (trailing space), CRLF, BOM, blank lines, limit', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { binaryFile, write } = await import('./helpers.js');
  const bin = write(join(dir.path, 'g.bin'), binaryFile(['a', 'bé', 'c'], [[1, 2], [3, 4], [5, 6]], { newline: false }));
  let back = await importVectors(bin);
  assert.deepEqual([back.format, back.words, [...back.W]], ['w2v-bin', ['a', 'bé', 'c'], [1, 2, 3, 4, 5, 6]]);
  back = await importVectors(bin, { limit: 2 });
  assert.deepEqual([back.words, [...back.W]], [['a', 'bé'], [1, 2, 3, 4]]);
  const txt = write(join(dir.path, 'c.vec'), '\uFEFF2 2\r\na 1 2 \r\n\r\nb 3 4 \r\n');
  back = await importVectors(txt);
  assert.deepEqual([back.format, back.words, [...back.W]], ['w2v-text', ['a', 'b'], [1, 2, 3, 4]]);
  const glove = write(join(dir.path, 'g.txt'), 'the 0.418 0.24968\n, 0.013441 0.23682\n. 1e-3 -2E+2\nat name@domain.com 0.5 0.25\n');
  back = await importVectors(glove);
  assert.deepEqual([back.format, back.words], ['glove', ['the', ',', '.', 'at name@domain.com']]);
  assert.deepEqual([...back.W], [0.418, 0.24968, 0.013441, 0.23682, 0.001, -200, 0.5, 0.25].map(Math.fround));
  back = await importVectors(glove, { limit: 1 });
  assert.deepEqual(back.words, ['the']);
});

test('detection: gzip by magic bytes whatever the name, header or not, text or binary', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { binaryFile, write } = await import('./helpers.js');
  const cases: [string, Buffer | string, boolean, string][] = [
    ['a.txt', '2 2\na 1 2\nb 3 4\n', false, 'w2v-text'],
    ['b.data', '2 2\na 1 2\nb 3 4\n', true, 'w2v-text'],
    ['c.txt', 'a 1 2\nb 3 4\n', false, 'glove'],
    ['d', 'a 1 2\nb 3 4\n', true, 'glove'],
    ['e.txt', binaryFile(['a', 'b'], [[1, 2], [3, 4]]), false, 'w2v-bin'],
    ['f.vec', binaryFile(['a', 'b'], [[1, 2], [3, 4]]), true, 'w2v-bin'],
    ['g.txt', '1 2\n', false, 'w2v-bin'], // a header, then no text line: not text
  ];
  for (const [name, content, gz, format] of cases) {
    const p = write(join(dir.path, name), content, gz);
    const { planImport } = await import('../../../src/engine/formats/detect.js');
    const plan = await planImport(p);
    assert.equal(plan.format, format, name);
    assert.equal(plan.gzip, gz, name);
  }
});
