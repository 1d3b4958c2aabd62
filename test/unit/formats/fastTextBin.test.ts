/**
 * fastText .bin import against models written by Debian's fastText 0.9.2 and what that fastText printed
 * for them (test/fixtures/fasttext, made by make-fixtures.sh there; these tests never call fasttext):
 * every vocabulary word's vector must equal `print-word-vectors`, and so must the vectors of words the
 * model never saw, made from their character n-grams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { importVectors, planImport, subwordBuckets, subwordStrings, SubwordFile, SubwordRows } from '../../../src/engine/formats/index.js';
import { importVectorsAsRun } from '../../../src/engine/formats/importRun.js';
import { openDb } from '../../../src/engine/store/db.js';
import { getRunDetail, readRunVectors } from '../../../src/engine/store/runs.js';
import { LabError } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/fasttext/', import.meta.url));
const fixture = (name: string): string => join(FIXTURES, name);

/** Lines "word v1 … vd" of a file fastText printed (lines starting with "#" are comments). */
function printed(name: string): { word: string; v: number[] }[] {
  return readFileSync(fixture(name), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => {
    const f = l.trim().split(' ');
    return { word: f[0], v: f.slice(1).map(Number) };
  });
}

const oovWords = (): string[] => readFileSync(fixture('oov.txt'), 'utf8').split('\n').filter(Boolean);

/**
 * fastText prints 5 significant digits: a value within half a unit of the 5th digit (plus float32
 * rounding of a sum in another order) is equal; a printed 0 must be 0.
 */
function assertPrintedEqual(got: ArrayLike<number>, want: number[], what: string): void {
  assert.equal(got.length, want.length, `${what}: dimension`);
  for (let j = 0; j < want.length; j++) {
    const ok = want[j] === 0 ? Math.abs(got[j]) < 1e-12 : Math.abs(got[j] - want[j]) <= 5.1e-5 * Math.abs(want[j]) + 1e-12;
    assert.ok(ok, `${what}: value ${j + 1} is ${got[j]}, fastText printed ${want[j]}`);
  }
}

const row = (W: Float32Array, dim: number, i: number): Float32Array => W.subarray(i * dim, (i + 1) * dim);

for (const [name, model, dim, minn, maxn, bucket] of [
  ['tiny-sg', 'skipgram', 8, 2, 4, 500],
  ['tiny-cbow', 'cbow', 6, 3, 6, 300],
  ['tiny-nosub', 'skipgram', 5, 0, 0, 0],
] as const) {
  test(`${name}.bin: recognised by its magic number, described, and every vocabulary vector equals print-word-vectors`, async () => {
    const plan = await planImport(fixture(`${name}.bin`));
    assert.deepEqual([plan.format, plan.reason], ['fasttext-bin', "fastText's magic number"]);
    const v = await importVectors(fixture(`${name}.bin`));
    assert.equal(v.format, 'fasttext-bin');
    const m = v.fastText!.model;
    assert.deepEqual([m.version, m.model, m.loss, m.dim, m.minn, m.maxn, m.bucket, m.words, m.labels], [12, model, 'ns', dim, minn, maxn, bucket, 68, 0]);
    const expected = printed(`${name}.expected.txt`).slice(0, 68);
    assert.deepEqual(v.words, expected.map((e) => e.word), 'the vocabulary, in the model\'s order');
    assert.equal(v.dim, dim);
    expected.forEach((e, i) => assertPrintedEqual(row(v.W, dim, i), e.v, `${name} ${e.word}`));
    assert.ok(v.counts[0] >= v.counts[67] && v.counts[67] >= 1, 'counts from the dictionary, most frequent first');
    assert.deepEqual(v.warnings, []);
  });

  test(`${name}.bin: words the model never saw get the vectors print-word-vectors gives them`, async () => {
    const v = await importVectors(fixture(`${name}.bin`), { subwordRows: true });
    const words = oovWords();
    const expected = printed(`${name}.expected.txt`).slice(68);
    assert.deepEqual(expected.map((e) => e.word), words);
    const vocab = new Map(v.words.map((w, i) => [w, i]));
    const layout = v.fastText!.subwords;
    if (maxn === 0) {
      assert.equal(layout, null, 'no n-grams, no subword layout');
      assert.equal(v.fastText!.subwordRows, undefined);
      for (const e of expected) if (!vocab.has(e.word)) assert.ok(e.v.every((x) => x === 0), 'fastText gives unseen words zeros here too');
      return;
    }
    assert.ok(layout && layout.rowsOffset !== null);
    const file = await SubwordFile.open(layout);
    try {
      const fromFile = await file.vectors(words);
      const fromRows = new SubwordRows(layout, v.fastText!.subwordRows!);
      words.forEach((w, k) => {
        const i = vocab.get(w);
        const mine = i !== undefined ? row(v.W, dim, i) : fromFile.vectors.subarray(k * dim, (k + 1) * dim);
        assertPrintedEqual(mine, expected[k].v, `${name} unseen ${w}`);
        if (i === undefined) {
          const r = fromRows.vector(w);
          assert.deepEqual(Array.from(r.vector), Array.from(mine), `${w}: the rows in memory and the file give the same floats`);
          assert.equal(r.ngrams, fromFile.ngrams[k]);
        }
      });
      assert.ok(fromFile.ngrams.every((n, k) => n > 0 || words[k] === '</s>'), 'every test word has n-grams');
    } finally {
      await file.close();
    }
  });
}

test('the n-grams and their rows are the ones fastText print-ngrams shows, non-ASCII words included', async () => {
  const v = await importVectors(fixture('tiny-sg.bin'), { subwordRows: true });
  const layout = v.fastText!.subwords!;
  const rows = v.fastText!.subwordRows!;
  const blocks = readFileSync(fixture('tiny-sg.ngrams.txt'), 'utf8').split(/^## /m).slice(1);
  assert.equal(blocks.length, 8);
  let checked = 0;
  for (const block of blocks) {
    const [word, ...lines] = block.trim().split('\n');
    const got = lines.map((l) => {
      const f = l.trim().split(' ');
      return { gram: f[0], v: f.slice(1).map(Number) };
    });
    const inVocab = v.words.indexOf(word);
    // print-ngrams lists a vocabulary word's own row first, then its n-grams.
    const grams = inVocab >= 0 ? got.slice(1) : got;
    if (inVocab >= 0) assert.equal(got[0].gram, word);
    assert.deepEqual(subwordStrings(word, layout), grams.map((g) => g.gram), `${word}: the n-grams, in fastText's order`);
    const buckets = subwordBuckets(word, layout);
    grams.forEach((g, k) => {
      assertPrintedEqual(rows.subarray(buckets[k] * 8, (buckets[k] + 1) * 8), g.v, `${word}: row of ${g.gram}`);
      checked++;
    });
  }
  assert.ok(checked > 60, `${checked} n-grams checked`);
});

test('limit keeps the first words, with the same vectors as a full import', async () => {
  const full = await importVectors(fixture('tiny-sg.bin'));
  const some = await importVectors(fixture('tiny-sg.bin'), { limit: 10 });
  assert.deepEqual(some.words, full.words.slice(0, 10));
  assert.deepEqual(Array.from(some.W), Array.from(full.W.subarray(0, 10 * full.dim)));
  assert.deepEqual(Array.from(some.counts), Array.from(full.counts.subarray(0, 10)));
});

test('a gzip-compressed model imports the same vectors; its n-gram rows cannot be read by offset', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const gz = join(dir.path, 'model.bin.gz');
  writeFileSync(gz, gzipSync(readFileSync(fixture('tiny-sg.bin'))));
  const plain = await importVectors(fixture('tiny-sg.bin'));
  const v = await importVectors(gz);
  assert.deepEqual([v.format, v.gzip], ['fasttext-bin', true]);
  assert.deepEqual(Array.from(v.W), Array.from(plain.W));
  assert.equal(v.fastText!.subwords!.rowsOffset, null);
  await assert.rejects(SubwordFile.open(v.fastText!.subwords!), /gzip-compressed, so its n-gram rows cannot be read by offset/);
});

test('the n-gram rows are not read from a file that changed since the import', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const file = join(dir.path, 'model.bin');
  copyFileSync(fixture('tiny-sg.bin'), file);
  const v = await importVectors(file);
  writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
  await assert.rejects(SubwordFile.open(v.fastText!.subwords!), (e: Error) => e instanceof LabError && /changed since it was imported/.test(e.message));
  writeFileSync(file, readFileSync(fixture('tiny-cbow.bin')).subarray(0, v.fastText!.subwords!.fileBytes));
  await assert.rejects(SubwordFile.open(v.fastText!.subwords!), /changed since it was imported|header differs/);
});

test('an imported model becomes a run that records what it is and where its n-gram rows are', async (t) => {
  const dir = tempDir();
  const db = openDb(join(dir.path, 'lab.db'));
  t.after(() => {
    db.close();
    dir.cleanup();
  });
  const res = await importVectorsAsRun(db, fixture('tiny-sg.bin'));
  assert.deepEqual([res.name, res.format, res.words, res.dim], ['tiny-sg', 'fasttext-bin', 68, 8]);
  assert.equal(res.fastText!.description, 'fastText skipgram model (format version 12, loss ns): 68 words × 8 dimensions, character n-grams of 2–4 in 500 buckets');
  const run = getRunDetail(db, res.runId);
  const params = run.params as { format: string; fastText: { model: string; minn: number; maxn: number }; subwords: { rowsOffset: number; bucket: number } };
  assert.equal(params.format, 'fasttext-bin');
  assert.deepEqual([params.fastText.model, params.fastText.minn, params.fastText.maxn], ['skipgram', 2, 4]);
  assert.equal(params.subwords.bucket, 500);
  const stored = readRunVectors(db, res.runId);
  const direct = await importVectors(fixture('tiny-sg.bin'));
  assert.deepEqual(stored.words, direct.words);
  assert.deepEqual(Array.from(stored.W), Array.from(direct.W));
  const file = await SubwordFile.open(params.subwords as never);
  try {
    const { vectors } = await file.vectors(['zebra']);
    assertPrintedEqual(vectors, printed('tiny-sg.expected.txt').find((e) => e.word === 'zebra')!.v, 'zebra from the stored layout');
  } finally {
    await file.close();
  }
});

test('the n-gram sum on threads gives the same floats as inline, for every fixture', async () => {
  const { withReader } = await import('../../../src/engine/formats/source.js');
  const { readFastTextBin } = await import('../../../src/engine/formats/fastTextBin.js');
  for (const name of ['tiny-sg', 'tiny-cbow']) {
    const read = (threads: number) => withReader(fixture(`${name}.bin`), {}, (r) => readFastTextBin(r, { threads, subwordRows: true }));
    const inline = await read(1);
    const threaded = await read(3);
    assert.ok(threaded.W.buffer instanceof SharedArrayBuffer, 'the threads shared the matrix');
    assert.ok(!(inline.W.buffer instanceof SharedArrayBuffer));
    assert.deepEqual(Array.from(threaded.W), Array.from(inline.W), name);
    assert.deepEqual(Array.from(threaded.subwordRows!), Array.from(inline.subwordRows!), `${name}: the n-gram rows`);
  }
});
