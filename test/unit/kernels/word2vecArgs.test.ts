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
    window: 2, negative: 2, alpha0: 0.05, minRatio: 1e-4, wordsBefore: 0, totalWords: 50, rng: kernelRngState(1), cbow: false, out: new Float64Array(3),
  };
}

test('both word2vec kernels train on a well-formed argument object and report the words read', () => {
  for (const k of [jsWord2vec, ...(native ? [native] : [])]) {
    for (const cbow of [false, true]) {
      const a = { ...args(), cbow };
      k.train(a);
      assert.equal(a.out[0], 50, `${k.name} ${cbow ? 'CBOW' : 'SGNS'}: words read`);
      assert.ok(a.C.some((x) => x !== 0), `${k.name}: C moved`);
    }
  }
});

test('native word2vec rejects a malformed argument object, naming the field', { skip: native ? false : 'native kernels not built' }, () => {
  const train = native!.train as (a: unknown) => void;
  const bad = (change: Record<string, unknown>): unknown => ({ ...args(), ...change });
  assert.throws(() => train(bad({ W: Array.from(args().W) })), /word2vecTrain: W is not a Float32Array/);
  assert.throws(() => train(bad({ ids: new Int32Array(50) })), /ids is not a Uint16Array or Uint32Array/);
  assert.throws(() => train(bad({ dim: 'four' })), /dim is not a number/);
  assert.throws(() => train(bad({ cbow: 1 })), /cbow is not true or false/);
  assert.throws(() => train(bad({ window: 0 })), /window must be at least 1/);
  assert.throws(() => train(bad({ sentTo: 3 })), /\[sentFrom, sentTo\)/);
  assert.throws(() => train(bad({ keep: new Float32Array(9) })), /one entry per word/);
  const { rng, ...withoutRng } = args();
  void rng;
  assert.throws(() => train(withoutRng), /has no rng/);
});
