/**
 * The evaluation estimate follows what evaluateAnalogies computes: one column of cosines per distinct
 * query word, not per question. Counting per question made the Levy grid's plan say 35 minutes for a grid
 * that took 6 (each d = 300 cell's evaluation was estimated at 176 s; it took about 2 s).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analogyWorkload } from '../../../src/engine/experiments/evalSets.js';
import { evalSeconds } from '../../../src/engine/experiments/estimate.js';

test("Google's workload: 19,544 questions over 905 distinct query words", () => {
  assert.deepEqual(analogyWorkload('google'), { questions: 19_544, queryWords: 905 });
});

test('the evaluation estimate grows with the query words and d, and stays in seconds for the medium corpus', () => {
  const corpus = { tokens: 18_093_247, types: 57_631 };
  const google = analogyWorkload('google');
  const at = (dim: number, native: boolean): number => evalSeconds({ dim }, corpus, google, 30_000, 1, native);
  assert.ok(at(100, true) > 1 && at(100, true) < 3, `d 100: ${at(100, true)} s`);
  assert.ok(at(300, true) > at(100, true) && at(300, true) < 5, `d 300: ${at(300, true)} s`);
  assert.ok(at(300, false) > at(300, true), 'the JavaScript kernels are estimated slower');
  // Twice the questions over the same words costs only the scans; twice the words doubles the columns.
  const moreQuestions = evalSeconds({ dim: 300 }, corpus, { ...google, questions: 2 * google.questions }, 30_000, 1, true);
  const moreWords = evalSeconds({ dim: 300 }, corpus, { ...google, queryWords: 2 * google.queryWords }, 30_000, 1, true);
  assert.ok(moreQuestions - at(300, true) < 1, 'questions cost a scan each');
  assert.ok(moreWords - at(300, true) > 1.5, 'query words cost a column each');
});
