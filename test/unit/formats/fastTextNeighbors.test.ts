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

test('analogies take words the run never saw, with their n-gram vectors, and rank as fastText\'s printed vectors do', async (t) => {
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
  const oovAll = readFileSync(join(fixtures, 'oov.txt'), 'utf8').split('\n').filter(Boolean);
  const vocab = [...expected.keys()].filter((w) => !oovAll.includes(w));
  const oov = oovAll.filter((w) => expected.get(w)!.some((x) => x !== 0));
  const empty = oovAll.find((w) => expected.get(w)!.every((x) => x === 0));
  const unit = (v: number[]): number[] => {
    const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    return v.map((x) => x / n);
  };
  for (const [a, b, c] of [[vocab[3], oov[0], vocab[7]], [oov[1], vocab[2], oov[2]]]) {
    const [ans] = await lab.call('vectors.analogy', { runIds: [runId], a, b, c, k: 3 });
    assert.deepEqual(ans.missing, []);
    assert.deepEqual(ans.outOfVocabulary, [a, b, c].filter((w) => oov.includes(w)));
    // 3CosAdd by brute force over fastText's printed vectors: cos(x, b) − cos(x, a) + cos(x, c).
    const [ua, ub, uc] = [a, b, c].map((w) => unit(expected.get(w)!));
    const brute = vocab.filter((w) => ![a, b, c].includes(w))
      .map((w) => ({ w, s: cosine(expected.get(w)!, ub) - cosine(expected.get(w)!, ua) + cosine(expected.get(w)!, uc) }))
      .sort((p, q) => q.s - p.s).slice(0, 3);
    assert.deepEqual(ans.add!.map((x) => x.word), brute.map((x) => x.w), `${a} : ${b} :: ${c}`);
    ans.add!.forEach((x, i) => assert.ok(Math.abs(x.score - brute[i].s) < 2e-3, `${x.score} vs ${brute[i].s}`));
  }
  const inVocab = await lab.call('vectors.analogy', { runIds: [runId], a: vocab[1], b: vocab[2], c: vocab[3], k: 3 });
  assert.equal(inVocab[0].outOfVocabulary, undefined);
  if (empty) {
    const [none] = await lab.call('vectors.analogy', { runIds: [runId], a: vocab[1], b: empty, c: vocab[3], k: 3 });
    assert.deepEqual(none.missing, [empty], 'a word none of whose n-grams has a row stays missing');
    assert.equal(none.add, null);
  }
});
