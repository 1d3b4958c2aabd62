/**
 * Minibatch SGNS: the JavaScript reference against finite differences of its own loss,
 * and every TensorFlow.js backend that works here against the reference on the same
 * batches (WebGPU too where CI installs Mesa's llvmpipe; EMBEDLAB_REQUIRE_WEBGPU=1 makes
 * its absence a failure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sgnsBatchProviders } from '../../../src/engine/kernels/registry.js';
import { distinctRows, jsSgnsBatch, softplus, type SgnsBatch } from '../../../src/engine/kernels/sgnsBatchKernel.js';
import { Rng } from '../../../src/engine/base/random.js';

const V = 40;
const d = 8;
const B = 32;
const G = 4;

function start(seed: number): { W: Float32Array; C: Float32Array } {
  const rng = new Rng(seed);
  const W = new Float32Array((V + 1) * d);
  const C = new Float32Array((V + 1) * d);
  for (let i = 0; i < V * d; i++) {
    W[i] = (rng.next() - 0.5) * 0.8;
    C[i] = (rng.next() - 0.5) * 0.8;
  }
  return { W, C };
}

/** Random pairs, heavy on a few rows so that every batch repeats rows on both sides; the last pairs are padding. */
function batch(rng: Rng, real = B - 3): SgnsBatch {
  const b: SgnsBatch = {
    size: B, group: G, inputs: new Int32Array(B), outputs: new Int32Array(B * G), mask: new Float32Array(B * G),
    uniqIn: new Int32Array(B), uniqInCount: 0, segIn: new Int32Array(B), uniqOut: new Int32Array(B * G), uniqOutCount: 0, segOut: new Int32Array(B * G),
  };
  const row = (): number => (rng.next() < 0.5 ? Math.floor(rng.next() * 4) : Math.floor(rng.next() * V));
  for (let p = 0; p < B; p++) {
    b.inputs[p] = p < real ? row() : V;
    for (let g = 0; g < G; g++) {
      b.outputs[p * G + g] = p < real ? row() : V;
      b.mask[p * G + g] = p < real && !(g > 0 && rng.next() < 0.1) ? 1 : 0;
    }
  }
  const stamp = new Int32Array(V + 1).fill(-1);
  const place = new Int32Array(V + 1);
  b.uniqInCount = distinctRows(b.inputs, b.uniqIn, b.segIn, stamp, place, V, 1);
  b.uniqOutCount = distinctRows(b.outputs, b.uniqOut, b.segOut, stamp, place, V, 2);
  return b;
}

function lossAt(W: Float32Array, C: Float32Array, b: SgnsBatch): number {
  let l = 0;
  for (let k = 0; k < B * G; k++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += W[b.inputs[Math.floor(k / G)] * d + j] * C[b.outputs[k] * d + j];
    l += b.mask[k] * softplus(k % G === 0 ? -s : s);
  }
  return l;
}

test('distinctRows lists each row once, pads with the scratch row, and maps every entry to its place', () => {
  const rows = Int32Array.from([3, 1, 3, 3, 0, 1]);
  const uniq = new Int32Array(6);
  const seg = new Int32Array(6);
  assert.equal(distinctRows(rows, uniq, seg, new Int32Array(10).fill(-1), new Int32Array(10), 9, 7), 6, 'padded to the list (shorter than a bucket)');
  assert.deepEqual([...uniq], [3, 1, 0, 9, 9, 9]);
  assert.deepEqual([...rows].map((_, i) => uniq[seg[i]]), [...rows]);
  const many = Int32Array.from({ length: 2000 }, (_, i) => i % 700);
  const u = new Int32Array(2000);
  assert.equal(distinctRows(many, u, new Int32Array(2000), new Int32Array(1001).fill(-1), new Int32Array(1001), 1000, 1), 1024, '700 distinct rows: padded to two buckets of 512');
  assert.equal(u[699], 699);
  assert.equal(u[700], 1000);
});

test('the reference step is −lr times the gradient of the batch loss (finite differences), and leaves padding alone', async () => {
  const { W, C } = start(3);
  const b = batch(new Rng(5));
  const t = await jsSgnsBatch.create();
  const lr = 1e-3;
  await t.load(W, C, V, d, B, G);
  const loss = await t.step(b, lr, true);
  assert.ok(Math.abs(loss! - lossAt(W, C, b)) < 1e-4 * loss!, 'the loss it reports is the batch loss before the step');
  const after = await t.read();
  let worst = 0;
  for (const [which, M, M1] of [['W', W, after.W], ['C', C, after.C]] as const) {
    for (let i = 0; i < V * d; i++) {
      const h = 1e-3;
      const plus = Float32Array.from(M);
      const minus = Float32Array.from(M);
      plus[i] += h;
      minus[i] -= h;
      const grad = which === 'W' ? (lossAt(plus, C, b) - lossAt(minus, C, b)) / (2 * h) : (lossAt(W, plus, b) - lossAt(W, minus, b)) / (2 * h);
      worst = Math.max(worst, Math.abs((M1[i] - M[i]) + lr * grad));
    }
  }
  assert.ok(worst < 2e-6, `step differs from −lr·∇ by up to ${worst}`);
});

const providers = sgnsBatchProviders();
// One at a time: tfjs has one current backend, and two starting at once trip over each other.
const probes: { p: (typeof providers)[number]; probe: Awaited<ReturnType<(typeof providers)[number]['probe']>> }[] = [];
for (const p of providers) probes.push({ p, probe: await p.probe() });

test('the trainers found here', () => {
  console.log(probes.map(({ p, probe }) => `${p.id}: ${probe.ok ? probe.device : `unavailable (${probe.reason})`}`).join('\n'));
  assert.ok(probes.find((x) => x.p.id === 'cpu')?.probe.ok, "tfjs's CPU backend ships with @tensorflow/tfjs and must work everywhere");
  assert.equal(probes.at(-1)!.p.id, 'js', 'the reference comes last');
  if (process.env.EMBEDLAB_REQUIRE_WEBGPU === '1') {
    const w = probes.find((x) => x.p.id === 'webgpu')!;
    assert.ok(w.probe.ok, `EMBEDLAB_REQUIRE_WEBGPU=1 but WebGPU is not available: ${w.probe.ok ? '' : w.probe.reason}`);
  }
});

for (const { p, probe } of probes.filter((x) => x.probe.ok && x.p.id !== 'js')) {
  test(`${p.id} (${probe.ok ? probe.device : ''}) trains the same batches as the reference`, async () => {
    const { W, C } = start(11);
    const ref = await jsSgnsBatch.create();
    const dev = await p.create();
    await ref.load(W, C, V, d, B, G);
    await dev.load(W, C, V, d, B, G);
    const rng = new Rng(17);
    for (let s = 0; s < 6; s++) {
      const b = batch(rng, s === 5 ? 9 : B - 3);
      const [lr, ld] = await Promise.all([ref.step(b, 0.05, s % 2 === 0), dev.step(b, 0.05, s % 2 === 0)]);
      if (lr !== null) assert.ok(Math.abs(lr - ld!) <= 1e-4 * Math.abs(lr), `batch ${s}: loss ${ld} vs ${lr}`);
      else assert.equal(ld, null);
    }
    const [a, z] = [await ref.read(), await dev.read()];
    let diff = 0;
    let norm = 0;
    for (const [x, y] of [[a.W, z.W], [a.C, z.C]]) for (let i = 0; i < x.length; i++) {
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
      norm = Math.max(norm, Math.abs(x[i]));
    }
    assert.equal(z.W.length, V * d, 'the scratch row is left out');
    assert.ok(diff <= 1e-5 * Math.max(1, norm), `W, C differ by up to ${diff} (max |entry| ${norm})`);
    await dev.dispose();
  });
}
