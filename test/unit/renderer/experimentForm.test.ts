/**
 * The new-experiment form's grid: which fields the chosen methods make (shared or one method's),
 * each field's list of values checked as the engine checks it, the texts kept when methods are
 * ticked and unticked, and the experiment.plan input the form sends, which the engine's planner
 * turns into the cells the user asked for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { methods as registry } from '../../../src/engine/methods/registry.js';
import { methodInfo } from '../../../src/engine/methods/spec.js';
import { gridCells } from '../../../src/engine/experiments/grid.js';
import { allFields, carryTexts, fieldValues, gridLayout, planInput, splitValues, type GridField, type GridForm } from '../../../src/renderer/src/views/experiments/gridForm.js';

const info = (id: string) => methodInfo(registry.find((m) => m.id === id)!);
const [ppmi, sgns, glove, mstar] = ['ppmi-svd', 'sgns', 'glove', 'mstar'].map(info);
const field = (fields: GridField[], name: string): GridField => {
  const f = fields.find((x) => x.name === name);
  assert.ok(f, `a field ${name} (have ${fields.map((x) => x.name).join(', ')})`);
  return f;
};

test('options several methods share are one field (grid); the others are each method\'s (methodGrid)', () => {
  const layout = gridLayout([ppmi, sgns]);
  const shared = layout.shared.map((f) => f.key);
  for (const k of ['dim', 'window', 'minCount', 'maxVocab', 'seed']) assert.ok(shared.includes(k), `${k} is shared`);
  assert.ok(!shared.includes('eig') && !shared.includes('epochs'));
  const names = allFields(layout).map((f) => f.name);
  assert.ok(names.includes('methodGrid.ppmi-svd.eig') && names.includes('methodGrid.sgns.epochs'));
  assert.equal(new Set(names).size, names.length, 'no field twice');
  // SGNS's alpha is a learning rate, GloVe's a weighting exponent: the same key, two fields.
  const withGlove = allFields(gridLayout([sgns, glove]));
  assert.ok(!withGlove.some((f) => f.name === 'grid.alpha'));
  assert.ok(withGlove.some((f) => f.name === 'methodGrid.sgns.alpha') && withGlove.some((f) => f.name === 'methodGrid.glove.alpha'));
  // One method: all its options are its own.
  assert.equal(gridLayout([sgns]).shared.length, 0);
  assert.equal(gridLayout([sgns]).perMethod[0].fields.length, sgns.options.length);
});

test('a field takes one value or a list; each value is checked against every method that has the option', () => {
  const fields = allFields(gridLayout([ppmi, mstar]));
  assert.deepEqual(splitValues(' 50, 100 200;400 '), ['50', '100', '200', '400']);
  const dim = field(fields, 'grid.dim');
  assert.deepEqual(fieldValues(dim, '50, 100, 200, 100'), { values: [50, 100, 200], problem: null });
  assert.deepEqual(fieldValues(dim, ''), { values: [], problem: null }, 'empty: the default');
  assert.equal(fieldValues(dim, '50, 2.5').problem, 'Dimensions must be a whole number between 1 and 2000; 2.5 is not a whole number. (PPMI-SVD)');
  assert.match(fieldValues(dim, '0x10').problem!, /"0x10" is not a number/);
  const eig = field(fields, 'methodGrid.ppmi-svd.eig');
  assert.deepEqual(fieldValues(eig, '0 0.5 1').values, [0, 0.5, 1]);
  assert.equal(fieldValues(eig, '0, 1.5').problem, 'Eigenvalue weighting p must be a number between 0 and 1; 1.5 is above 1.');
  const weighting = field(fields, 'grid.weighting');
  assert.deepEqual(fieldValues(weighting, 'uniform,dynamic').values, ['uniform', 'dynamic']);
  assert.match(fieldValues(weighting, 'linear').problem!, /must be one of .*"linear" is not one of them/);
  const wc = field(fields, 'methodGrid.ppmi-svd.addContexts');
  assert.deepEqual(fieldValues(wc, 'no, yes').values, [false, true]);
  assert.equal(fieldValues(wc, 'maybe').problem, 'W + C takes yes or no (true, false); "maybe" is neither.');
});

test('the form passes exactly the values the engine\'s planner takes', () => {
  const fields = allFields(gridLayout([ppmi, sgns]));
  for (const [name, text] of [['grid.dim', '1, 2000'], ['grid.dim', '0'], ['grid.dim', '2001'], ['grid.window', '1e1'], ['methodGrid.ppmi-svd.cds', '0.75, 1'], ['methodGrid.ppmi-svd.cds', '-1'], ['methodGrid.sgns.sample', '0, 1e-3'], ['methodGrid.sgns.epochs', '1.5']] as const) {
    const f = field(fields, name);
    const { values, problem } = fieldValues(f, text);
    let engine: string | null = null;
    try {
      const [, key] = name.split(/\.(?=[^.]+$)/);
      const spec = name.startsWith('grid.') ? { grid: { [key]: splitValues(text) }, methodGrid: {} } : { grid: {}, methodGrid: { [f.methods[0].method.id]: { [key]: splitValues(text) } } };
      gridCells({ corpora: [1], methods: ['ppmi-svd', 'sgns'], ...spec });
    } catch (e) {
      engine = (e as Error).message;
    }
    assert.equal(problem === null, engine === null, `${name}=${text}: form says ${problem}, engine ${engine}`);
    if (problem === null) assert.ok(values.length > 0);
  }
});

test('texts survive methods being ticked and unticked, moving between the shared field and a method\'s', () => {
  const one = allFields(gridLayout([ppmi]));
  const two = allFields(gridLayout([ppmi, sgns]));
  const texts = { 'methodGrid.ppmi-svd.dim': '5, 10', 'methodGrid.ppmi-svd.eig': '0, 1' };
  const carried = carryTexts(two, texts, one);
  assert.equal(carried['grid.dim'], '5, 10', 'dim becomes shared');
  assert.equal(carried['methodGrid.ppmi-svd.eig'], '0, 1');
  assert.equal(carried['methodGrid.sgns.epochs'], undefined);
  const back = carryTexts(one, { ...carried, 'grid.dim': '20' }, two);
  assert.equal(back['methodGrid.ppmi-svd.dim'], '5, 10', 'a field that comes back keeps its own text');
});

function form(over: Partial<GridForm>): GridForm {
  const methods = over.methods ?? [ppmi, sgns];
  return { corpora: [1], methods, layout: gridLayout(methods), texts: {}, eval: ['google'], evalFiles: '', restrict: '30000', analogyMethods: ['add'], ...over };
}

test('the plan input: shared values in grid, one method\'s in methodGrid, files after the shipped sets; the cells are the grid asked for', () => {
  const texts = { 'grid.dim': '5, 10', 'methodGrid.ppmi-svd.eig': '0 1', 'methodGrid.sgns.epochs': '1' };
  const { input, problems, missing } = planInput(form({ texts, evalFiles: '/tmp/a.txt\n/tmp/b.tsv, ', eval: ['google', 'ws353'] }));
  assert.equal(missing, null);
  assert.deepEqual(problems, {});
  assert.deepEqual(input, {
    corpora: [1], methods: ['ppmi-svd', 'sgns'], grid: { dim: [5, 10] }, methodGrid: { 'ppmi-svd': { eig: [0, 1] }, sgns: { epochs: [1] } },
    eval: ['google', 'ws353', '/tmp/a.txt', '/tmp/b.tsv'], restrict: 30000, analogyMethods: ['add'],
  });
  const cells = gridCells(input!);
  assert.equal(cells.length, 6, 'PPMI-SVD 2 eig × 2 d, SGNS 2 d');
  assert.deepEqual(cells.filter((c) => c.method.id === 'sgns').map((c) => c.params), [{ dim: 5, epochs: 1 }, { dim: 10, epochs: 1 }]);
});

test('what stops the plan: no corpus, no method, a bad value (by field), a bad restrict, analogies without a scoring', () => {
  assert.equal(planInput(form({ corpora: [] })).missing, 'Choose at least one corpus.');
  assert.equal(planInput(form({ methods: [] })).missing, 'Choose at least one method.');
  const bad = planInput(form({ texts: { 'grid.dim': '5, -1' }, restrict: '10k', analogyMethods: [] }));
  assert.equal(bad.input, null);
  assert.match(bad.problems['grid.dim'], /Dimensions must be .*-1 is below 1/);
  assert.match(bad.problems.restrict, /Restrict must be a whole number/);
  assert.match(bad.problems.analogyMethods, /3CosAdd, 3CosMul or both/);
  assert.equal(planInput(form({ eval: ['ws353'], analogyMethods: [] })).problems.analogyMethods, undefined, 'similarity alone needs no scoring');
});
