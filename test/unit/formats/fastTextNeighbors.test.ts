import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFileSync, readFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { tempDir } from '../../helpers/fixtures.js';

const fixtures = new URL('../../fixtures/fasttext/', import.meta.url).pathname;

/** fastText's own vectors (print-word-vectors), by word. */
function expectedVectors(): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of readFileSync(join(fixtures, 'tiny-sg.expected.txt'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [w, ...xs] = line.trim().split(' ');
    out.set(w, xs.map(Number));
  }
  return out;
}

const cosine = (a: number[], b: number[]): number => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) [ab, aa, bb] = [ab + a[i] * b[i], aa + a[i] * a[i], bb + b[i] * b[i]];
  return ab / Math.sqrt(aa * bb);
};

test('a run from a fastText model answers neighbours of words it never saw, from their n-grams, as fastText does', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const model = join(dir.path, 'tiny-sg.bin');
  copyFileSync(join(fixtures, 'tiny-sg.bin'), model);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const done = await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: model } }));
  assert.equal(done.status, 'done', done.error);
  const runId = done.result!.runId;
  const expected = expectedVectors();
  const words = [...expected.keys()];
  const oov = readFileSync(join(fixtures, 'oov.txt'), 'utf8').split('\n').filter(Boolean);
  const vocab = words.filter((w) => !oov.includes(w));

  for (const word of oov.slice(0, 5)) {
    const want = expected.get(word)!;
    if (want.every((x) => x === 0)) {
      await assert.rejects(lab.call('vectors.neighbors', { runId, word, k: 3 }), /none of its character n-grams/);
      continue;
    }
    const r = await lab.call('vectors.neighbors', { runId, word, k: 3 });
    assert.equal(r.outOfVocabulary, true, word);
    // The same ranking as cosines against fastText's printed vectors (5 digits) give.
    const brute = vocab.map((w) => ({ w, c: cosine(want, expected.get(w)!) })).sort((a, b) => b.c - a.c).slice(0, 3);
    assert.deepEqual(r.neighbors.map((n) => n.word), brute.map((b) => b.w), word);
    r.neighbors.forEach((n, i) => assert.ok(Math.abs(n.cosine - brute[i].c) < 1e-3, `${word}: ${n.cosine} vs ${brute[i].c}`));
  }
  const seen = await lab.call('vectors.neighbors', { runId, word: vocab[5], k: 3 });
  assert.equal(seen.outOfVocabulary, undefined);
});
