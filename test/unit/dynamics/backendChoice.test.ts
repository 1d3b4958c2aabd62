/** The backend choice and its fallbacks, with modules that are missing or adapters that are null. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allProviders, chooseBackend, describeBackends } from '../../../src/engine/dynamics/backends.js';
import { randomProblem } from '../../../src/engine/dynamics/selfCheck.js';
import { jsProvider } from '../../../src/engine/dynamics/jsCompute.js';
import type { ComputeProvider } from '../../../src/engine/dynamics/compute.js';
import { LabError } from '../../../src/shared/labError.js';

const missing = (name: string): Promise<never> => Promise.reject(new Error(`Cannot find package '${name}'`));

test('no tfjs package installed and no WebGPU: only the native kernels and the reference remain, each absence explained', async () => {
  const info = await describeBackends(allProviders({ load: missing, threads: 1 }));
  for (const id of ['tfjs-node', 'webgpu', 'wasm', 'cpu'] as const) {
    const b = info.find((x) => x.id === id)!;
    assert.equal(b.available, false, id);
    assert.match(b.reason!, id === 'tfjs-node' ? /neither @tensorflow\/tfjs-node-gpu nor @tensorflow\/tfjs-node is installed/ : id === 'webgpu' ? /"webgpu" does not load/ : /does not load/);
  }
  assert.equal(info.find((x) => x.id === 'js')!.available, true);
});

test('a WebGPU package whose adapter is null is refused with the reason; an explicit unavailable backend names what is available', async () => {
  const load = (name: string): Promise<unknown> => {
    if (name === 'webgpu') return Promise.resolve({ globals: {}, create: () => ({ requestAdapter: async () => null }) });
    if (name.startsWith('@tensorflow/tfjs-node')) return missing(name);
    return import(name);
  };
  const providers = allProviders({ load, threads: 1 });
  const info = await describeBackends(providers);
  assert.match(info.find((x) => x.id === 'webgpu')!.reason!, /finds no adapter/);
  const { problem, W0 } = randomProblem('qwem', 20, 3, 1);
  await assert.rejects(chooseBackend('webgpu', 'qwem', problem, W0, 0.01, providers), (e: unknown) => {
    assert.ok(e instanceof LabError);
    assert.match(e.message, /Backend webgpu is not available here: WebGPU finds no adapter/);
    assert.match(e.message, /Available for qwem: .*cpu.*js/);
    return true;
  });
  const nat = randomProblem('sgns', 20, 3, 1);
  await assert.rejects(chooseBackend('native', 'sgns', nat.problem, nat.W0, 0.01, providers), /does not run the sgns model/);
  // auto without a GPU times the CPU paths and keeps the fastest, with its timings.
  const chosen = await chooseBackend('auto', 'qwem', problem, W0, 0.01, providers);
  try {
    assert.ok(Object.keys(chosen.timings).length >= 2, JSON.stringify(chosen.timings));
    const best = Math.min(...Object.values(chosen.timings));
    assert.equal(chosen.timings[chosen.compute.id], best);
  } finally {
    await chosen.compute.dispose();
  }
});

test('a backend whose driver hangs in the self-check is not offered, and the probe still answers', async () => {
  const hung: ComputeProvider = {
    id: 'webgpu',
    supports: () => true,
    probe: async () => ({ ok: true, device: 'WebGPU: a driver that never answers', gpu: true }),
    create: () => new Promise(() => {}),
  };
  const t0 = performance.now();
  const info = await describeBackends([hung, jsProvider], 200);
  assert.ok(performance.now() - t0 < 5000, 'the probe gives up on the hung backend');
  const b = info.find((x) => x.id === 'webgpu')!;
  assert.equal(b.available, false);
  assert.match(b.reason!, /WebGPU: a driver that never answers failed its self-check: it did not finish its self-check within 0\.2 s/);
  assert.equal(info.find((x) => x.id === 'js')!.available, true);
});
