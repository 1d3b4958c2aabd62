import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { tempDir } from '../../helpers/fixtures.js';
import { write } from '../formats/helpers.js';

/** Runs the CLI in this process and collects what it prints. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test('export and import from the CLI go through run.export and vectors.import, with their flags checked', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const file = write(join(dir.path, 'g.txt'), 'naïve 1 2\n東京 3 4\nthird 5 6\n');

  const imp = await cli(['import', file, '--db', db, '--json']);
  assert.equal(imp.code, 0, imp.err);
  const imported = JSON.parse(imp.out);
  assert.deepEqual([imported.run, imported.format, imported.words, imported.dim], [imported.runId, 'glove', 3, 2]);

  const limited = JSON.parse((await cli(['import', file, '--name', 'N', '--limit', '2', '--db', db, '--json'])).out);
  assert.deepEqual([limited.name, limited.words], ['N', 2]);

  const target = join(dir.path, 'e.vec');
  const exp = await cli(['export', String(imported.runId), '--format', 'w2v-text', '--out', target, '--top', '2', '--db', db]);
  assert.equal(exp.code, 0, exp.err);
  assert.match(exp.out, /^Exported run \d+: 2 words × 2 dimensions as word2vec text/);
  assert.equal(readFileSync(target, 'utf8'), '2 2\nnaïve 1 2\n東京 3 4\n');
  const bin = JSON.parse((await cli(['export', String(imported.runId), '--format', 'w2v-bin', '--out', join(dir.path, 'x.bin'), '--normalize', '--spaces', 'underscore', '--db', db, '--json'])).out);
  assert.deepEqual([bin.format, bin.words], ['w2v-bin', 3]);

  const usage = async (argv: string[], message: RegExp): Promise<void> => {
    const r = await cli([...argv, '--db', db]);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
    assert.match(r.err, message);
  };
  await usage(['export', '1', '--out', 'x'], /export needs --format/);
  await usage(['export', '1', '--format', 'csv', '--out', 'x'], /--format must be one of w2v-text, w2v-bin, glove, tsv, npy/);
  await usage(['export', '1', '--format', 'tsv'], /needs --out FOLDER/);
  await usage(['export', '1', '--format', 'glove', '--out', 'x', '--top', '0'], /--top must be an integer/);
  await usage(['export', '1', '--format', 'glove', '--out', 'x', '--frobnicate'], /--frobnicate is not an option of export/);
  await usage(['import', file, '--format', 'xml'], /--format must be auto or one of/);

  const missing = await cli(['export', '999', '--format', 'glove', '--out', join(dir.path, 'y.txt'), '--db', db, '--json']);
  assert.equal(missing.code, 1);
  assert.match(JSON.parse(missing.out).error, /no run with id 999/);
});

test('a fastText model from the CLI: import names the model, neighbours take an unseen word, export writes the vocabulary as fastText prints it', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'fasttext');
  const imp = await cli(['import', join(fixtures, 'tiny-sg.bin'), '--name', 'tiny fastText', '--db', db, '--json']);
  assert.equal(imp.code, 0, imp.err);
  const imported = JSON.parse(imp.out);
  assert.equal(imported.format, 'fasttext-bin');
  assert.equal(imported.name, 'tiny fastText');
  // fastText's own printed vectors (print-word-vectors, 5 significant digits): the vocabulary's 68 words first, then unseen ones.
  const printed = readFileSync(join(fixtures, 'tiny-sg.expected.txt'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('#')).map((l) => l.trim().split(' '));
  assert.equal(imported.words, 68);
  const expected = printed.slice(0, 68);
  const out = join(dir.path, 'tiny.vec');
  assert.equal((await cli(['export', String(imported.runId), '--format', 'w2v-text', '--out', out, '--db', db])).code, 0);
  const rows = new Map(readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => { const f = l.split(' '); return [f[0], f.slice(1).map(Number)] as const; }));
  assert.equal(rows.size, expected.length);
  for (const [word, ...values] of expected) {
    const got = rows.get(word);
    assert.ok(got, `${word} is exported`);
    values.forEach((v, i) => assert.ok(Math.abs(got![i] - Number(v)) <= 1e-4 * Math.max(1, Math.abs(Number(v))), `${word}[${i}]: ${got![i]} vs ${v}`));
  }
  assert.equal(rows.has('zebra'), false);
  assert.ok(printed.slice(68).some((f) => f[0] === 'zebra'), 'zebra is one of the unseen words fastText printed');
  const near = JSON.parse((await cli(['neighbors', String(imported.runId), 'zebra', '--k', '3', '--db', db, '--json'])).out);
  assert.equal(near.outOfVocabulary, true);
  assert.equal(near.neighbors.length, 3);
});
