import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/base/random.js';
import { ChunkGenerator, Normals, SoftmaxSampler, chunkSeed, randomUnit, walkStep } from '../../../src/engine/randwalk/sampler.js';
import { jsKernels } from '../../../src/engine/kernels/linalgKernels.js';
import { linalgKernels } from '../../../src/engine/kernels/registry.js';
import { chiSquare, chiSquare999 } from './helpers.js';

function softmax(logits: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  const p = Float64Array.from(logits, (l) => Math.exp(l - m));
  const z = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / z);
}

test('the envelope-and-reject sampler draws exactly softmax(logits): χ² at a fixed seed', () => {
  const n = 50;
  const rng = new Rng(11);
  // A wide spread, both ends of the bound, and values on bin edges (multiples of 1/64).
  const logits = Float32Array.from({ length: n }, (_, i) => (i < 5 ? [-6, 6, 5.984375, 0, -0.015625][i] : 8 * rng.next() - 4));
  const sampler = new SoftmaxSampler(n, 6);
  sampler.prepare(logits, 0);
  const N = 400_000;
  const seen = new Float64Array(n);
  const draws = new Rng(12345);
  for (let k = 0; k < N; k++) seen[sampler.draw(draws)]++;
  const p = softmax(logits);
  const { x2, df } = chiSquare(seen, p, N);
  assert.ok(df >= 30, `${df} cells`);
  assert.ok(x2 < chiSquare999(df), `χ² = ${x2.toFixed(1)} over ${df} df (bound ${chiSquare999(df).toFixed(1)})`);
  // The test has power: the same counts against a slightly wrong law (logits · 1.02) fail it.
  const wrong = chiSquare(seen, softmax(Array.from(logits, (l) => l * 1.02)), N);
  assert.ok(wrong.x2 > 3 * chiSquare999(wrong.df), `wrong law: χ² = ${wrong.x2.toFixed(1)}`);
  const acceptance = 1 - sampler.rejected / sampler.proposed;
  assert.ok(acceptance > Math.exp(-1 / 64) - 0.002, `acceptance ${acceptance}`);
});

test('a logits batch at an offset is read from that offset', () => {
  const sampler = new SoftmaxSampler(3, 30);
  const logits = Float32Array.from([0, 0, 0, -30, 30, -30]);
  sampler.prepare(logits, 3);
  const rng = new Rng(1);
  for (let k = 0; k < 100; k++) assert.equal(sampler.draw(rng), 1);
});

test('the generating pipeline (walk start, dotRows, sampler) emits softmax(⟨c, v⟩) for a fixed discourse vector', () => {
  const n = 40;
  const d = 8;
  const rng = new Normals(new Rng(3));
  const V = Float32Array.from({ length: n * d }, () => 0.6 * rng.next());
  let maxNorm = 0;
  for (let i = 0; i < n; i++) maxNorm = Math.max(maxNorm, Math.hypot(...V.subarray(i * d, (i + 1) * d)));
  const seed = 77;
  const N = 200_000;
  for (const kernels of [linalgKernels(), jsKernels]) {
    // drift 0: c stays where document 0's walk starts.
    const gen = new ChunkGenerator({ V, n, d, drift: 0, tokensPerStep: 1000, maxAbsLogit: maxNorm * 1.001, seed }, kernels.dotRows);
    const out = new Uint32Array(N);
    gen.start(0);
    gen.emit(out, 0, N);
    const c = new Float64Array(d);
    randomUnit(new Normals(new Rng(chunkSeed(seed, 0))), c);
    const logits = Array.from({ length: n }, (_, i) => c.reduce((s, x, t) => s + x * V[i * d + t], 0));
    const seen = new Float64Array(n);
    for (const w of out) seen[w]++;
    const { x2, df } = chiSquare(seen, softmax(logits), N);
    assert.ok(df >= 20 && x2 < chiSquare999(df), `${kernels.name}: χ² = ${x2.toFixed(1)} over ${df} df`);
  }
});

test('the walk stays on the unit sphere and moves by about δ per step', () => {
  const d = 100;
  const normals = new Normals(new Rng(5));
  const c = new Float64Array(d);
  randomUnit(normals, c);
  let cosSum = 0;
  const steps = 2000;
  for (let s = 0; s < steps; s++) {
    const before = Float64Array.from(c);
    walkStep(normals, c, 0.1);
    assert.ok(Math.abs(Math.hypot(...c) - 1) < 1e-12);
    cosSum += c.reduce((a, x, t) => a + x * before[t], 0);
  }
  // cos(angle) = 1/√(1 + δ²) on average for a step of δ·g/√d.
  assert.ok(Math.abs(cosSum / steps - 1 / Math.sqrt(1.01)) < 1e-3, `mean cos ${cosSum / steps}`);
});

test('emitting in slices gives the same tokens as one call (the walk and the draws have their own streams)', () => {
  const n = 30;
  const d = 6;
  const normals = new Normals(new Rng(9));
  const V = Float32Array.from({ length: n * d }, () => normals.next());
  const task = { V, n, d, drift: 0.2, tokensPerStep: 3, maxAbsLogit: 20, seed: 4 };
  const whole = new Uint32Array(9000);
  const a = new ChunkGenerator(task, linalgKernels().dotRows);
  a.start(2);
  a.emit(whole, 0, whole.length);
  const sliced = new Uint32Array(9000);
  const b = new ChunkGenerator(task, linalgKernels().dotRows);
  b.start(2);
  for (let at = 0; at < sliced.length; at += 300) b.emit(sliced, at, at + 300);
  assert.deepEqual(sliced, whole);
});
