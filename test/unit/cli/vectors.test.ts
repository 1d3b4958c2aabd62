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
