import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMatrix } from '../../../src/engine/dynamics/jsCompute.js';
import { randomProblem } from '../../../src/engine/dynamics/selfCheck.js';
import { DYNAMICS_MODELS } from '../../../src/shared/types/dynamics.js';

// The step is W ← W − η·E·W: E·W must be the loss's gradient, for every model.
for (const model of DYNAMICS_MODELS) {
  test(`${model}: E·W equals the loss's gradient by central finite differences`, () => {
    const { problem, W0 } = randomProblem(model, 9, 3, 11);
    const W = Float64Array.from(W0, (x) => x * 10);
    const { E } = errorMatrix(problem, W);
    const { V, d } = problem;
    for (const k of [0, 4, 13, 26]) {
      let g = 0;
      for (let j = 0; j < V; j++) g += E[Math.floor(k / d) * V + j] * W[j * d + (k % d)];
      const h = 1e-5;
      const up = W.slice();
      up[k] += h;
      const down = W.slice();
      down[k] -= h;
      const fd = (errorMatrix(problem, up).loss - errorMatrix(problem, down).loss) / (2 * h);
      assert.ok(Math.abs(g - fd) <= 1e-5 * Math.max(1, Math.abs(fd)), `entry ${k}: analytic ${g}, finite difference ${fd}`);
    }
  });
}
