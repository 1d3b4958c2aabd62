import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTruth, randWalkParams, wordName } from '../../../src/engine/randwalk/generator.js';
import { recovery, plantedAnalogies, type VectorSet } from '../../../src/engine/randwalk/recovery.js';
import { Normals } from '../../../src/engine/randwalk/sampler.js';
import { Rng } from '../../../src/engine/base/random.js';

/** A random D × D orthogonal matrix (Gram–Schmidt on a Gaussian one), row-major. */
function randomOrthogonal(D: number, seed: number): Float64Array {
  const g = new Normals(new Rng(seed));
  const Q = Float64Array.from({ length: D * D }, () => g.next());
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let t = 0; t < D; t++) dot += Q[i * D + t] * Q[j * D + t];
      for (let t = 0; t < D; t++) Q[i * D + t] -= dot * Q[j * D + t];
    }
    let s = 0;
    for (let t = 0; t < D; t++) s += Q[i * D + t] ** 2;
    for (let t = 0; t < D; t++) Q[i * D + t] /= Math.sqrt(s);
  }
  return Q;
}

/** X (n × d) times the first d rows of Q (D × D): an isometry into D dimensions, times a scale. */
function transform(X: Float32Array, n: number, d: number, Q: Float64Array, D: number, scale: number): Float32Array {
  const out = new Float32Array(n * D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += X[i * d + t] * Q[t * D + j];
    out[i * D + j] = scale * s;
  }
  return out;
}

const d = 24;
const params = randWalkParams({ vocab: 600, dim: d, planted: 4, plantedPairs: 10, seed: 3 });
const t = makeTruth(params);
// Corpus order is a frequency order; any fixed order of the words does for these checks.
const truth = { words: Array.from({ length: 600 }, (_, i) => wordName(i, 600)), dim: d, W: t.vectors, planted: t.planted };

test('recovery of the true vectors rotated by a random orthogonal matrix (and scaled) is 1', () => {
  const rotated: VectorSet = { words: truth.words, dim: d, W: transform(t.vectors, 600, d, randomOrthogonal(d, 8), d, 2.5) };
  const r = recovery(rotated, truth);
  assert.equal(r.sharedWords, 600);
  assert.ok(Math.abs(r.alignedCosine - 1) < 1e-6, `aligned cosine ${r.alignedCosine}`);
  assert.ok(Math.abs(r.gramCorrelation - 1) < 1e-6, `Gram correlation ${r.gramCorrelation}`);
  assert.equal(r.gramWords, 300);
  assert.equal(r.gramPairs, (300 * 299) / 2);
  assert.equal(r.analogy.questions, 4 * 10 * 9);
  assert.equal(r.analogy.accuracy, r.analogy.truthAccuracy);
  assert.equal(r.analogy.truthAccuracy, 1, 'small planted noise: the truth answers every planted question');
});

test('…and in more dimensions than the truth (an isometric embedding), with shuffled word order', () => {
  const D = 40;
  const W = transform(t.vectors, 600, d, randomOrthogonal(D, 9), D, 1);
  const order = Array.from({ length: 600 }, (_, i) => (i * 7) % 600); // a permutation (gcd(7, 600) = 1)
  const shuffledW = new Float32Array(600 * D);
  order.forEach((src, k) => shuffledW.set(W.subarray(src * D, (src + 1) * D), k * D));
  const r = recovery({ words: order.map((i) => truth.words[i]), dim: D, W: shuffledW }, truth);
  assert.ok(Math.abs(r.alignedCosine - 1) < 1e-6, `aligned cosine ${r.alignedCosine}`);
  assert.ok(Math.abs(r.gramCorrelation - 1) < 1e-6);
  assert.equal(r.analogy.accuracy, 1);
});

test('random vectors recover clearly less; missing words are left out', () => {
  const g = new Normals(new Rng(4));
  const r = recovery({ words: truth.words, dim: d, W: Float32Array.from({ length: 600 * d }, () => g.next()) }, truth);
  assert.ok(r.alignedCosine < 0.35, `aligned cosine ${r.alignedCosine}`);
  assert.ok(Math.abs(r.gramCorrelation) < 0.1, `Gram correlation ${r.gramCorrelation}`);
  assert.ok(r.analogy.accuracy! < 0.05, `analogy ${r.analogy.accuracy}`);
  const half = recovery({ words: truth.words.slice(0, 300), dim: d, W: t.vectors.slice(0, 300 * d) }, truth);
  assert.equal(half.sharedWords, 300);
  assert.ok(half.analogy.answered < half.analogy.questions);
  assert.ok(Math.abs(half.alignedCosine - 1) < 1e-6);
});

test('3CosAdd excludes the three query words', () => {
  // b − a + c points at c itself, unless c is excluded: then the expected word wins.
  const set: VectorSet = { words: ['a', 'b', 'c', 'x', 'y'], dim: 2, W: Float32Array.from([1, 0, 1, 0.01, 0, 1, 0.05, 1, -1, 0]) };
  const s = plantedAnalogies(set, [{ name: 'r', pairs: [['a', 'b'], ['c', 'x']] }]);
  assert.equal(s.answered, 2);
  assert.equal(s.correct, 2);
});

test('without planted analogies the analogy scores are null, not NaN (they travel as JSON)', () => {
  const r = recovery({ words: truth.words, dim: d, W: t.vectors }, { ...truth, planted: [] });
  assert.equal(r.analogy.accuracy, null);
  assert.equal(r.analogy.truthAccuracy, null);
  assert.equal(r.analogy.questions, 0);
  assert.ok(Math.abs(r.alignedCosine - 1) < 1e-6);
});
