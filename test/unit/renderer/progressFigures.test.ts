/**
 * The percent beside every progress bar: whole percents rounded down, exact where the fraction is not
 * (the live-updates e2e test once saw "28%" beside 6,264,000 / 21,600,000 words, which is 29%).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentOf } from '../../../src/renderer/src/components/progressFigures.js';

test('the percent is floor(100·done / total), exact for fractions binary cannot hold', () => {
  assert.equal(percentOf(6_264_000, 21_600_000), 29);
  for (let total = 1; total <= 400; total++) {
    for (let done = 0; done <= total; done++) assert.equal(percentOf(done, total), Math.floor((100 * done) / total), `${done} of ${total}`);
  }
  assert.equal(percentOf(29, 100), 29);
  assert.equal(percentOf(57, 100), 57);
});

test('kept within 0–100, and null without a total', () => {
  assert.equal(percentOf(-5, 10), 0);
  assert.equal(percentOf(15, 10), 100);
  assert.equal(percentOf(3, 0), null);
  assert.equal(percentOf(Number.NaN, 10), null);
});
