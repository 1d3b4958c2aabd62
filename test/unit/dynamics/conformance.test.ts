/**
 * Every backend that works here against the JavaScript reference, on the same small
 * problems, for every model it runs. CI installs Mesa's llvmpipe Vulkan driver, so WebGPU
 * is among them there; EMBEDLAB_REQUIRE_WEBGPU=1 makes its absence a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allProviders, describeBackends } from '../../../src/engine/dynamics/backends.js';
import { compareWithReference } from '../../../src/engine/dynamics/selfCheck.js';
import { DYNAMICS_MODELS } from '../../../src/shared/types/dynamics.js';

const providers = allProviders({ threads: 2 });
const info = await describeBackends(providers);
const available = info.filter((b) => b.available && b.id !== 'js');

test('the backends found here', () => {
  console.log(info.map((b) => `${b.id}: ${b.available ? b.device : `unavailable (${b.reason})`}`).join('\n'));
  assert.ok(info.find((b) => b.id === 'cpu')!.available, "tfjs's CPU backend ships with @tensorflow/tfjs and must work everywhere");
  if (process.env.EMBEDLAB_REQUIRE_WEBGPU === '1') {
    const w = info.find((b) => b.id === 'webgpu')!;
    assert.ok(w.available, `EMBEDLAB_REQUIRE_WEBGPU=1 but WebGPU is not available: ${w.reason}`);
  }
});

for (const b of available) {
  for (const model of DYNAMICS_MODELS.filter((m) => b.models.includes(m))) {
    test(`${b.id} (${b.device}) runs ${model} as the reference does`, async () => {
      const p = providers.find((x) => x.id === b.id)!;
      const { dW, dLoss } = await compareWithReference(p, model, 70, 6, 12, 0.004, 5);
      assert.ok(dW < 2e-4, `W differs by ${dW} relative`);
      assert.ok(dLoss < 2e-4, `the loss differs by ${dLoss} relative`);
    });
  }
}
