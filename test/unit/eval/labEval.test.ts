import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { makeZipfFolder, tempDir } from '../../helpers/fixtures.js';

test('evaluate, query and compare runs through the lab', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeZipfFolder(join(dir.path, 'corpus'), 6, 5000, 400);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const ingest = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } });
  const corpusId = (await lab.jobs.wait(ingest)).result!.corpusId as number;
  const train = async (params: Record<string, unknown>): Promise<number> => {
    const j = await lab.call('run.start', { corpusId, method: 'ppmi-svd', params });
    assert.equal((await lab.jobs.wait(j)).status, 'done');
    return j.subject!.runId;
  };
  const a = await train({ dim: 10 });
  const b = await train({ dim: 10, eig: 0 });

  // The generated words are w0, w1, …: a user file of analogies and pairs in those words.
  const analogies = join(dir.path, 'my-analogies.txt');
  writeFileSync(analogies, ': mine\nw1 w2 w3 w4\nw5 w6 w7 w8\nw1 w2 w3 nosuchword\n');
  const pairs = join(dir.path, 'my-pairs.txt');
  writeFileSync(pairs, 'w1 w2 3\nw1 w3 2\nw2 w9 1\nw1 nosuch 4\n');
  const job = await lab.call('eval.start', { runId: a, analogy: [analogies], similarity: [pairs, 'ws353'], methods: ['add', 'mul'] });
  const done = await lab.jobs.wait(job);
  assert.equal(done.status, 'done', done.error);
  const report = await lab.call('eval.get', { runId: a });
  const mine = report.analogy['my-analogies.txt'];
  assert.equal(mine.add!.total, 2);
  assert.equal(mine.add!.oov, 1);
  assert.equal(mine.mul!.total, 2);
  assert.equal(report.similarity['my-pairs.txt'].pairs, 3);
  assert.equal(report.similarity['my-pairs.txt'].oov, 1);
  assert.equal(report.similarity.ws353.pairs, 0, 'none of WS353 is in a synthetic vocabulary');

  const bad = join(dir.path, 'bad.txt');
  writeFileSync(bad, 'w1 w2 w3\n');
  const failed = await lab.jobs.wait((await lab.call('eval.start', { runId: a, analogy: [bad], similarity: [] })).id);
  assert.equal(failed.status, 'failed');
  assert.match(failed.error!, /bad\.txt, line 1: expected 4 words/);

  const n = (await lab.call('vectors.neighbors', { runId: a, word: 'W1', k: 5 })) as { neighbors: { word: string }[] };
  assert.equal(n.neighbors.length, 5);
  assert.ok(!n.neighbors.some((x) => x.word === 'w1'));
  await assert.rejects(lab.call('vectors.neighbors', { runId: a, word: 'nosuchword' }), /not in this run's vocabulary/);

  const answers = await lab.call('vectors.analogy', { runIds: [a, b], a: 'w1', b: 'w2', c: 'w3', k: 3 });
  assert.equal(answers.length, 2);
  assert.equal(answers[0].add!.length, 3);
  assert.ok(answers[0].add![0].score >= answers[0].add![1].score);
  const missing = await lab.call('vectors.analogy', { runIds: [a], a: 'w1', b: 'zz', c: 'w3' });
  assert.deepEqual(missing[0].missing, ['zz']);

  const google = (await lab.call('eval.questions', { set: 'google' })) as { sections: { name: string; count: number }[]; questions: unknown[] };
  assert.equal(google.questions.length, 19544);
  assert.equal(google.sections.length, 14);
  assert.deepEqual(google.sections[0], { name: 'capital-common-countries', count: 506 });

  const cmp = await lab.call('run.compare', { a, b, probes: 100 });
  assert.equal(cmp.sharedWords > 100, true);
  assert.ok(cmp.meanOverlap > 0 && cmp.meanOverlap <= 1);
  assert.equal(cmp.procrustes.applicable, true);
  assert.ok(cmp.procrustes.residual! <= cmp.procrustes.residualBefore!);
  assert.equal(cmp.evalA.analogy['my-analogies.txt'].add!.total, 2);
});
