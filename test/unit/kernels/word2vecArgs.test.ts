/** The native word2vec kernel reads its one argument object by name and says which field is wrong. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsWord2vec, kernelRngState, nativeWord2vec, type Word2vecArgs } from '../../../src/engine/kernels/word2vecKernel.js';

const native = nativeWord2vec();

function args(): Word2vecArgs {
  const V = 10;
  const dim = 4;
  return {
    W: Float32Array.from({ length: V * dim }, (_, i) => ((i % 7) - 3) / 10), C: new Float32Array(V * dim), dim,
    aliasProb: new Float32Array(V).fill(1), aliasIdx: Uint32Array.from({ length: V }, (_, i) => i), keep: new Float32Array(V).fill(1),
    ids: Uint16Array.from({ length: 50 }, (_, i) => (i * 7) % V), sentStarts: Uint32Array.of(0, 25, 50), sentFrom: 0, sentTo: 2,
    window: 2, negative: 2, alpha0: 0.05, minRatio: 1e-4, wordsBefore: 0, totalWords: 50, rng: kernelRngState(1), cbow: false, shareNegatives: false, out: new Float64Array(3),
  };
}

test('both word2vec kernels train on a well-formed argument object and report the words read', () => {
  for (const k of [jsWord2vec, ...(native ? [native] : [])]) {
    for (const [cbow, shareNegatives] of [[false, false], [false, true], [true, false]]) {
      const a = { ...args(), cbow, shareNegatives };
      k.train(a);
      assert.equal(a.out[0], 50, `${k.name} ${cbow ? 'CBOW' : 'SGNS'}: words read`);
      assert.ok(a.C.some((x) => x !== 0), `${k.name}: C moved`);
    }
  }
});

test('both kernels read a varint stream, and train on what they can of a corrupt one', () => {
  for (const k of [jsWord2vec, ...(native ? [native] : [])]) {
    // Ids 3, 200 (two bytes: outside the 10 words) and 7, then a varint cut short by the sentence's end.
    const a = { ...args(), ids: Uint8Array.of(3, 0xc8, 0x01, 7, 5, 5, 0x85), sentStarts: Uint32Array.of(0, 6, 7), totalWords: 7 };
    const W0 = a.W.slice();
    k.train(a);
    assert.equal(a.out[0], 7 - 1, `${k.name}: words read, the two-byte id counted once`);
    assert.ok(a.W.every(Number.isFinite) && a.C.every(Number.isFinite), `${k.name}: the model stays finite`);
    assert.ok(a.W.some((x, i) => x !== W0[i]), `${k.name}: the valid words trained`);
    // 32-bit ids past the vocabulary are skipped the same way.
    const b = { ...args(), ids: Uint32Array.of(3, 4_000_000_000, 7, 2), sentStarts: Uint32Array.of(0, 4, 4), totalWords: 4 };
    k.train(b);
    assert.equal(b.out[0], 4, `${k.name}: words read`);
    assert.ok(b.W.every(Number.isFinite), `${k.name}: finite`);
  }
});

test('native word2vec rejects a malformed argument object, naming the field', { skip: native ? false : 'native kernels not built' }, () => {
  const train = native!.train as (a: unknown) => void;
  const bad = (change: Record<string, unknown>): unknown => ({ ...args(), ...change });
  assert.throws(() => train(bad({ W: Array.from(args().W) })), /word2vecTrain: W is not a Float32Array/);
  assert.throws(() => train(bad({ ids: new Int32Array(50) })), /ids is not a Uint8Array \(varints\), Uint16Array or Uint32Array/);
  assert.throws(() => train(bad({ dim: 'four' })), /dim is not a number/);
  assert.throws(() => train(bad({ cbow: 1 })), /cbow is not true or false/);
  assert.throws(() => train(bad({ shareNegatives: 'yes' })), /shareNegatives is not true or false/);
  assert.throws(() => train(bad({ window: 0 })), /window must be at least 1/);
  assert.throws(() => train(bad({ sentTo: 3 })), /\[sentFrom, sentTo\)/);
  assert.throws(() => train(bad({ keep: new Float32Array(9) })), /one entry per word/);
  const { rng, ...withoutRng } = args();
  void rng;
  assert.throws(() => train(withoutRng), /has no rng/);
});

/**
 * Native against JavaScript, step for step: with a window of 1 (the shrink b is always 0), every word kept and
 * an alias table whose every draw is one word that never occurs in the stream, no random number changes what
 * is trained, so the two kernels must move W and C alike (to float rounding: the native one is built with
 * -ffast-math) — per-pair negatives, shared negatives and CBOW.
 */
test('native and JavaScript word2vec agree step for step where no random draw matters', { skip: native ? false : 'native kernels not built' }, () => {
  const V = 12;
  const dim = 8;
  const noise = V - 1;
  const deterministic = (cbow: boolean, shareNegatives: boolean): Word2vecArgs => ({
    W: Float32Array.from({ length: V * dim }, (_, i) => Math.sin(i) / dim), C: Float32Array.from({ length: V * dim }, (_, i) => Math.cos(i) / (4 * dim)), dim,
    aliasProb: new Float32Array(V), aliasIdx: new Uint32Array(V).fill(noise), keep: new Float32Array(V).fill(1),
    ids: Uint32Array.from({ length: 400 }, (_, i) => (i * 5 + (i >> 3)) % (V - 1)), sentStarts: Uint32Array.of(0, 137, 400), sentFrom: 0, sentTo: 2,
    window: 1, negative: 3, alpha0: 0.05, minRatio: 1e-4, wordsBefore: 0, totalWords: 400, rng: kernelRngState(7), cbow, shareNegatives, out: new Float64Array(3),
  });
  for (const [cbow, share] of [[false, false], [false, true], [true, false]]) {
    const a = deterministic(cbow, share);
    const b = deterministic(cbow, share);
    jsWord2vec.train(a);
    native!.train(b);
    const what = cbow ? 'CBOW' : share ? 'SGNS, shared negatives' : 'SGNS';
    for (const [m, x, y] of [['W', a.W, b.W], ['C', a.C, b.C]] as const) {
      let worst = 0;
      for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
      assert.ok(worst < 1e-5, `${what}: ${m} differs by ${worst}`);
    }
    assert.equal(a.out[0], b.out[0]);
    assert.ok(Math.abs(a.out[1] - b.out[1]) < 1e-4 * Math.max(1, a.out[1]), `${what}: sampled loss ${a.out[1]} vs ${b.out[1]}`);
  }
  // The two samplings are different algorithms: on the same start they end apart.
  const perPair = deterministic(false, false);
  const shared = deterministic(false, true);
  native!.train(perPair);
  native!.train(shared);
  assert.ok(perPair.C.some((x, i) => Math.abs(x - shared.C[i]) > 1e-6));
});
