import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from '../../../src/engine/randwalk/generator.js';
import { histogram, linearFit, pmiAgainstInnerProducts, theoryChecks } from '../../../src/engine/randwalk/theory.js';
import { describeTheory, summarizeTheory } from '../../../src/shared/randwalkText.js';
import { noProgress } from '../../../src/engine/base/progress.js';
import type { UpperCounts } from '../../../src/engine/cooc/count.js';

const live = (): AbortSignal => new AbortController().signal;

test('linear fit: an exact line, and R² = r²', () => {
  const f = linearFit([0, 1, 2, 3], [1, 3, 5, 7]);
  assert.ok(Math.abs(f.slope - 2) < 1e-12 && Math.abs(f.intercept - 1) < 1e-12 && Math.abs(f.r2 - 1) < 1e-12);
  const g = linearFit([0, 1, 2, 3], [0, 2, 1, 3]);
  assert.ok(Math.abs(g.r2 - g.correlation ** 2) < 1e-12 && g.r2 < 1);
});

test('PMI from upper-triangle counts: the diagonal counts twice in the marginals, pairs off the diagonal once', () => {
  // Full symmetric X = [[2, 4, 1], [4, 0, 3], [1, 3, 0]] (upper: U_00 = 1).
  const u: UpperCounts = {
    vocab: 3, rowPtr: Float64Array.from([0, 3, 4, 4]), cols: Uint32Array.from([0, 1, 2, 2]), vals: Float32Array.from([1, 4, 1, 3]),
  };
  const sums = [7, 7, 4];
  const total = 18;
  const V = Float32Array.from([1, 0, 0, 1, 1, 1]); // d = 2
  const r = pmiAgainstInnerProducts(u, V, 2, 3, 2);
  assert.equal(r.topWords.count, 3);
  const want = [Math.log((4 * total) / (7 * 7)), Math.log((1 * total) / (7 * 4)), Math.log((3 * total) / (7 * 4))];
  assert.deepEqual(Array.from(r.y).map((x) => x.toFixed(9)), want.map((x) => x.toFixed(9)));
  assert.deepEqual(Array.from(r.x), [0, 0.5, 0.5]);
  assert.equal(r.topPairs.pairs, 2, 'the two largest off-diagonal counts');
});

test('histogram bins cover every value', () => {
  const bins = histogram(Float64Array.from([1, 2, 2, 3, 10]), 3);
  assert.equal(bins.reduce((s, b) => s + b.count, 0), 5);
  assert.equal(bins[0].lo, 1);
  assert.equal(bins[2].hi, 10);
  assert.equal(bins[2].count, 1);
});

test('the theory holds on a small seeded corpus: frequency law, PMI ≈ ⟨v, v′⟩/d, concentrated Z_c', async () => {
  // n = 500, d = 30, T = 500k. Over seeds 1..12 these came out as: R² 0.946–0.964, slope 0.90–0.93,
  // intercept + log Z 0.01–0.07, PMI correlation (top 100 words) 0.876–0.888, its slope 0.76–0.81,
  // top-500 pairs 0.55–0.66, Z_c std/mean 0.15–0.19. The bounds leave a margin.
  const d = 30;
  const g = await generate({ vocab: 500, dim: d, tokens: 500_000, seed: 1, threads: 1 }, noProgress, live());
  const th = await theoryChecks(
    { tokens: g.tokens, breaks: g.breaks, counts: g.counts, vectors: g.vectors, dim: d, allVectors: g.truth.vectors },
    { threads: 1, topWords: 100, topPairs: 500, zSamples: 300 }, noProgress, live(),
  );
  const f = th.frequency;
  assert.ok(f.r2 >= 0.92, `frequency law R² ${f.r2}`);
  assert.ok(f.slope > 0.8 && f.slope < 1.05, `slope ${f.slope}`);
  assert.ok(Math.abs(f.intercept + f.logZ) < 0.2, `intercept ${f.intercept} vs −log Z ${-f.logZ}`);
  const p = th.pmi;
  assert.equal(p.topWords.words, 100);
  assert.ok(p.topWords.count > 4500, `${p.topWords.count} co-occurring pairs among the top 100 words`);
  assert.ok(p.topWords.correlation >= 0.84, `PMI correlation ${p.topWords.correlation}`);
  assert.ok(p.topWords.slope > 0.6 && p.topWords.slope < 1.1, `PMI slope ${p.topWords.slope}`);
  assert.equal(p.topPairs.pairs, 500);
  assert.ok(p.topPairs.correlation > 0.4 && p.topPairs.correlation < p.topWords.correlation, `top pairs ${p.topPairs.correlation}`);
  const z = th.partition;
  assert.ok(z.cv < 0.3, `Z_c std/mean ${z.cv}`);
  assert.equal(z.bins.reduce((s, b) => s + b.count, 0), 300);
  // Plot data: bounded point lists and lines over the x range.
  assert.ok(f.points.length <= 2000 && p.points.length <= 2000 && p.points.length > 1000);
  assert.ok(Math.abs(f.line[1][1] - (f.intercept + f.slope * f.line[1][0])) < 1e-9);
  const summary = summarizeTheory(th);
  assert.equal(summary.pmi.topWords.correlation, p.topWords.correlation);
  assert.ok(JSON.stringify(summary).length < 1000, 'no plot data in the summary');
  assert.match(describeTheory(summary), /R² 0\.9\d\d/);
  assert.equal(describeTheory(th), describeTheory(summary));
});

test('control: a walk that forgets at every token (δ = 10, one token per step) has no PMI structure', async () => {
  const d = 30;
  const g = await generate({ vocab: 300, dim: d, tokens: 200_000, drift: 10, tokensPerStep: 1, seed: 2, threads: 1 }, noProgress, live());
  const th = await theoryChecks(
    { tokens: g.tokens, breaks: g.breaks, counts: g.counts, vectors: g.vectors, dim: d },
    { threads: 1, topWords: 100, zSamples: 50 }, noProgress, live(),
  );
  assert.ok(th.frequency.r2 > 0.8, 'the frequency law does not need a slow walk');
  assert.ok(Math.abs(th.pmi.topWords.correlation) < 0.3, `PMI correlation ${th.pmi.topWords.correlation}`);
});
