/** The native co-occurrence counting loop against the JS reference: the same cells, keys and stopping points. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsCooc, nativeCooc, type CoocKernel, type CountScratch } from '../../../src/engine/kernels/coocKernel.js';
import { Rng } from '../../../src/engine/base/random.js';

const native = nativeCooc();
const skip = native ? false : 'native kernels not built';

/** Counts every segment of ids, flushing (recording and emptying) the sparse buffer whenever it fills. */
function countAll(kernel: CoocKernel, ids: Uint32Array, segStarts: number[], window: number, weights: Float64Array, vocab: number, denseRows: number, capacity: number) {
  const s: CountScratch = { dense: new Float64Array(denseRows * vocab), denseRows, vocab, sparse: new Float64Array(capacity), sparseFill: 0 };
  const flushes: number[][] = [];
  const stops: number[] = [];
  for (let g = 0; g < segStarts.length; g++) {
    const end = g + 1 < segStarts.length ? segStarts[g + 1] : ids.length;
    let p = segStarts[g];
    while (p < end) {
      p = kernel.countRange(ids, p, end, end, window, weights, s);
      stops.push(p);
      if (p < end) {
        flushes.push(Array.from(s.sparse.subarray(0, s.sparseFill)));
        s.sparseFill = 0;
      }
    }
  }
  flushes.push(Array.from(s.sparse.subarray(0, s.sparseFill)));
  return { dense: s.dense, flushes, stops };
}

test('native co-occurrence counting: the same dense cells, sparse keys and stops as the JS reference', { skip }, () => {
  const rng = new Rng(5);
  const vocab = 500;
  const ids = Uint32Array.from({ length: 20_000 }, () => Math.floor(rng.next() ** 3 * vocab));
  const segStarts = [0];
  while (segStarts.at(-1)! < ids.length - 1) segStarts.push(Math.min(ids.length - 1, segStarts.at(-1)! + 1 + Math.floor(rng.next() * 400)));
  for (const window of [1, 2, 5, 10]) {
    const weights = Float64Array.from({ length: window + 1 }, (_, d) => (d === 0 ? 0 : 1 / d));
    for (const [denseRows, capacity] of [[0, 64], [40, 1000], [vocab, 64]]) {
      const ours = countAll(native!, ids, segStarts, window, weights, vocab, denseRows, capacity);
      const ref = countAll(jsCooc, ids, segStarts, window, weights, vocab, denseRows, capacity);
      const what = `window ${window}, ${denseRows} dense rows, buffer ${capacity}`;
      assert.deepEqual(ours.stops, ref.stops, `${what}: stops`);
      assert.deepEqual(ours.flushes, ref.flushes, `${what}: sparse keys`);
      assert.ok(Buffer.from(ours.dense.buffer).equals(Buffer.from(ref.dense.buffer)), `${what}: dense cells`);
      assert.ok(denseRows === vocab || ref.flushes.length > 1, `${what}: the buffer filled at least once`);
    }
  }
});

test('native co-occurrence counting refuses ranges and sizes out of bounds', { skip }, () => {
  const s: CountScratch = { dense: new Float64Array(10), denseRows: 1, vocab: 10, sparse: new Float64Array(16), sparseFill: 0 };
  const ids = new Uint32Array(8);
  const weights = new Float64Array(3);
  assert.throws(() => native!.countRange(ids, 0, 8, 9, 2, weights, s), /out of bounds/); // segment past the stream
  assert.throws(() => native!.countRange(ids, 0, 8, 8, 3, weights, s), /out of bounds/); // no weight for distance 3
  assert.throws(() => native!.countRange(ids, 0, 8, 8, 2, weights, { ...s, denseRows: 2 }), /out of bounds/); // dense table too small
  const wide = Float64Array.from({ length: 33 }, () => 1);
  assert.throws(() => native!.countRange(new Uint32Array(40), 0, 40, 40, 32, wide, { ...s, sparse: new Float64Array(64) }), /out of bounds/); // d needs 5 bits
  assert.throws(() => native!.countRange(ids, 0, 8, 8, 2, weights, { ...s, denseRows: 2 ** 32, vocab: 2 ** 32 }), /out of bounds/); // rows × vocab overflows
  assert.throws(() => native!.countRange(ids, 0, 8, 8, 2, weights, { ...s, sparse: new Float32Array(16) as unknown as Float64Array }), /Float64Arrays/);
  assert.throws(() => native!.reduce(new Float64Array(4), weights, new Float64Array(4), new Float64Array(4) as unknown as Float32Array), /Float32Array/);
  assert.equal(native!.countRange(ids, 0, 8, 8, 2, weights, s), 8);
});

test('native reduction of the packed keys: the same pairs and summed weights as the JS reference', { skip }, () => {
  const rng = new Rng(8);
  const weights = Float64Array.from({ length: 11 }, (_, d) => (d === 0 ? 0 : 1 / d));
  // Pairs of a vocabulary of 200,000 words (keys past 2^40: four radix passes, the sorted keys end in their
  // own buffer) and of 1,000 (under 2^25: three passes, they end in the pairs' buffer), many repeated.
  for (const [V, n] of [[200_000, 1], [200_000, 2], [200_000, 1000], [200_000, 100_000], [1000, 5], [1000, 100_000]]) {
    const pair = (): number => {
      const a = Math.floor(rng.next() ** 4 * V);
      return a * V + a + Math.floor(rng.next() ** 4 * (V - a));
    };
    const frequent = Array.from({ length: 500 }, pair); // half the keys fall on these
    const keys = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? frequent[Math.floor(rng.next() * 500)] : pair()) * 32 + 1 + Math.floor(rng.next() * 10));
    const run = (kernel: CoocKernel) => {
      const pairs = new Float64Array(n);
      const values = new Float32Array(n);
      const m = kernel.reduce(keys.slice(), weights, pairs, values);
      return { m, pairs: Array.from(pairs.subarray(0, m)), values: Array.from(values.subarray(0, m)) };
    };
    const ours = run(native!);
    const ref = run(jsCooc);
    assert.equal(ours.m, ref.m, `V ${V}, ${n} keys: the number of pairs`);
    assert.deepEqual(ours.pairs, ref.pairs, `V ${V}, ${n} keys: pairs`);
    assert.deepEqual(ours.values, ref.values, `V ${V}, ${n} keys: summed weights`);
    if (n === 100_000) assert.ok(ref.m < 0.6 * n, `repeated pairs were merged (${ref.m} of ${n})`);
  }
  assert.throws(() => native!.reduce(Float64Array.of(32 * 5 + 12), weights, new Float64Array(1), new Float32Array(1)), /no weight/);
  assert.equal(native!.reduce(new Float64Array(0), weights, new Float64Array(0), new Float32Array(0)), 0);
});
