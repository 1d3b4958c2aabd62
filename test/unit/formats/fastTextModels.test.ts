/**
 * fastText .bin import of models written by the test's own writer (fastTextWriter.ts): the hashing,
 * hand-computed subword vectors, and the refusals (supervised, quantized, truncated, wrong magic or
 * version, corrupt parts), each naming the file, the byte offset and what was expected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fastTextHash, importVectors, subwordBuckets, subwordStrings, SubwordRows, type ImportFormat } from '../../../src/engine/formats/index.js';
import { importVectorsAsRun } from '../../../src/engine/formats/importRun.js';
import { openDb } from '../../../src/engine/store/db.js';
import { LabError } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';
import { fastTextModel, inputRows, type ModelSpec } from './fastTextWriter.js';
import { write } from './helpers.js';

/**
 * 32-bit hashes of UTF-8 strings from gensim 4.2.0's ft_hash_bytes (Debian's python3-gensim), which
 * reproduces fastText's hash, sign extension of bytes above 127 included:
 *   /usr/bin/python3 -c "from gensim.models.fasttext_inner import ft_hash_bytes; print(ft_hash_bytes('<é'.encode()))"
 */
const GENSIM_HASHES: Record<string, number> = {
  '': 2166136261, a: 3826002220, '<a': 1761008750, abc: 440920331, '<é': 672036627, 'naï': 3249590546, 'ïve>': 445788548,
  '東京': 1997330287, '<東': 945509997, '🙂': 570329163, '🙂>': 4172337199, 'Ελ': 743100263, 'straße': 3998610456, 'ß>': 2103418763,
  '\u00ff': 788157111, '\u0080': 1408678751,
};

test("fastText's hash of n-grams equals gensim's, bytes above 127 sign-extended", () => {
  for (const [s, h] of Object.entries(GENSIM_HASHES)) assert.equal(fastTextHash(Buffer.from(s, 'utf8')), h, JSON.stringify(s));
  // Without the sign extension "<é" would hash differently: the test above can tell.
  let plain = 2166136261;
  for (const b of Buffer.from('<é')) plain = Math.imul((plain ^ b) >>> 0, 16777619) >>> 0;
  assert.notEqual(plain, GENSIM_HASHES['<é']);
});

test('the n-grams of a word: "<" and ">" added, whole UTF-8 characters, minn..maxn, no lone "<" or ">"', () => {
  assert.deepEqual(subwordStrings('ab', { minn: 2, maxn: 3 }), ['<a', '<ab', 'ab', 'ab>', 'b>']);
  assert.deepEqual(subwordStrings('é', { minn: 1, maxn: 2 }), ['<é', 'é', 'é>']);
  assert.deepEqual(subwordStrings('🙂', { minn: 2, maxn: 3 }), ['<🙂', '<🙂>', '🙂>']);
  assert.deepEqual(subwordStrings('abc', { minn: 0, maxn: 0 }), []);
  // Buckets from gensim's ft_ngram_hashes(word, 2, 3, 1009).
  const p = { minn: 2, maxn: 3, bucket: 1009 };
  assert.deepEqual(subwordBuckets('ab', p), [41, 421, 403, 1000, 463]);
  assert.deepEqual(subwordBuckets('é', p), [249, 482, 836]);
  assert.deepEqual(subwordBuckets('🙂', p), [116, 892, 110]);
  assert.deepEqual(subwordBuckets('ba', p), [74, 758, 307, 165, 365]);
});

/** Words ab, é, 🙂 with rows [1, 2], [3, 4], [5, 6]; bucket b's row is [b, 1]; n-grams of 2–3 in 1009 buckets. */
function handModel(over: Partial<ModelSpec> = {}): ModelSpec {
  const words = ['ab', 'é', '🙂'];
  return {
    dim: 2, bucket: 1009, minn: 2, maxn: 3, words,
    input: inputRows(3, 1009, 2, (w) => [2 * w + 1, 2 * w + 2], (b) => [b, 1]),
    ...over,
  };
}

/** fastText's arithmetic: a float32 sum times float32(1 / n). */
const mean = (sum: number, n: number): number => Math.fround(Math.fround(sum) * Math.fround(1 / n));

test('a generated model: each word is the mean of its own row and its n-gram rows; unseen words the mean of their n-grams', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const file = write(join(dir.path, 'hand.bin'), fastTextModel(handModel()).bytes);
  const v = await importVectors(file, { subwordRows: true });
  assert.deepEqual(v.words, ['ab', 'é', '🙂']);
  // ab: its row [1, 2] and buckets 41, 421, 403, 1000, 463 (6 rows); é: [3, 4] and 249, 482, 836; 🙂: [5, 6] and 116, 892, 110.
  assert.deepEqual(Array.from(v.W), [
    mean(1 + 41 + 421 + 403 + 1000 + 463, 6), mean(2 + 5, 6),
    mean(3 + 249 + 482 + 836, 4), mean(4 + 3, 4),
    mean(5 + 116 + 892 + 110, 4), mean(6 + 3, 4),
  ]);
  assert.deepEqual(Array.from(v.counts), [100, 99, 98]);
  const unseen = new SubwordRows(v.fastText!.subwords!, v.fastText!.subwordRows!);
  assert.deepEqual(Array.from(unseen.vector('ba').vector), [mean(74 + 758 + 307 + 165 + 365, 5), 1]);
  const short = new SubwordRows({ minn: 5, maxn: 6, bucket: 1009, dim: 2 }, v.fastText!.subwordRows!).vector('ab');
  assert.deepEqual([Array.from(short.vector), short.ngrams], [[0, 0], 0], '"<ab>" has no n-gram of 5 or more characters: zeros, as fastText');
});

test('"</s>" has no n-grams; a word of invalid UTF-8 is repaired with a warning; labels in an unsupervised model are skipped', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const words = ['</s>', 'ab'];
  const spec: ModelSpec = { dim: 1, bucket: 1009, minn: 2, maxn: 3, words, labels: ['__label__x'], input: inputRows(2, 1009, 1, (w) => [10 * (w + 1)], (b) => [b]) };
  const v = await importVectors(write(join(dir.path, 'eos.bin'), fastTextModel(spec).bytes));
  assert.deepEqual(v.words, ['</s>', 'ab']);
  assert.deepEqual(Array.from(v.W), [10, mean(20 + 41 + 421 + 403 + 1000 + 463, 6)]);
  // A byte 0xff (invalid UTF-8) in a word.
  const m = fastTextModel({ dim: 1, bucket: 0, minn: 0, maxn: 0, words: ['ok', 'b\u00ff'], input: Float32Array.from([1, 2]) });
  const at = m.bytes.indexOf(Buffer.from('b\u00ff', 'utf8'));
  m.bytes[at + 1] = 0xff; // "b", 0xff, 0xbf: not UTF-8
  const r = await importVectors(write(join(dir.path, 'bad-utf8.bin'), m.bytes));
  assert.equal(r.words[1], 'b\uFFFD\uFFFD');
  assert.match(r.warnings.join('\n'), /1 words were not valid UTF-8/);
});

/** Imports bytes as a file and returns the LabError's message (with the folder removed). */
async function refusal(dir: string, name: string, bytes: Buffer, format: ImportFormat = 'auto'): Promise<string> {
  const file = write(join(dir, name), bytes);
  try {
    await importVectors(file, { format });
  } catch (e) {
    assert.ok(e instanceof LabError, `a LabError, not ${(e as Error).stack}`);
    assert.equal(e.code, 'invalid');
    return e.message.replaceAll(`${dir}/`, '');
  }
  assert.fail(`${name} was accepted`);
}

test('supervised and quantized models are refused, saying what they are and why they are not word vectors', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const sup = fastTextModel(handModel({ model: 3, loss: 3, labels: ['__label__a', '__label__b'] })).bytes;
  assert.match(await refusal(dir.path, 'sup.bin', sup), /^sup\.bin: this is a fastText supervised model \(a text classifier with 2 labels, trained with "fasttext supervised"\), not word vectors: .*predict the labels/);
  const quant = fastTextModel(handModel({ quantized: 1 })).bytes;
  assert.match(await refusal(dir.path, 'model.ftz', quant), /^model\.ftz: this is a quantized fastText model \(\.ftz, written by "fasttext quantize"\): .*product-quantization codes.*not the word vectors themselves/);
});

test('a wrong magic number or an unknown version is refused at its byte offset, saying what was expected', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const good = fastTextModel(handModel()).bytes;
  const badMagic = Buffer.from(good);
  badMagic.writeInt32LE(12345, 0);
  assert.equal(
    await refusal(dir.path, 'magic.bin', badMagic, 'fasttext-bin'),
    "magic.bin: byte 0: not a fastText model: expected its magic number 793712314 (bytes ba 16 4f 2f), found bytes 39 30 00 00. " +
      'A fastText .vec file is word2vec text (import it as w2v-text); models saved before fastText signed its files are not supported.',
  );
  for (const version of [13, 10]) {
    const b = fastTextModel(handModel({ version })).bytes;
    assert.equal(await refusal(dir.path, `v${version}.bin`, b), `v${version}.bin: byte 4: unsupported fastText format version ${version}; expected 11 or 12 (what fastText 0.1 to 0.9.2 write).`);
  }
  const v11 = await importVectors(write(join(dir.path, 'v11.bin'), fastTextModel(handModel({ version: 11 })).bytes));
  assert.equal(v11.fastText!.model.version, 11);
  // Named as word2vec binary, a fastText model says what it is.
  assert.match(await refusal(dir.path, 'named.bin', good, 'w2v-bin'), /^named\.bin: this looks like fastText model \(\.bin\) \(fastText's magic number\), not word2vec binary; import it as fasttext-bin/);
});

test('a model truncated anywhere is refused, naming the byte offset and what was expected there', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const { bytes, at } = fastTextModel(handModel());
  const cut = (n: number): Buffer => bytes.subarray(0, n);
  assert.equal(await refusal(dir.path, 'a.bin', cut(at.args + 10)), 'a.bin: byte 16: the file is truncated: expected the training argument epoch (4 bytes) but only 2 remain.');
  assert.equal(await refusal(dir.path, 'd.bin', cut(at.dictionary + 4)), `d.bin: byte ${at.dictionary + 4}: the file is truncated: expected the number of words (4 bytes) but it ends here.`);
  assert.equal(await refusal(dir.path, 'e.bin', cut(at.entries + 5)), `e.bin: byte ${at.dictionary}: the dictionary says 3 entries, but the file (${at.entries + 5} bytes) cannot hold them: it is truncated or corrupt.`);
  assert.equal(await refusal(dir.path, 'q.bin', cut(at.quantized)), `q.bin: byte ${at.quantized}: the file is truncated: expected the flag "input matrix quantized" (1 bytes) but it ends here.`);
  // A plain file is measured against the matrix before it is read; a gzip stream is read until it ends.
  assert.equal(await refusal(dir.path, 'w.bin', cut(at.inputRows + 12)), `w.bin: byte ${at.inputRows}: the file is truncated: the input matrix (1012 × 2 float32) should end at byte ${at.output}, but the file has ${at.inputRows + 12} bytes.`);
  const gzipped = async (name: string, n: number): Promise<string> =>
    importVectors(write(join(dir.path, name), cut(n), true)).then(() => assert.fail(`${name} was accepted`), (e: Error) => e.message.replaceAll(`${dir.path}/`, ''));
  assert.equal(await gzipped('e.bin.gz', at.entries + 5), `e.bin.gz: byte ${at.entries} of the decompressed data: the file is truncated: it ends 5 bytes into dictionary entry 1 of 3 (expected its int64 count and int8 type).`);
  assert.equal(await gzipped('e2.bin.gz', at.entries + 1), `e2.bin.gz: byte ${at.entries} of the decompressed data: the file is truncated: it ends 1 bytes into dictionary entry 1 of 3 (expected the rest of its word and a 0 byte).`);
  assert.equal(await gzipped('w.bin.gz', at.inputRows + 12), `w.bin.gz: byte ${at.inputRows + 8} of the decompressed data: the file is truncated: it ends in row 2 of 3 of the word rows of the input matrix (each 8 bytes: 2 float32).`);
  assert.equal(await gzipped('b.bin.gz', at.bucketRows + 8 * 500 + 3), `b.bin.gz: byte ${at.bucketRows + 8 * 500} of the decompressed data: the file is truncated: it ends in row 501 of 1009 of the n-gram rows of the input matrix (each 8 bytes: 2 float32).`);
  assert.equal(await refusal(dir.path, 'o.bin', cut(at.end - 1)), `o.bin: byte ${at.end - 1}: the file is truncated: the output matrix (3 × 2 float32) should end at byte ${at.end}, but the file has ${at.end - 1} bytes.`);
  assert.equal(await gzipped('o.bin.gz', at.end - 1), `o.bin.gz: byte ${at.outputRows} of the decompressed data: the file is truncated: expected the output matrix (3 × 2 float32) (24 bytes) but it ends 23 bytes in.`);
});

test('corrupt parts are refused: shapes, entry types, flags, values', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  assert.equal(
    await refusal(dir.path, 'shape.bin', fastTextModel(handModel({ inputShape: [1012, 3] })).bytes),
    `shape.bin: byte ${fastTextModel(handModel()).at.input}: the input matrix is 1012 × 3; expected 1012 × 2 (3 words + 1009 buckets × the dimension). The file is corrupt.`,
  );
  assert.match(await refusal(dir.path, 'type.bin', fastTextModel(handModel({ entryTypes: { 1: 1 } })).bytes), /^type\.bin: byte \d+: entry 2 of 3 \("é"\) has type 1; expected 0 \(a word: the first 3 words\)/);
  assert.match(await refusal(dir.path, 'flag.bin', fastTextModel(handModel({ quantized: 7 })).bytes), /^flag\.bin: byte \d+: expected the flag "input matrix quantized" \(a byte 0 or 1\), found 7; the file is corrupt\./);
  assert.match(await refusal(dir.path, 'model.bin', fastTextModel(handModel({ model: 9 })).bytes), /^model\.bin: byte 36: the model type is 9; expected 1 \(cbow\), 2 \(skipgram\) or 3 \(supervised\)/);
  assert.match(await refusal(dir.path, 'pruned.bin', fastTextModel(handModel({ pruneSize: 0 })).bytes), /dictionary is pruned but the input matrix is not quantized/);
  const nan = handModel();
  nan.input[3 * 2 + 7 * 2] = NaN; // bucket 7
  assert.match(await refusal(dir.path, 'nan.bin', fastTextModel(nan).bytes), /^nan\.bin: value 1 of n-gram row 8 in the input matrix is NaN or infinite/);
  assert.match(await refusal(dir.path, 'huge.bin', fastTextModel(handModel()).bytes.fill(0xff, 8, 12)), /^huge\.bin: byte 8: the dimension is -1; expected 1 to 1,000,000/);
  assert.match(await refusal(dir.path, 'buckets.bin', fastTextModel(handModel({ bucket: 2 ** 30 })).bytes.subarray(0, 200)), /^buckets\.bin: byte 40: the model has 1073741824 n-gram buckets; more than 268435456/);
  // A dictionary that claims two billion words is read (and found short) without allocating for them.
  const many = fastTextModel(handModel()).bytes;
  many.writeInt32LE(2 ** 31 - 1, fastTextModel(handModel()).at.dictionary);
  many.writeInt32LE(2 ** 31 - 1, fastTextModel(handModel()).at.dictionary + 4);
  const dictAt = fastTextModel(handModel()).at.dictionary;
  assert.equal(await refusal(dir.path, 'many.bin', many), `many.bin: byte ${dictAt}: the dictionary says 2147483647 entries, but the file (${many.length} bytes) cannot hold them: it is truncated or corrupt.`);
  assert.match(await refusal(dir.path, 'many.bin.gz', gzipSync(many)), /^many\.bin\.gz: byte \d+ of the decompressed data: entry 4 of 2147483647 \(""\) has type 2; expected 0 .*The file is corrupt\.$/);
  // A real dictionary too large for one run is refused with the limit that fits.
  assert.equal(await importVectors(write(join(dir.path, 'big.bin'), fastTextModel(handModel()).bytes), { maxMatrixBytes: 16 }).catch((e: Error) => e.message.replaceAll(`${dir.path}/`, '')),
    'big.bin: 3 words × 2 dimensions is larger than one run can hold (0.00 GB); import the first 2 words or fewer (limit).');
});

test('a refused model leaves nothing in the database', async (t) => {
  const dir = tempDir();
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => {
    db.close();
    dir.cleanup();
  });
  const { bytes, at } = fastTextModel(handModel());
  const file = write(join(dir.path, 'cut.bin'), bytes.subarray(0, at.bucketRows + 100));
  await assert.rejects(importVectorsAsRun(db, file), /the file is truncated/);
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM runs').get(), { n: 0 });
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM run_vectors').get(), { n: 0 });
});

test("the n-gram rows fastText itself chose (found by bench/verify-fasttext.mjs) are the ones our hash picks", () => {
  const url = new URL('../../fixtures/fasttext/ngram-buckets.json', import.meta.url);
  const { bucket, ngrams } = JSON.parse(readFileSync(url, 'utf8')) as { bucket: number; ngrams: [string, number][] };
  assert.ok(ngrams.length > 100 && ngrams.some(([g]) => /[^\x00-\x7f]/.test(g)), 'non-ASCII n-grams are among them');
  for (const [gram, row] of ngrams) assert.equal(fastTextHash(Buffer.from(gram, 'utf8')) % bucket, row, gram);
});
