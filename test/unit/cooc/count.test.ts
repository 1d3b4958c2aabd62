import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countCooccurrences, type UpperCounts } from '../../../src/engine/cooc/count.js';
import { cutVocabulary, keepProbability, prepareStream } from '../../../src/engine/corpus/trainingStream.js';
import { noProgress } from '../../../src/engine/base/progress.js';
import { Rng } from '../../../src/engine/base/random.js';
import type { WindowWeighting } from '../../../src/engine/cooc/options.js';

const signal = new AbortController().signal;

/** The upper triangle as a map "i,j" → weight. */
function asMap(u: UpperCounts): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < u.vocab; i++) for (let k = u.rowPtr[i]; k < u.rowPtr[i + 1]; k++) m.set(`${i},${u.cols[k]}`, u.vals[k]);
  return m;
}

/** Brute force: every pair of positions within the window, in one segment. */
function bruteForce(ids: number[], segStarts: number[], window: number, weight: (d: number) => number): Map<string, number> {
  const m = new Map<string, number>();
  const ends = [...segStarts.slice(1), ids.length];
  segStarts.forEach((s, g) => {
    for (let p = s; p < ends[g]; p++) for (let q = p + 1; q < Math.min(ends[g], p + window + 1); q++) {
      const a = Math.min(ids[p], ids[q]);
      const b = Math.max(ids[p], ids[q]);
      m.set(`${a},${b}`, (m.get(`${a},${b}`) ?? 0) + weight(q - p));
    }
  });
  return m;
}

test('hand-computed counts for "a b a c" with window 2, each weighting', async () => {
  // ids: a=0 b=1 c=2; positions 0:a 1:b 2:a 3:c
  // pairs (distance): (a,b)1 (a,a)2 (b,a)1 (b,c)2 (a,c)1
  const ids = Uint32Array.from([0, 1, 0, 2]);
  const stream = { ids, segStarts: Uint32Array.from([0]) };
  const expect: Record<WindowWeighting, Record<string, number>> = {
    uniform: { '0,1': 2, '0,0': 1, '1,2': 1, '0,2': 1 },
    dynamic: { '0,1': 2, '0,0': 0.5, '1,2': 0.5, '0,2': 1 }, // (L − d + 1)/L with L = 2
    harmonic: { '0,1': 2, '0,0': 0.5, '1,2': 0.5, '0,2': 1 }, // 1/d
  };
  for (const weighting of ['uniform', 'dynamic', 'harmonic'] as const) {
    const u = await countCooccurrences(stream, 3, { window: 2, weighting }, noProgress, signal, { threads: 1 });
    assert.deepEqual(Object.fromEntries(asMap(u)), expect[weighting], weighting);
  }
});

test('windows never cross a segment start', async () => {
  const stream = { ids: Uint32Array.from([0, 1, 2, 3]), segStarts: Uint32Array.from([0, 2]) };
  const u = await countCooccurrences(stream, 4, { window: 5, weighting: 'uniform' }, noProgress, signal, { threads: 1 });
  assert.deepEqual(Object.fromEntries(asMap(u)), { '0,1': 1, '2,3': 1 });
});

test('threads, dense/sparse split and disk spills all give the brute-force counts', async () => {
  const rng = new Rng(4);
  const V = 300;
  const n = 20_000;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(Math.min(V - 1, Math.floor(Math.pow(rng.next(), 2.5) * V))); // skewed, like Zipf
  const segStarts = [0];
  for (let p = 1; p < n; p++) if (rng.next() < 0.02) segStarts.push(p);
  const stream = { ids: Uint32Array.from(ids), segStarts: Uint32Array.from(segStarts) };
  const expected = bruteForce(ids, segStarts, 4, (d) => (4 - d + 1) / 4);
  const variants = [
    { threads: 1 },
    { threads: 3 },
    { threads: 2, denseBytes: 8 * V * 10, sparseCapacity: 5000 }, // 10 dense rows, many small runs in memory
    { threads: 2, denseBytes: 0, sparseCapacity: 3000, runBudgetBytes: 1 }, // everything spilled to disk
  ];
  for (const limits of variants) {
    const u = await countCooccurrences(stream, V, { window: 4, weighting: 'dynamic' }, noProgress, signal, limits);
    const got = asMap(u);
    assert.equal(got.size, expected.size, JSON.stringify(limits));
    for (const [k, v] of expected) assert.ok(Math.abs((got.get(k) ?? NaN) - v) < 1e-3, `${k}: ${got.get(k)} vs ${v} with ${JSON.stringify(limits)}`);
    // Rows are complete and columns ascend within a row.
    for (let i = 0; i < V; i++) for (let k = u.rowPtr[i] + 1; k < u.rowPtr[i + 1]; k++) assert.ok(u.cols[k] > u.cols[k - 1]);
    // The spill report: nothing went to disk in memory, every run did with a 1-byte budget, 12 bytes an entry.
    if (limits.runBudgetBytes === 1) {
      assert.ok(u.spill.runs >= 2, `runs spilled: ${u.spill.runs}`);
      assert.ok(u.spill.bytes >= 12 * expected.size && u.spill.bytes % 12 === 0, `bytes spilled: ${u.spill.bytes}`);
    } else assert.deepEqual(u.spill, { runs: 0, bytes: 0 });
  }
});

test('vocabulary cut, word2vec subsampling probability and segment bookkeeping', () => {
  const counts = Uint32Array.from([100, 50, 5, 4, 1]);
  assert.deepEqual(cutVocabulary(counts, 5, 0), { size: 3, totalKept: 155 });
  assert.deepEqual(cutVocabulary(counts, 1, 2), { size: 2, totalKept: 150 });
  // word2vec.c: keep = (sqrt(f/(t·N)) + 1)·(t·N)/f
  const t = 1e-3;
  const N = 1_000_000;
  assert.ok(Math.abs(keepProbability(10_000, N, t) - (Math.sqrt(10) + 1) / 10) < 1e-12);
  assert.equal(keepProbability(100, N, t), 1);
  assert.equal(keepProbability(10_000, N, 0), 1);
  // Tokens: 0 1 4 | 2 3 0  (break at 3); word 4 and 3 are out of the vocabulary. Given in
  // pieces (as stored chunks are read) that do not line up with the break.
  const s = prepareStream([Uint32Array.from([0, 1]), Uint32Array.from([4, 2, 3]), Uint32Array.from([0])], Uint32Array.from([0, 3]), counts, cutVocabulary(counts, 5, 0), 0, 1);
  assert.deepEqual(Array.from(s.ids), [0, 1, 2, 0]);
  assert.deepEqual(Array.from(s.segStarts), [0, 2]);
});

test('subsampling keeps each word at its formula rate', () => {
  const counts = Uint32Array.from([90_000, 10_000]);
  const tokens = new Uint32Array(100_000);
  for (let i = 90_000; i < 100_000; i++) tokens[i] = 1;
  const cut = cutVocabulary(counts, 1, 0);
  const s = prepareStream([tokens], Uint32Array.from([0]), counts, cut, 1e-3, 7);
  let kept0 = 0;
  for (const id of s.ids) if (id === 0) kept0++;
  const p0 = keepProbability(90_000, 100_000, 1e-3);
  const sd = Math.sqrt(90_000 * p0 * (1 - p0));
  assert.ok(Math.abs(kept0 - 90_000 * p0) < 5 * sd, `kept ${kept0}, expected ${90_000 * p0} ± ${sd}`);
});
