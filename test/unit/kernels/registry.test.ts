/** The kernel registry: every family has a JavaScript reference, and one choice picks the backend. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernel, kernelFor, selectBackend, sgnsBatchProviders, type KernelFamily } from '../../../src/engine/kernels/registry.js';

const families: Exclude<KernelFamily, 'sgnsBatch'>[] = ['linalg', 'word2vec', 'glove', 'tokenizer', 'tsne', 'cooc'];

function withKernelsEnv(value: string | undefined, fn: () => void): void {
  const before = process.env.EMBEDLAB_KERNELS;
  if (value === undefined) delete process.env.EMBEDLAB_KERNELS;
  else process.env.EMBEDLAB_KERNELS = value;
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.EMBEDLAB_KERNELS;
    else process.env.EMBEDLAB_KERNELS = before;
  }
}

test('every family has a JavaScript reference, and a native implementation named native where it was built', () => {
  for (const f of families) {
    assert.equal(kernelFor(f, 'js')?.name, 'js', f);
    const native = kernelFor(f, 'native');
    if (native) assert.equal(native.name, 'native', f);
    assert.equal(kernelFor(f, 'js'), kernelFor(f, 'js'), `${f}: loaded once`);
  }
});

test('EMBEDLAB_KERNELS=js selects the references for every family', () => {
  withKernelsEnv('js', () => {
    for (const f of families) {
      assert.equal(selectBackend(f), 'js', f);
      assert.equal(kernel(f).name, 'js', f);
    }
  });
});

test('without EMBEDLAB_KERNELS (or with a name that is no backend) the native backend is chosen where it was built', () => {
  for (const value of [undefined, '', 'native', 'no-such-backend']) {
    withKernelsEnv(value, () => {
      for (const f of families) {
        const expected = kernelFor(f, 'native') ? 'native' : 'js';
        assert.equal(selectBackend(f), expected, `${f} with EMBEDLAB_KERNELS=${value}`);
        assert.equal(kernel(f).name, expected, f);
      }
    });
  }
});

test('the tfjs column: the minibatch SGNS trainers of TensorFlow.js, GPU first, then the reference; no other family has one', () => {
  for (const f of families) assert.equal(kernelFor(f, 'tfjs'), null, f);
  assert.equal(kernelFor('sgnsBatch', 'native'), null);
  assert.deepEqual(kernelFor('sgnsBatch', 'tfjs')!.map((p) => p.id), ['tfjs-node', 'webgpu', 'wasm', 'cpu']);
  assert.deepEqual(kernelFor('sgnsBatch', 'js')!.map((p) => p.id), ['js']);
  assert.deepEqual(sgnsBatchProviders().map((p) => p.id), ['tfjs-node', 'webgpu', 'wasm', 'cpu', 'js']);
  withKernelsEnv(undefined, () => assert.equal(selectBackend('sgnsBatch'), 'tfjs'));
  withKernelsEnv('js', () => assert.equal(selectBackend('sgnsBatch'), 'js'));
});
