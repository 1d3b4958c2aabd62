/**
 * The grid planner: the cells a grid makes, which of them share a count, a matrix or an SVD,
 * the order that keeps sharing cells together, the estimate, and validation errors that name
 * the field of the grid they come from. On a generated topic corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallInput, ExperimentPlan } from '../../../src/shared/contract.js';
import { LabError } from '../../../src/shared/labError.js';
import { labWithCorpus, type LabWithCorpus } from './labWithCorpus.js';

let env: LabWithCorpus;
test.before(async () => {
  env = await labWithCorpus();
});
test.after(() => env.close());

const plan = (input: Omit<CallInput<'experiment.plan'>, 'corpora'> & { corpora?: number[] }): Promise<ExperimentPlan> =>
  env.lab.call('experiment.plan', { corpora: [env.corpusId], ...input });

/** The Levy et al. grid of the brief: PPMI-SVD cds × eig × d, and SGNS d. */
const LEVY = { methods: ['ppmi-svd', 'sgns'], grid: { cds: [0.75, 1], eig: [0, 0.5, 1], dim: [10, 20], minCount: [1] } };

test('PPMI-SVD cds {0.75, 1} × eig {0, 0.5, 1} × d {10, 20} + SGNS d {10, 20}: 14 runs, 1 count, 2 SPPMI matrices, 2 SVDs', async () => {
  const p = await plan(LEVY);
  assert.equal(p.count, 14);
  assert.deepEqual(p.byMethod, { 'ppmi-svd': 12, sgns: 2 });
  // cds reweights the contexts after counting, so both cds values read the same co-occurrence table.
  assert.equal(p.sharing.counts.length, 1);
  assert.equal(p.sharing.counts[0].cells.length, 12);
  assert.equal(p.sharing.ppmi.length, 2);
  // One SVD per matrix, at the largest d: the d 10 cells take its leading triplets.
  assert.equal(p.sharing.svds.length, 2);
  assert.deepEqual(p.sharing.svds.map((g) => g.cells.length), [6, 6]);
  for (const g of p.sharing.svds) assert.match(g.label, /rank 20 \(d 20, 10\)$/);
  const ppmi = p.cells.filter((c) => c.method === 'ppmi-svd');
  assert.equal(ppmi.filter((c) => c.derived).length, 10, 'every SVD is computed once and derived five times');
  for (const c of p.cells.filter((x) => x.method === 'sgns')) {
    assert.deepEqual(Object.keys(c.params).sort(), ['dim', 'minCount'], 'cds and eig are not SGNS options, so they do not multiply its runs');
    assert.equal(c.countGroup, null);
    assert.equal(c.svdGroup, null);
    assert.equal(c.derived, false);
  }
  // The cells of one SVD run one after another; the one that computes it comes first and has the largest d.
  for (const g of p.sharing.svds) {
    const cells = g.cells.map((pos) => p.cells[pos]).sort((a, b) => a.order - b.order);
    assert.equal(cells[5].order - cells[0].order, 5, `SVD group ${g.label}: orders ${cells.map((c) => c.order)}`);
    assert.equal(cells[0].derived, false);
    assert.equal(cells[0].runParams.dim, 20);
    assert.deepEqual(cells.map((c) => c.runParams.dim), [20, 20, 20, 10, 10, 10]);
  }
  assert.deepEqual(p.cells.map((c) => c.position), [...Array(14).keys()]);
  assert.equal(new Set(p.cells.map((c) => c.order)).size, 14);
  assert.equal(p.cells[0].runParams.window, 5, 'run parameters carry the method\'s defaults');
  assert.equal(p.estimate.basis, 'rate', 'no earlier runs: rough rates');
  assert.ok(p.estimate.oneByOneSeconds > p.estimate.seconds, `sharing saves time: ${p.estimate.seconds} vs ${p.estimate.oneByOneSeconds}`);
});

test('a second window makes a second count; a method-only grid applies to its method alone', async () => {
  const p = await plan({ methods: ['ppmi-svd', 'glove', 'sgns'], grid: { window: [2, 5], dim: [10], minCount: [1] }, methodGrid: { 'ppmi-svd': { eig: [0, 1] } } });
  assert.deepEqual(p.byMethod, { 'ppmi-svd': 4, glove: 2, sgns: 2 });
  // PPMI-SVD's window is dynamic, GloVe's harmonic: four tables, each shared by nothing else.
  assert.equal(p.sharing.counts.length, 4);
  assert.equal(p.sharing.svds.length, 2);
  assert.ok(p.cells.filter((c) => c.method !== 'ppmi-svd').every((c) => !('eig' in c.params)));
  // M* keeps the top 10,000 words by default, PPMI-SVD every word: two tables, until the cut is the same.
  const grid = { window: [3], weighting: ['uniform'], dim: [10], minCount: [1] };
  assert.equal((await plan({ methods: ['ppmi-svd', 'mstar'], grid })).sharing.counts.length, 2);
  const same = await plan({ methods: ['ppmi-svd', 'mstar'], grid: { ...grid, maxVocab: [300] } });
  assert.equal(same.sharing.counts.length, 1, 'PPMI-SVD and M* with the same window options read one table');
  assert.deepEqual(same.sharing.counts[0].cells, [0, 1]);
});

test('the count cache and earlier runs: a cached table is not counted again, and the estimate comes from the run\'s phases', async () => {
  const job = await env.lab.call('run.start', { corpusId: env.corpusId, method: 'ppmi-svd', params: { dim: 10, minCount: 1 } });
  assert.equal((await env.lab.jobs.wait(job)).status, 'done');
  const p = await plan({ methods: ['ppmi-svd'], grid: { dim: [10, 20], eig: [0, 1], minCount: [1] } });
  assert.equal(p.sharing.counts[0].cached, true);
  assert.equal(p.estimate.basis, 'history');
  for (const c of p.cells) assert.equal(c.estimateBasis, 'history');
  assert.ok(p.cells.filter((c) => c.derived).every((c) => c.estimateSeconds < p.cells.find((x) => !x.derived)!.estimateSeconds));
});

async function refusal(input: unknown): Promise<LabError> {
  try {
    await env.lab.dispatch('experiment.plan', input);
  } catch (e) {
    assert.ok(e instanceof LabError, `a LabError, not ${(e as Error).message}`);
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

test('validation errors name the field', async () => {
  const base = { corpora: [env.corpusId], methods: ['ppmi-svd', 'sgns'] };
  const cases: [unknown, string, RegExp][] = [
    [{ ...base, corpora: [] }, 'corpora', /corpora: needs at least one corpus/],
    [{ ...base, grid: { dim: [] } }, 'grid.dim', /grid\.dim: needs at least one value/],
    [{ ...base, grid: { dim: [0] } }, 'grid.dim', /grid\.dim: PPMI-SVD option "dim" must be between 1 and 2000, not 0/],
    [{ ...base, grid: { cds: [0.75, 2] } }, 'grid.cds', /grid\.cds: PPMI-SVD option "cds" must be between 0 and 1, not 2/],
    [{ ...base, grid: { dim: ['ten'] } }, 'grid.dim', /grid\.dim: .*not "ten"/],
    [{ ...base, grid: { negatives: [5] } }, 'grid.negatives', /grid\.negatives: none of ppmi-svd, sgns has an option "negatives"/],
    [{ ...base, methodGrid: { sgns: { eig: [1] } } }, 'methodGrid.sgns.eig', /methodGrid\.sgns\.eig: SGNS has no option "eig"/],
    [{ ...base, methodGrid: { glove: { dim: [1] } } }, 'methodGrid.glove', /"glove" is not one of the chosen methods/],
    [{ ...base, methods: ['ppmi-svd', 'word3vec'] }, 'methods.1', /methods\.1: unknown method "word3vec"/],
    [{ ...base, corpora: [env.corpusId, 999] }, 'corpora.1', /corpora\.1: There is no corpus with id 999/],
    [{ ...base, eval: ['ws353', 'nosuchset'] }, 'eval.1', /eval\.1: "nosuchset" is neither a shipped set/],
    [{ ...base, restrict: 0 }, 'restrict', /restrict: /],
    [{ ...base, colour: 'red' }, '', /has no field "colour"/],
  ];
  for (const [input, field, message] of cases) {
    const e = await refusal(input);
    assert.equal(e.code, 'invalid', JSON.stringify(input));
    if (field) assert.equal(e.field, field, `${JSON.stringify(input)}: ${e.message}`);
    assert.match(e.message, message);
  }
});

test('a grid of more than 5,000 runs is refused before anything is stored', async () => {
  const many = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  const e = await refusal({ corpora: [env.corpusId], methods: ['ppmi-svd'], grid: { dim: many(80), window: many(31), eig: [0, 0.5, 1] } });
  assert.equal(e.field, 'grid');
  assert.match(e.message, /7,440 runs is more than 5,000/);
  assert.deepEqual(await env.lab.call('experiment.list', {}), []);
});
