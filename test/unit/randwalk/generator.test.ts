import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, makeTruth, randWalkParams, wordName } from '../../../src/engine/randwalk/generator.js';
import { noProgress, type ProgressSink } from '../../../src/engine/base/progress.js';
import { Cancelled } from '../../../src/engine/base/errors.js';
import { LabError } from '../../../src/shared/contract.js';

const live = (): AbortSignal => new AbortController().signal;

test('the corpus is seeded, independent of the thread count, and its ids are frequency ranks', async () => {
  const params = { vocab: 400, dim: 16, tokens: 120_000, documentTokens: 20_000, seed: 5 };
  const one = await generate({ ...params, threads: 1 }, noProgress, live());
  const two = await generate({ ...params, threads: 2 }, noProgress, live());
  assert.equal(two.stats.threads, 2);
  assert.deepEqual(two.tokens, one.tokens);
  assert.deepEqual(two.words, one.words);
  const other = await generate({ ...params, threads: 1, seed: 6 }, noProgress, live());
  assert.notDeepEqual(other.tokens.subarray(0, 1000), one.tokens.subarray(0, 1000));

  const { words, counts, tokens, original, vectors, truth } = one;
  assert.equal(tokens.length, 120_000);
  const seen = new Uint32Array(words.length);
  for (const t of tokens) seen[t]++;
  assert.deepEqual(seen, counts);
  for (let i = 1; i < counts.length; i++) {
    assert.ok(counts[i - 1] > counts[i] || (counts[i - 1] === counts[i] && words[i - 1] < words[i]), `rank ${i}`);
  }
  // Names carry the generation index; vectors follow the corpus ids.
  for (let id = 0; id < words.length; id += 37) {
    assert.equal(words[id], wordName(original[id], 400));
    assert.deepEqual(vectors.subarray(id * 16, (id + 1) * 16), truth.vectors.subarray(original[id] * 16, (original[id] + 1) * 16));
  }
  assert.ok(one.stats.acceptance > 0.98 && one.stats.acceptance <= 1);
});

test('paragraph breaks every paragraphTokens, restarting at each document', async () => {
  const g = await generate({ vocab: 50, dim: 4, tokens: 5_500, paragraphTokens: 1000, documentTokens: 2_500, threads: 1 }, noProgress, live());
  assert.deepEqual(Array.from(g.breaks), [0, 1000, 2000, 2500, 3500, 4500, 5000]);
});

test('norms: uniform in norm within [√normMin, √normMax]; Zipf-like spreads make Zipf-like counts', async () => {
  const d = 50;
  const t = makeTruth(randWalkParams({ vocab: 2000, dim: d, normMin: 0.25, normMax: 4 }));
  const s = Array.from({ length: 2000 }, (_, i) => Math.hypot(...t.vectors.subarray(i * d, (i + 1) * d)) / Math.sqrt(d));
  assert.ok(Math.min(...s) >= 0.5 - 1e-6 && Math.max(...s) <= 2 + 1e-6);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  assert.ok(Math.abs(mean - 1.25) < 0.05, `mean norm ${mean}`);

  const z = await generate({ vocab: 500, dim: 50, tokens: 200_000, norms: 'zipf', zipfExponent: 1, normMin: 0.25, threads: 1 }, noProgress, live());
  // log count against log rank: a slope near −1 over the head of the distribution.
  const xs = Array.from({ length: 100 }, (_, r) => Math.log(r + 1));
  const ys = Array.from({ length: 100 }, (_, r) => Math.log(z.counts[r]));
  const mx = xs.reduce((a, b) => a + b) / 100;
  const my = ys.reduce((a, b) => a + b) / 100;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  assert.ok(slope < -0.6 && slope > -1.3, `Zipf slope ${slope}`);
});

test('planted analogies: v_b − v_a is the relation plus small noise, on distinct words', () => {
  const d = 40;
  const p = randWalkParams({ vocab: 300, dim: d, planted: 3, plantedPairs: 8, relationNorm: 1, plantedNoise: 0.1 });
  const t = makeTruth(p);
  assert.equal(t.planted.length, 3);
  const used = new Set(t.planted.flatMap((r) => r.pairs.flat()));
  assert.equal(used.size, 3 * 8 * 2);
  const row = (w: string): Float32Array => {
    const i = Number(w.slice(1));
    return t.vectors.subarray(i * d, (i + 1) * d);
  };
  for (const rel of t.planted) {
    const diffs = rel.pairs.map(([a, b]) => Float64Array.from(row(b), (x, k) => x - row(a)[k]));
    const mean = diffs[0].map((_, k) => diffs.reduce((s, v) => s + v[k], 0) / diffs.length);
    const rNorm = Math.hypot(...mean);
    assert.ok(Math.abs(rNorm - Math.sqrt(d)) < 0.1 * Math.sqrt(d), `‖r‖ ${rNorm}`);
    for (const v of diffs) {
      const noise = Math.hypot(...v.map((x, k) => x - mean[k]));
      assert.ok(noise < 0.25 * rNorm, `noise ${noise} vs ‖r‖ ${rNorm}`);
    }
  }
});

test('parameters are checked with messages that name them', () => {
  assert.throws(() => randWalkParams({ vocab: 1 }), (e: unknown) => e instanceof LabError && /vocab/.test(e.message));
  assert.throws(() => randWalkParams({ planted: 10, plantedPairs: 20, vocab: 100 }), /400 distinct words/);
  assert.throws(() => randWalkParams({ normMin: 2, normMax: 1 }), /normMax/);
  assert.throws(() => randWalkParams({ dim: 2000, normMax: 100 }), /overflow/);
  assert.throws(() => randWalkParams({ norms: 'gaussian' as 'zipf' }), /uniform or zipf/);
});

test('progress counts tokens, and a cancel stops generation in this thread and in workers', async () => {
  const updates: number[] = [];
  const sink: ProgressSink = { phase() {}, update: (done) => updates.push(done) };
  await generate({ vocab: 100, dim: 8, tokens: 50_000, threads: 1 }, sink, live());
  assert.equal(updates.at(-1), 50_000);
  // In this thread: cancelled at the first progress report. In workers: cancelled while they run.
  const ac = new AbortController();
  const stopAt: ProgressSink = { phase() {}, update: (done) => { if (done > 0) ac.abort(); } };
  await assert.rejects(generate({ vocab: 3000, dim: 100, tokens: 5_000_000, threads: 1 }, stopAt, ac.signal), Cancelled);
  const ac2 = new AbortController();
  const t0 = performance.now();
  setTimeout(() => ac2.abort(), 300);
  await assert.rejects(generate({ vocab: 3000, dim: 100, tokens: 5_000_000, threads: 2 }, noProgress, ac2.signal), Cancelled);
  assert.ok(performance.now() - t0 < 5000, 'the threads stop at once');
});
