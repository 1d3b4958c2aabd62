/** Custom axes on hand-made 3-d vectors, where every projection is known by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axisDirections, projectOnAxes } from '../../../src/engine/projection/axes.js';
import { KeyedVectors } from '../../../src/engine/vectors/keyedVectors.js';
import { gatherUnitRows } from '../../../src/engine/projection/rows.js';

const words = ['he', 'she', 'good', 'bad', 'king', 'queen', 'w'];
// Not unit length on purpose: KeyedVectors normalises.
const raw = [
  [2, 0, 0], // he
  [-2, 0, 0], // she
  [0, 3, 0], // good
  [0, -3, 0], // bad
  [1, 1, 0], // king  → (1, 1, 0)/√2
  [-1, 1, 0], // queen → (−1, 1, 0)/√2
  [0.6, 0.8, 0], // w (unit already)
];
const kv = new KeyedVectors(words, Float32Array.from(raw.flat()), 3);
const all = Int32Array.from(words.keys());
const X = gatherUnitRows(kv.unit, 3, all, false);
const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} ≠ ${b}`);

test('he − she against good − bad: coordinates are the dot products with the unit directions', () => {
  const { directions, info } = axisDirections(kv, [{ plus: ['he'], minus: ['she'] }, { plus: ['good'], minus: ['bad'] }], false);
  const c = projectOnAxes(X, words.length, 3, directions);
  // w = (0.6, 0.8, 0): x = 0.6, y = 0.8; king: (1/√2, 1/√2); queen: (−1/√2, 1/√2).
  close(c[6 * 2], 0.6, 'w.x');
  close(c[6 * 2 + 1], 0.8, 'w.y');
  close(c[4 * 2], Math.SQRT1_2, 'king.x');
  close(c[5 * 2], -Math.SQRT1_2, 'queen.x');
  close(c[5 * 2 + 1], Math.SQRT1_2, 'queen.y');
  assert.equal(info[0].label, 'he − she');
  assert.deepEqual(info[0].missing, []);
});

test('an oblique axis: raw scores without orthogonalisation, the orthogonal part with it', () => {
  // y = king − he: mean difference (1/√2 − 1, 1/√2, 0), not orthogonal to x = he.
  const axes = [{ plus: ['he'], minus: [] }, { plus: ['king'], minus: ['he'] }];
  const a = 1 / Math.SQRT2 - 1;
  const b = 1 / Math.SQRT2;
  const len = Math.hypot(a, b);
  const raw = axisDirections(kv, axes, false);
  const c = projectOnAxes(X, words.length, 3, raw.directions);
  close(c[6 * 2 + 1], (0.6 * a + 0.8 * b) / len, 'w.y raw score');
  const orth = axisDirections(kv, axes, true);
  const o = projectOnAxes(X, words.length, 3, orth.directions);
  // With x = (1, 0, 0), y becomes (0, 1, 0): w.y = 0.8.
  close(o[6 * 2], 0.6, 'w.x');
  close(o[6 * 2 + 1], 0.8, 'w.y orthogonalised');
});

test('several words per side average their unit vectors; unknown words are reported', () => {
  const { directions, info } = axisDirections(kv, [{ plus: ['king', 'he', 'nosuch'], minus: ['queen', 'she'] }, { plus: ['good'], minus: [] }], false);
  // mean(king, he) − mean(queen, she) = ((1/√2 + 1)/2 + (1/√2 + 1)/2, 0, 0) → direction (1, 0, 0).
  close(directions[0][0], 1, 'x direction');
  close(directions[0][1], 0, 'x direction, y part');
  assert.deepEqual(info[0].missing, ['nosuch']);
});

test('refusals: no known word, a zero axis, an axis that vanishes when orthogonalised', () => {
  assert.throws(() => axisDirections(kv, [{ plus: ['nosuch'], minus: [] }, { plus: ['good'], minus: [] }], false), /none of its words/);
  assert.throws(() => axisDirections(kv, [{ plus: ['he'], minus: ['he'] }, { plus: ['good'], minus: [] }], false), /zero vector/);
  assert.throws(() => axisDirections(kv, [{ plus: ['he'], minus: [] }, { plus: ['he'], minus: ['she'] }], true), /nothing is left after making it orthogonal/);
});
