import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNREADABLE_NUMBER, allowedText, numberProblem, optionProblem } from '../../../src/renderer/src/components/fieldProblem.js';
import { parseOptionValue, type OptionSpec } from '../../../src/shared/options.js';

const dim: OptionSpec = { key: 'dim', label: 'Dimensions', help: '', type: 'int', default: 100, min: 1, max: 2000 };
const alpha: OptionSpec = { key: 'cds', label: 'Context smoothing α', help: '', type: 'number', default: 0.75, min: 0, max: 1 };
const top: OptionSpec = { key: 'top', label: 'Top N', help: '', type: 'int', default: 10_000, min: 10, max: 100_000 };
const weighting: OptionSpec = { key: 'weighting', label: 'Window weighting', help: '', type: 'choice', default: 'dynamic', choices: ['uniform', 'dynamic', 'harmonic'] };

test('each problem is one sentence naming the field, what it takes, and what is wrong', () => {
  assert.equal(numberProblem(dim, '', 100), 'Dimensions needs a value: a whole number between 1 and 2000 (the default is 100).');
  assert.equal(numberProblem(dim, 'abc'), 'Dimensions must be a whole number between 1 and 2000; "abc" is not a number.');
  assert.equal(numberProblem(dim, UNREADABLE_NUMBER), 'Dimensions must be a whole number between 1 and 2000; what is typed there is not a number.');
  assert.equal(numberProblem(dim, '2.5'), 'Dimensions must be a whole number between 1 and 2000; 2.5 is not a whole number.');
  assert.equal(numberProblem(dim, '0'), 'Dimensions must be a whole number between 1 and 2000; 0 is below 1.');
  assert.equal(numberProblem(dim, '2001'), 'Dimensions must be a whole number between 1 and 2000; 2001 is above 2000.');
  assert.equal(numberProblem(alpha, '1.5'), 'Context smoothing α must be a number between 0 and 1; 1.5 is above 1.');
  assert.equal(numberProblem(top, '5'), 'Top N must be a whole number between 10 and 100,000; 5 is below 10.');
  assert.equal(numberProblem({ label: 'Seed', type: 'int', min: 0 }, '-1'), 'Seed must be a whole number of at least 0; -1 is below 0.');
  assert.equal(numberProblem({ label: 'Rate', type: 'number' }, '1e999'), 'Rate must be a number; 1e999 is too large to be a number here.');
  assert.equal(optionProblem(weighting, 'linear')?.field, 'Window weighting must be one of uniform, dynamic, harmonic; "linear" is not one of them.');
  assert.equal(allowedText(weighting), 'one of uniform, dynamic, harmonic');
});

test('values the engine takes pass, and the verdict is the engine’s for every kind of text', () => {
  for (const text of ['1', '2000', ' 100 ', '1e3', '0x10', '', '1.0', '-0', '+5', '.5', '5.', 'Infinity', '1e-400', '2.5', '3000']) {
    let engine = true;
    try {
      parseOptionValue(dim, text.trim(), 'PPMI-SVD');
    } catch {
      engine = false;
    }
    assert.equal(numberProblem(dim, text) === null, engine, `"${text}": the form and the engine agree`);
  }
});

test("the form's line says what the engine would, naming the option set", () => {
  assert.deepEqual(optionProblem(dim, '0', 'PPMI-SVD'), {
    field: 'Dimensions must be a whole number between 1 and 2000; 0 is below 1.',
    summary: 'PPMI-SVD option "dim" must be between 1 and 2000, not 0.',
  });
  assert.equal(optionProblem(dim, '2.5', 'PPMI-SVD')?.summary, 'PPMI-SVD option "dim" is an integer from 1 to 2000, not 2.5.');
  // Empty has no value the engine would see: the sentence stands on the line too.
  assert.equal(optionProblem(dim, '', 'PPMI-SVD')?.summary, 'Dimensions needs a value: a whole number between 1 and 2000 (the default is 100).');
  assert.equal(optionProblem(dim, '7', 'PPMI-SVD'), null);
});
