import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedVectors } from '../../../src/engine/vectors/keyedVectors.js';
import { evaluateAnalogies } from '../../../src/engine/eval/analogy.js';
import { evaluateSimilarity, averageRanks, spearman } from '../../../src/engine/eval/similarity.js';
import { loadAnalogies, loadSimilarity, parseAnalogies, parseSimilarity } from '../../../src/engine/eval/datasets.js';
import { join } from 'node:path';
import { nearestNeighbors } from '../../../src/engine/vectors/neighbors.js';
import { solveAnalogy } from '../../../src/engine/vectors/queries.js';
import { procrustes, applyRotation, relativeResidual } from '../../../src/engine/eval/procrustes.js';
import { compareRuns } from '../../../src/engine/eval/compare.js';
import { jsKernels, nativeKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { Rng } from '../../../src/engine/base/random.js';

const kernelSets = [jsKernels, ...(nativeKernels() ? [nativeKernels()!] : [])];

/** 2-d vectors at given angles (degrees), so every cosine is known by hand. */
function angles(words: string[], degrees: number[]): KeyedVectors {
  const W = new Float32Array(words.length * 2);
  degrees.forEach((d, i) => {
    W[2 * i] = 3 * Math.cos((d * Math.PI) / 180); // non-unit length: evaluation must normalise
    W[2 * i + 1] = 3 * Math.sin((d * Math.PI) / 180);
  });
  return new KeyedVectors(words, W, 2);
}

test('3CosAdd on hand-made vectors: the answer, the exclusion of query words, OOV and the restrict cut', async () => {
  // b − a + c for a=0°, b=90°, c=10° points at 100°: "d" (100°) is right; "far" is at 180°.
  const kv = angles(['a', 'b', 'c', 'd', 'far', 'rare'], [0, 90, 10, 100, 180, 101]);
  const q = parseAnalogies(': s1\na b c d\nA B C D\na b c rare\na b c missing\n', 'test.txt');
  for (const k of kernelSets) {
    const [add] = await evaluateAnalogies(kv, q, 5, ['add'], k);
    // Restrict 5 keeps a..far: "rare" is out, so line 3 counts as OOV like "missing".
    assert.equal(add.total, 2);
    assert.equal(add.oov, 2);
    assert.equal(add.correct, 2, `${k.name}: case-insensitive look-up finds A B C D`);
    assert.deepEqual(add.answers.map((x) => x.predicted), ['d', 'd']);
    const [wide] = await evaluateAnalogies(kv, q, 6, ['add'], k);
    // With "rare" (101°) inside the cut, d (exactly 100°) still wins the first two questions,
    // and "a b c rare" is now answered, wrongly, with d.
    assert.equal(wide.total, 3);
    assert.equal(wide.correct, 2);
  }
});

test('query words are never answers, even when nearest', async () => {
  // b − a + c = c when a = b: the nearest word is c itself, which must be skipped.
  const kv = angles(['a', 'c', 'next', 'other'], [0, 50, 55, 200]);
  const q = parseAnalogies('a a c next\n', 'x.txt');
  for (const k of kernelSets) assert.equal((await evaluateAnalogies(kv, q, 10, ['add'], k))[0].correct, 1);
});

test('3CosMul on a known case differs from 3CosAdd as Levy & Goldberg describe', async () => {
  // Cosines with the candidates (x1, x2) set by angles; computed by hand below.
  // Chosen so that the two methods disagree: 3CosAdd prefers x1, 3CosMul x2.
  const kv = angles(['a', 'b', 'c', 'x1', 'x2'], [0, 60, 120, 40, 205]);
  const q = parseAnalogies('a b c x1\n', 'x.txt');
  const cos = (u: number, v: number): number => Math.cos(((u - v) * Math.PI) / 180);
  const mul = (x: number): number => (((cos(x, 60) + 1) / 2) * ((cos(x, 120) + 1) / 2)) / ((cos(x, 0) + 1) / 2 + 0.001);
  const add = (x: number): number => cos(x, 60) - cos(x, 0) + cos(x, 120);
  const expectMul = mul(40) > mul(205) ? 'x1' : 'x2';
  const expectAdd = add(40) > add(205) ? 'x1' : 'x2';
  assert.notEqual(expectAdd, expectMul);
  for (const k of kernelSets) {
    const [rAdd, rMul] = await evaluateAnalogies(kv, q, 10, ['add', 'mul'], k);
    assert.equal(rAdd.answers[0].predicted, expectAdd);
    assert.equal(rMul.answers[0].predicted, expectMul);
    const solved = solveAnalogy(1, kv, 'a', 'b', 'c', 2, k);
    assert.ok(Math.abs(solved.mul![0].score - Math.max(mul(40), mul(205))) < 1e-5);
    assert.ok(Math.abs(solved.add![0].score - Math.max(add(40), add(205))) < 1e-5);
  }
});

test('sections and the Google semantic/syntactic groups are counted', async () => {
  const kv = angles(['a', 'b', 'c', 'd'], [0, 90, 10, 100]);
  const q = parseAnalogies(': capital-world\na b c d\n: gram1-adjective-to-adverb\na b c d\nb a c d\n', 'google.txt');
  const [r] = await evaluateAnalogies(kv, q, 10, ['add'], jsKernels);
  assert.deepEqual(r.sections['capital-world'], { correct: 1, total: 1, accuracy: 1 });
  assert.equal(r.sections['gram1-adjective-to-adverb'].total, 2);
  assert.equal(r.groups!.semantic.total, 1);
  assert.equal(r.groups!.syntactic.total, 2);
});

test('Spearman with average ranks for ties, OOV pairs dropped and counted', () => {
  assert.deepEqual(averageRanks([10, 20, 20, 5]), [2, 3.5, 3.5, 1]);
  assert.ok(Math.abs(spearman([1, 2, 3, 4], [10, 20, 30, 40]) - 1) < 1e-12);
  assert.ok(Math.abs(spearman([1, 2, 3, 4], [4, 3, 2, 1]) + 1) < 1e-12);
  // scipy.stats.spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138
  assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12);
  const kv = angles(['a', 'b', 'c', 'd'], [0, 10, 60, 90]);
  const pairs = parseSimilarity('word1\tword2\tscore\na\tb\t9\na\tc\t5\na\td\t1\na\tzzz\t3\n', 'sim.tsv');
  const r = evaluateSimilarity(kv, pairs);
  assert.equal(r.pairs, 3);
  assert.equal(r.oov, 1);
  assert.equal(r.oovRatio, 0.25);
  assert.ok(Math.abs(r.spearman - 1) < 1e-12);
});

test('dataset parsers name the file and line of a malformed entry', () => {
  assert.throws(() => parseAnalogies(': s\na b c d\na b c\n', 'q.txt'), /q\.txt, line 3: expected 4 words "a b c d", found 3/);
  assert.throws(() => parseAnalogies(':\na b c d\n', 'q.txt'), /q\.txt, line 1: a section line needs a name/);
  assert.throws(() => parseAnalogies('\n\n', 'q.txt'), /q\.txt: no analogy questions/);
  assert.throws(() => parseSimilarity('a b 1\nc d high\n', 's.txt'), /s\.txt, line 2: expected "word1 word2 score" with a numeric score/);
  assert.throws(() => parseSimilarity('a b 1 2\n', 's.txt'), /no word pairs|line 1/);
  assert.deepEqual(parseSimilarity('x y 2.5\n', 's.txt')[0], { a: 'x', b: 'y', score: 2.5, line: 1 });
});

test('nearest neighbours are sorted by cosine and exclude the word itself', () => {
  const kv = angles(['a', 'b', 'c', 'd'], [0, 10, 60, 170]);
  for (const k of kernelSets) {
    const [n] = nearestNeighbors(kv, [0], 2, k);
    assert.deepEqual(n.map((x) => x.word), ['b', 'c']);
    assert.ok(Math.abs(n[0].cosine - Math.cos((10 * Math.PI) / 180)) < 1e-6);
  }
});

test('Procrustes recovers a known rotation exactly', () => {
  const rng = new Rng(3);
  const n = 200;
  const d = 6;
  const A = Float64Array.from({ length: n * d }, () => rng.normal());
  // A random orthogonal Q from Gram–Schmidt; B = A·Qᵀ, so the best R maps B back onto A: R = Q.
  const Q = Float64Array.from({ length: d * d }, () => rng.normal());
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < d; r++) dot += Q[r * d + i] * Q[r * d + j];
      for (let r = 0; r < d; r++) Q[r * d + j] -= dot * Q[r * d + i];
    }
    let norm = 0;
    for (let r = 0; r < d; r++) norm += Q[r * d + j] ** 2;
    for (let r = 0; r < d; r++) Q[r * d + j] /= Math.sqrt(norm);
  }
  const Qt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Qt[i * d + j] = Q[j * d + i];
  const B = applyRotation(A, Qt, n, d);
  const R = procrustes(A, B, n, d);
  for (let i = 0; i < d * d; i++) assert.ok(Math.abs(R[i] - Q[i]) < 1e-9, `R[${i}] ${R[i]} vs ${Q[i]}`);
  assert.ok(relativeResidual(applyRotation(B, R, n, d), A) < 1e-9);
});

test('comparing a run with a rotated copy of itself: full overlap, zero residual after alignment', () => {
  const rng = new Rng(8);
  const n = 300;
  const d = 5;
  const words = Array.from({ length: n }, (_, i) => `w${i}`);
  const W = Float32Array.from({ length: n * d }, () => rng.normal());
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const R = new Float64Array(d * d);
  for (let i = 0; i < d; i++) R[i * d + i] = 1;
  R[0] = c; R[1] = -s; R[d] = s; R[d + 1] = c; // a rotation in the first plane
  const rotated = Float32Array.from(applyRotation(W, R, n, d));
  const a = new KeyedVectors(words, W, d);
  const b = new KeyedVectors(words, rotated, d);
  const r = compareRuns(a, b, jsKernels, { probes: 100, k: 10 });
  assert.equal(r.sharedWords, n);
  assert.ok(r.meanOverlap > 0.99, `overlap ${r.meanOverlap}`);
  assert.ok(r.procrustes.residualBefore! > 0.1);
  assert.ok(r.procrustes.residual! < 1e-5, `residual ${r.procrustes.residual}`);
  const shuffled = new KeyedVectors(words, Float32Array.from({ length: n * d }, () => rng.normal()), d);
  assert.ok(compareRuns(a, shuffled, jsKernels, { probes: 100, k: 10 }).meanOverlap < 0.3);
});

test('evaluation sets: only regular files of bounded size are read, and errors quote little', async (t) => {
  const { mkdtempSync, writeFileSync, truncateSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { execFileSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-evalsets-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => loadAnalogies(fifo), /pipe is not a regular file/);
  assert.throws(() => loadSimilarity('/dev/zero'), /\/dev\/zero is not a regular file/);
  const huge = join(dir, 'huge.txt');
  writeFileSync(huge, '');
  truncateSync(huge, 65 * 1024 * 1024); // sparse: no disk used
  assert.throws(() => loadAnalogies(huge), /huge\.txt is 68 MB; an evaluation set is at most 64 MiB/);
  // A file that is not a set: its first line is not echoed back.
  const secret = join(dir, 'secret.txt');
  writeFileSync(secret, 'my password is hunter2 ok\n');
  assert.throws(() => loadAnalogies(secret), (e: Error) => /line 1: expected 4 words "a b c d", found 5\.$/.test(e.message) && !e.message.includes('hunter2'));
  // A set with one bad long binary line: quoted, but short and printable.
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, `a b c d\n${'\x1b[31m'.repeat(10)} ${'x'.repeat(100_000)}\n`);
  assert.throws(() => loadAnalogies(bad), (e: Error) => e.message.length < 300 && !e.message.includes('\x1b') && e.message.includes('\\x1b'));
});
