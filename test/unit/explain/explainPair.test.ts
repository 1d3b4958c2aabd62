/**
 * Explaining a pair: the counts by hand on a tiny corpus, and against a brute-force count over the
 * raw text of a generated corpus (its own tokenising, vocabulary cut and windows, sharing no code with
 * the engine); the contexts, each run's cosine and w·c against PMI − log k.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { resultOf, type PairExplanation } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';
import { writeTopicCorpus } from '../../helpers/topicCorpus.js';

async function labWith(t: { after(f: () => Promise<void>): void }, write: (dir: string) => void) {
  const dir = tempDir();
  write(join(dir.path, 'corpus'));
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const ingest = await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } }));
  const corpusId = resultOf(ingest, 'ingest')!.corpusId;
  const train = async (method: string, params: Record<string, unknown>): Promise<number> => {
    const job = await lab.jobs.wait(await lab.call('run.start', { corpusId, method, params }));
    assert.equal(job.status, 'done', job.error);
    return job.subject!.runId;
  };
  const explain = async (runIds: number[], w: string, c: string, contexts = 5): Promise<PairExplanation> => {
    const job = await lab.jobs.wait(await lab.call('pair.explain', { runIds, w, c, contexts }));
    assert.equal(job.status, 'done', job.error);
    return resultOf(job, 'explain')!;
  };
  return { lab, dir: dir.path, train, explain };
}

test('a tiny corpus, by hand: "a b c a b" with a window of 2, uniform', async (t) => {
  const { train, explain } = await labWith(t, (dir) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'one.txt'), 'a b c a b\n');
  });
  const run = await train('ppmi-svd', { dim: 1, window: 2, weighting: 'uniform', minCount: 1, cds: 1, shift: 1 });
  const e = await explain([run], 'a', 'b');
  // Pairs within 2: (0,1) a b, (0,2) a c, (1,2) b c, (1,3) b a, (2,3) c a, (2,4) c b, (3,4) a b.
  assert.deepEqual([e.counts.pair, e.counts.w, e.counts.c, e.counts.total], [3, 5, 5, 14]);
  assert.equal(e.counts.tokensW, 2);
  assert.ok(Math.abs(e.pmi! - Math.log((3 * 14) / 25)) < 1e-12);
  assert.ok(Math.abs(e.ppmi - Math.log(1.68)) < 1e-12);
  assert.ok(Math.abs(e.sppmi - Math.log(1.68)) < 1e-12, 'shift 1: SPPMI = PPMI');
  assert.ok(Math.abs(e.mstar - 34 / 67) < 1e-12, 'M* = 2(P − Q)/(P + Q) with P = 3/14, Q = 25/196');
  assert.equal(e.contexts.total, 2, 'a has b within 2 tokens at both of its occurrences');
  assert.deepEqual(e.contexts.shown[0].tokens, ['a', 'b', 'c', 'a', 'b']);
  const same = await explain([run], 'a', 'a');
  assert.equal(same.counts.pair, 0, 'the two a\'s are 3 apart, outside the window of 2');
  assert.equal(same.pmi, null);
  assert.equal(same.mstar, -2);
});

/** Brute force over the raw files: tokens /[a-z0-9]+/, paragraphs split by blank lines, the vocabulary cut by count. */
function bruteForce(dir: string, minCount: number, window: number, weight: (d: number) => number) {
  const paragraphs = readdirSync(dir).sort().flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/)).map((p) => p.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  const freq = new Map<string, number>();
  for (const p of paragraphs) for (const w of p) freq.set(w, (freq.get(w) ?? 0) + 1);
  const X = new Map<string, number>();
  const add = (a: string, b: string, v: number): void => {
    X.set(`${a} ${b}`, (X.get(`${a} ${b}`) ?? 0) + v);
  };
  for (const p of paragraphs) {
    const kept = p.filter((w) => freq.get(w)! >= minCount);
    for (let i = 0; i < kept.length; i++) {
      for (let j = i + 1; j <= Math.min(kept.length - 1, i + window); j++) {
        add(kept[i], kept[j], weight(j - i));
        add(kept[j], kept[i], weight(j - i));
      }
    }
  }
  const row = (w: string): number => [...X].filter(([k]) => k.startsWith(`${w} `)).reduce((s, [, v]) => s + v, 0);
  const total = [...X.values()].reduce((s, v) => s + v, 0);
  return { X: (a: string, b: string) => X.get(`${a} ${b}`) ?? 0, row, total };
}

test('on a generated corpus the counts equal a brute-force count over its raw text; runs and contexts', async (t) => {
  const { dir, train, explain } = await labWith(t, (d) => writeTopicCorpus(d, { sentences: 3000 }));
  const ppmi = await train('ppmi-svd', { dim: 8, window: 4, weighting: 'harmonic', minCount: 3, cds: 0.75, shift: 5 });
  const sgns = await train('sgns', { dim: 16, window: 3, epochs: 2, minCount: 3, threads: 1 });
  const truth = bruteForce(join(dir, 'corpus'), 3, 4, (d) => 1 / d);
  for (const [w, c] of [['t0w1', 't0w2'], ['t0w1', 'b3'], ['t1w5', 't1w5'], ['t2w0', 't3w0']]) {
    const e = await explain([ppmi, sgns], w, c);
    const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${w} ${c} ${what}: ${a} vs ${b}`);
    close(e.counts.pair, truth.X(w, c), '#(w,c)');
    close(e.counts.w, truth.row(w), '#(w)');
    close(e.counts.c, truth.row(c), '#(c)');
    close(e.counts.total, truth.total, '|D|');
    assert.equal(e.shift, 5);
    assert.equal(e.cds, 0.75);
    assert.equal(e.runs.length, 2);
    assert.equal(e.runs[1].k, 5, 'SGNS: k is its negatives');
    assert.ok(e.runs[1].dot !== null, 'SGNS kept its context vectors');
    if (e.pmi !== null) assert.ok(Math.abs(e.runs[1].predicted! - (e.pmi - Math.log(5))) < 1e-12);
    assert.ok(e.contexts.shown.every((k) => k.tokens[k.w] === w && k.tokens[k.c] === c && Math.abs(k.w - k.c) <= 4));
  }
  // Topic-mates: a positive PMI, never-together pairs: none and M* = −2.
  const mates = await explain([ppmi], 't0w1', 't0w2');
  assert.ok(mates.pmi! > 0 && mates.mstar > 0);
  const apart = await explain([ppmi], 't2w0', 't3w0');
  if (apart.counts.pair === 0) assert.ok(apart.pmi === null && apart.mstar === -2 && apart.contexts.total === 0);
  assert.ok(mates.neighbours.byPmi.length > 0 && mates.neighbours.byCosine.length > 0);
  assert.ok(mates.seconds >= 0);
});

test('refusals name the word or the run: unknown words, words under the min count, imported runs', async (t) => {
  // About 50 of each background word b0..b39, under 20 of each topic word.
  const { lab, dir, train } = await labWith(t, (d) => writeTopicCorpus(d, { sentences: 1000 }));
  const run = await train('ppmi-svd', { dim: 4, window: 2, minCount: 35 });
  const failed = async (runIds: number[], w: string, c: string): Promise<string> => {
    try {
      const job = await lab.jobs.wait(await lab.call('pair.explain', { runIds, w, c }));
      return job.error ?? `status ${job.status}`;
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.match(await failed([run], 'zyzzyva', 'b1'), /"zyzzyva" does not occur in corpus \d+/);
  assert.match(await failed([run], 'b1', 't0w1'), /"t0w1" occurs \d+ times in corpus \d+, under the window's min count of 35/);
  writeFileSync(join(dir, 'v.txt'), '2 2\nt0w1 1 0\nt0w2 0 1\n');
  const imported = resultOf(await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: join(dir, 'v.txt') } })), 'import')!;
  assert.match(await failed([imported.runId], 't0w1', 't0w2'), /has no corpus \(it was imported from a file\)/);
});
