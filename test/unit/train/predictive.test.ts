import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { aliasTable } from '../../../src/engine/kernels/word2vecKernel.js';
import { jsWord2vec, nativeWord2vec } from '../../../src/engine/kernels/word2vecKernel.js';
import { encodeVarints } from '../../../src/engine/base/varint.js';
import { readRunVectors } from '../../../src/engine/store/runs.js';
import { KeyedVectors } from '../../../src/engine/vectors/keyedVectors.js';
import { Rng } from '../../../src/engine/base/random.js';
import type { RunDetail } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';

const backends = ['native', 'js'] as const;
const skip = (b: string): string | false => (b === 'native' && !nativeWord2vec() ? 'native kernels not built' : false);

test('the alias table draws words with probability ∝ count^0.75', () => {
  const counts = Uint32Array.from([1000, 300, 100, 10, 1]);
  const { prob, alias } = aliasTable(counts, 0.75);
  const expected = Array.from(counts, (c) => Math.pow(c, 0.75));
  const total = expected.reduce((a, b) => a + b, 0);
  // Exact probabilities from the table itself.
  const exact = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    exact[i] += prob[i] / counts.length;
    exact[alias[i]] += (1 - prob[i]) / counts.length;
  }
  exact.forEach((p, i) => assert.ok(Math.abs(p - expected[i] / total) < 1e-6, `word ${i}: ${p} vs ${expected[i] / total}`));
  // And by sampling as the kernels do (χ² with 4 degrees of freedom; 18.5 is the 0.001 quantile).
  const rng = new Rng(5);
  const seen = new Float64Array(counts.length);
  const draws = 200_000;
  for (let k = 0; k < draws; k++) {
    const i = rng.nextU32() % counts.length;
    seen[(rng.nextU32() & 0xffffff) / 16777216 < prob[i] ? i : alias[i]]++;
  }
  const chi2 = expected.reduce((s, e, i) => s + (seen[i] - (draws * e) / total) ** 2 / ((draws * e) / total), 0);
  assert.ok(chi2 < 18.5, `χ² = ${chi2}`);
});

/**
 * A corpus with planted structure: 12 topics of 15 words; each line draws its words
 * from one topic (plus a few shared function words), so topic-mates co-occur.
 */
function topicCorpus(root: string, lines: number, seed: number): { topicOf: Map<string, number> } {
  const rng = new Rng(seed);
  const topics = 12;
  const perTopic = 15;
  const topicOf = new Map<string, number>();
  const word = (t: number, i: number): string => `t${String.fromCharCode(97 + t)}${String.fromCharCode(97 + i)}`;
  for (let t = 0; t < topics; t++) for (let i = 0; i < perTopic; i++) topicOf.set(word(t, i), t);
  const fn = ['the', 'of', 'and', 'to'];
  mkdirSync(root, { recursive: true });
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const t = Math.floor(rng.next() * topics);
    const ws: string[] = [];
    for (let k = 0; k < 12; k++) ws.push(rng.next() < 0.2 ? fn[Math.floor(rng.next() * fn.length)] : word(t, Math.floor(rng.next() * perTopic)));
    out.push(ws.join(' '));
    if (l % 10 === 9) out.push('');
  }
  writeFileSync(join(root, 'topics.txt'), out.join('\n'));
  return { topicOf };
}

async function setup(t: { after(fn: () => unknown): void }, lines = 3000, seed = 11) {
  const dir = tempDir();
  const { topicOf } = topicCorpus(join(dir.path, 'c'), lines, seed);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'c') } });
  const corpusId = (await lab.jobs.wait(job)).result!.corpusId as number;
  const train = async (method: string, params: Record<string, unknown>): Promise<RunDetail> => {
    const j = await lab.call('run.start', { corpusId, method, params });
    const done = await lab.jobs.wait(j);
    assert.equal(done.status, 'done', done.error);
    return await lab.call('run.get', { id: j.subject!.runId });
  };
  return { lab, corpusId, train, topicOf };
}

/** Share of words whose nearest neighbour is a topic-mate (chance: 14/183 ≈ 0.08). */
function topicPrecision(lab: Lab, runId: number, topicOf: Map<string, number>): number {
  const kv = KeyedVectors.from(readRunVectors(lab.db, runId));
  let hits = 0;
  let n = 0;
  for (const [w, topic] of topicOf) {
    const i = kv.indexOf(w);
    if (i === undefined) continue;
    let best = -1;
    let bestCos = -Infinity;
    for (let j = 0; j < kv.size; j++) {
      if (j === i) continue;
      const c = kv.cosine(i, j);
      if (c > bestCos) {
        bestCos = c;
        best = j;
      }
    }
    n++;
    if (topicOf.get(kv.words[best]) === topic) hits++;
  }
  return hits / n;
}

for (const backend of backends) {
  test(`varint, 16-bit and 32-bit streams train the same vectors, bit for bit (${backend} kernel)`, { skip: skip(backend) }, () => {
    const kernel = backend === 'native' ? nativeWord2vec()! : jsWord2vec;
    const V = 300;
    const dim = 16;
    const rng = new Rng(9);
    const ids32 = Uint32Array.from({ length: 20_000 }, () => Math.floor(rng.next() ** 2 * V));
    const counts = new Uint32Array(V);
    for (const id of ids32) counts[id]++;
    for (let i = 0; i < V; i++) counts[i] += 1;
    const { prob, alias } = aliasTable(counts, 0.75);
    const sentStarts = Uint32Array.from({ length: 21 }, (_, i) => i * 1000);
    // The same sentences in varints: byte offsets (ids up to 299 take one or two bytes).
    const bytes = new Uint8Array(5 * ids32.length);
    const byteStarts = new Uint32Array(sentStarts.length);
    for (let s = 0; s < 20; s++) byteStarts[s + 1] = byteStarts[s] + encodeVarints(ids32.subarray(sentStarts[s], sentStarts[s + 1]), bytes.subarray(byteStarts[s]));
    const varints = bytes.slice(0, byteStarts[20]);
    assert.ok(varints.length > ids32.length && varints.length < 2 * ids32.length, 'some ids take two bytes');
    const run = (ids: Uint32Array | Uint16Array | Uint8Array, cbow: boolean, shareNegatives = false): Float32Array[] => {
      const W = Float32Array.from({ length: V * dim }, (_, i) => ((i * 7919) % 1000) / 1000 / dim - 0.5 / dim);
      const C = new Float32Array(V * dim);
      const out = new Float64Array(3);
      kernel.train({
        W, C, dim, aliasProb: prob, aliasIdx: alias, keep: new Float32Array(V).fill(0.7), ids, sentStarts: ids instanceof Uint8Array ? byteStarts : sentStarts, sentFrom: 0, sentTo: 20,
        window: 4, negative: 3, alpha0: 0.05, minRatio: 1e-4, wordsBefore: 0, totalWords: ids32.length, rng: BigUint64Array.from([12345n]), cbow, shareNegatives, out,
      });
      assert.equal(out[0], ids32.length, 'words read are counted in tokens, whatever the stream');
      return [W, C];
    };
    for (const [cbow, share] of [[false, false], [false, true], [true, false]]) {
      const wide = run(ids32, cbow, share);
      const narrow = run(Uint16Array.from(ids32), cbow, share);
      const what = cbow ? 'CBOW' : share ? 'SGNS, shared negatives' : 'SGNS';
      assert.deepEqual(narrow, wide, what);
      assert.deepEqual(run(varints, cbow, share), wide, `${what}, varints`);
      assert.ok(wide[1].some((x) => x !== 0), 'training changed C');
    }
  });
}

for (const backend of backends) {
  // The native kernel draws each position's window and noise words a few positions ahead; the draws must
  // never reach into the next sentence, so that a call may end at any sentence and the next call go on.
  test(`training in one call or sentence by sentence gives the same vectors, bit for bit (${backend} kernel)`, { skip: skip(backend) }, () => {
    const kernel = backend === 'native' ? nativeWord2vec()! : jsWord2vec;
    const V = 200;
    const dim = 12;
    const rng = new Rng(21);
    const ids = Uint32Array.from({ length: 6_000 }, () => Math.floor(rng.next() ** 2 * V));
    const counts = new Uint32Array(V).fill(1);
    for (const id of ids) counts[id]++;
    const { prob, alias } = aliasTable(counts, 0.75);
    // Sentences of 1 to 60 words: a one-word sentence has an empty window and draws no noise words.
    const starts = [0];
    while (starts.at(-1)! < ids.length) starts.push(Math.min(ids.length, starts.at(-1)! + 1 + Math.floor(rng.next() * 60)));
    const sentStarts = Uint32Array.from(starts);
    const sentences = sentStarts.length - 1;
    for (const [cbow, shareNegatives] of [[false, false], [false, true], [true, false]]) {
      const what = cbow ? 'CBOW' : shareNegatives ? 'SGNS, shared negatives' : 'SGNS';
      const train = (cuts: number[]) => {
        const W = Float32Array.from({ length: V * dim }, (_, i) => ((i * 7919) % 1000) / 1000 / dim - 0.5 / dim);
        const C = new Float32Array(V * dim);
        const state = BigUint64Array.from([777n]);
        let wordsBefore = 0;
        for (let k = 0; k + 1 < cuts.length; k++) {
          const out = new Float64Array(3);
          kernel.train({
            W, C, dim, aliasProb: prob, aliasIdx: alias, keep: new Float32Array(V).fill(0.8), ids, sentStarts, sentFrom: cuts[k], sentTo: cuts[k + 1],
            window: 5, negative: 4, alpha0: 0.025, minRatio: 1e-4, wordsBefore, totalWords: ids.length, rng: state, cbow, shareNegatives, out,
          });
          wordsBefore += out[0];
        }
        return { W, C, state: state[0] };
      };
      const whole = train([0, sentences]);
      const bySentence = train(Array.from({ length: sentences + 1 }, (_, i) => i));
      assert.equal(bySentence.state, whole.state, `${what}: the same number of draws`);
      assert.deepEqual(bySentence.W, whole.W, `${what}: W`);
      assert.deepEqual(bySentence.C, whole.C, `${what}: C`);
      assert.ok(whole.C.some((x) => x !== 0), `${what}: training changed C`);
    }
  });
}

for (const backend of backends) {
  test(`SGNS, CBOW and GloVe recover planted topics far above chance (${backend} kernels)`, { skip: skip(backend), timeout: 120_000 }, async (t) => {
    process.env.EMBEDLAB_KERNELS = backend === 'js' ? 'js' : '';
    t.after(() => delete process.env.EMBEDLAB_KERNELS);
    const { lab, train, topicOf } = await setup(t);
    const common = { dim: 20, minCount: 1, threads: 2 };
    const sg = await train('sgns', { ...common, epochs: 5, sample: 0 });
    const sgPerPair = await train('sgns', { ...common, epochs: 5, sample: 0, shareNegatives: false });
    const cb = await train('cbow', { ...common, epochs: 5, sample: 0 });
    const gl = await train('glove', { ...common, iterations: 25, window: 5, xMax: 10 });
    assert.equal(sg.params.shareNegatives, true, 'shared negatives are the default');
    for (const [name, run, floor] of [['SGNS', sg, 0.8], ['SGNS with word2vec.c\'s sampling', sgPerPair, 0.8], ['CBOW', cb, 0.8], ['GloVe', gl, 0.8]] as const) {
      const precision = topicPrecision(lab, run.id, topicOf);
      assert.ok(precision >= floor, `${name}: nearest neighbour is a topic-mate for ${(100 * precision).toFixed(1)}% of words`);
    }
    // The learning curve falls and the records a user expects are there.
    const loss = sg.series.loss as [number, number][];
    assert.ok(loss.length >= 3);
    assert.ok(loss.at(-1)![1] < loss[0][1], `loss ${loss[0][1]} → ${loss.at(-1)![1]}`);
    assert.equal((sg.series.spectrumByEpoch as unknown as number[][]).length, 5);
    assert.ok(sg.metrics.wordsPerSec > 0);
    const gloss = gl.series.loss as [number, number][];
    assert.ok(gloss.at(-1)![1] < gloss[0][1]);
    assert.equal(gl.metrics.nativeKernel ?? (backend === 'native' ? 1 : 0), backend === 'native' ? 1 : 0);
  });

  test(`one thread and one seed give identical vectors (${backend} kernels)`, { skip: skip(backend), timeout: 60_000 }, async (t) => {
    process.env.EMBEDLAB_KERNELS = backend === 'js' ? 'js' : '';
    t.after(() => delete process.env.EMBEDLAB_KERNELS);
    const { lab, train } = await setup(t, 600);
    for (const method of ['sgns', 'cbow', 'glove']) {
      const params = { dim: 8, minCount: 1, threads: 1, seed: 3, ...(method === 'glove' ? { iterations: 3 } : { epochs: 2 }) };
      const a = readRunVectors(lab.db, (await train(method, params)).id).W;
      const b = readRunVectors(lab.db, (await train(method, params)).id).W;
      const c = readRunVectors(lab.db, (await train(method, { ...params, seed: 4 })).id).W;
      assert.deepEqual(a, b, `${method}: same seed, same vectors`);
      assert.notDeepEqual(a, c, `${method}: another seed, other vectors`);
    }
  });
}

test('at convergence, SGNS dot products track PMI − log k on frequent pairs (Levy & Goldberg)', { timeout: 120_000 }, async (t) => {
  const { lab, train, corpusId } = await setup(t, 4000, 21);
  const k = 5;
  const run = await train('sgns', { dim: 40, minCount: 1, threads: 1, epochs: 15, sample: 0, negative: k, window: 2 });
  const v = readRunVectors(lab.db, run.id);
  // PMI from co-occurrence counts with the same expected window weights (dynamic, L = 2).
  const ppmi = await train('ppmi-svd', { dim: 2, minCount: 1, window: 2, weighting: 'dynamic', cds: 1 });
  void ppmi;
  const { loadCooc } = await import('../../../src/engine/cooc/cache.js');
  const { coocKey } = await import('../../../src/engine/cooc/options.js');
  const u = loadCooc(lab.db, corpusId, coocKey({ minCount: 1, maxVocab: 0, window: 2, weighting: 'dynamic', subsample: 0, seed: 1 }))!;
  const sums = new Float64Array(u.vocab);
  let D = 0;
  for (let i = 0; i < u.vocab; i++) for (let e = u.rowPtr[i]; e < u.rowPtr[i + 1]; e++) {
    const j = u.cols[e];
    const x = j === i ? 2 * u.vals[e] : u.vals[e];
    sums[i] += x;
    if (j !== i) sums[j] += x;
    D += j === i ? x : 2 * x;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < u.vocab; i++) for (let e = u.rowPtr[i]; e < u.rowPtr[i + 1]; e++) {
    const j = u.cols[e];
    const x = j === i ? 2 * u.vals[e] : u.vals[e];
    if (j === i || x < 20) continue; // frequent pairs: the estimate of PMI is reliable
    const pmi = Math.log((x * D) / (sums[i] * sums[j]));
    let dot = 0;
    for (let d = 0; d < v.dim; d++) dot += v.W[i * v.dim + d] * v.C![j * v.dim + d];
    xs.push(pmi - Math.log(k));
    ys.push(dot);
  }
  const { pearson } = await import('../../../src/engine/eval/similarity.js');
  const r = pearson(xs, ys);
  t.diagnostic(`pairs ${xs.length}, correlation of w·c with PMI − log k: ${r.toFixed(3)}`);
  assert.ok(xs.length > 200);
  assert.ok(r > 0.9, `correlation ${r}`);
});

test('cancelling SGNS mid-training marks the run cancelled and stores no vectors', { timeout: 60_000 }, async (t) => {
  const { lab, corpusId } = await setup(t, 3000);
  const j = await lab.call('run.start', { corpusId, method: 'sgns', params: { dim: 50, minCount: 1, epochs: 1000, threads: 1 } });
  await new Promise<void>((resolve) => {
    const off = lab.on('job', (s) => {
      if (s.id === j.id && s.progress.phase === 'training' && s.progress.done > 0) {
        off();
        resolve();
      }
    });
  });
  await lab.call('job.cancel', { id: j.id });
  assert.equal((await lab.jobs.wait(j)).status, 'cancelled');
  const run = await lab.call('run.get', { id: j.subject!.runId });
  assert.equal(run.status, 'cancelled');
  assert.throws(() => readRunVectors(lab.db, run.id), /no vectors/);
});
