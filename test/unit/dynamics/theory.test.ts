import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logisticEnergy, predictedCurve, predictedRiseStep, defaultLearningRate } from '../../../src/engine/dynamics/theory.js';

test('the exact map tends to the logistic as the step shrinks, and the rise time to ln(λ/σ₀²)/(2λ)', () => {
  const lambda = 50;
  const x0 = 1e-12;
  // Away from the rise (where any shift in time is magnified) the curves agree, closer as η shrinks.
  const errors = [1e-3, 1e-4].map((lr) => {
    let worst = 0;
    for (const t of [0.1, 0.2, 0.5]) {
      const n = Math.round(t / lr);
      const exact = predictedCurve(lambda, x0, lr, n)[n];
      worst = Math.max(worst, Math.abs(Math.log(exact / logisticEnergy(lambda, x0, t))));
    }
    return worst;
  });
  assert.ok(errors[1] < 0.05, `log-error ${errors[1]}`);
  assert.ok(errors[1] < errors[0] / 5, `the map converges to the logistic: ${errors}`);
  const rise = predictedRiseStep(lambda, x0, 1e-4, 1e7)! * 1e-4;
  const formula = Math.log(lambda / x0 - 1) / (2 * lambda);
  assert.ok(Math.abs(rise - formula) / formula < 0.005, `${rise} vs ${formula}`);
});

test('modes with λ ≤ 0 are never learned, and the default step keeps the stiffest direction stable', () => {
  assert.equal(predictedRiseStep(-3, 1e-12, 0.01, 1e6), null);
  assert.equal(predictedRiseStep(0, 1e-12, 0.01, 1e6), null);
  const lr = defaultLearningRate(-3000);
  assert.ok(Math.abs(1 + lr * -3000) < 1);
  const x = predictedCurve(-3000, 1e-6, lr, 50);
  assert.ok(x[50] < x[0] * 1e-10, 'a negative mode shrinks');
});
