import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Lab } from '../../../src/engine/lab.js';
import { defaultJobLimits } from '../../../src/engine/jobs/jobRunner.js';
import type { JobState } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';

test('jobs wait their turn: never more at once than the limit, a queued job can be cancelled, all the others finish', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli', jobLimits: { light: 2 } });
  t.after(() => lab.close());
  const file = join(dir.path, 'v.txt');
  writeFileSync(file, `${Array.from({ length: 2000 }, (_, i) => `w${i} ${i % 7} ${i % 5} ${i % 3}`).join('\n')}\n`);

  const launched = new Map<number, JobState>();
  let mostAtOnce = 0;
  lab.on('job', (s) => {
    if (s.status === 'running' && s.progress.phase !== 'queued') launched.set(s.id, s);
    else launched.delete(s.id);
    mostAtOnce = Math.max(mostAtOnce, launched.size);
  });
  const jobs = [];
  for (let i = 0; i < 6; i++) jobs.push(await lab.call('vectors.import', { source: { kind: 'path', path: file }, name: `copy ${i}` }));
  assert.deepEqual(jobs.map((j) => j.progress.phase), ['starting', 'starting', 'queued', 'queued', 'queued', 'queued']);
  assert.equal(jobs[5].progress.detail.ahead, 3);

  const cancelled = await lab.call('job.cancel', { id: jobs[4].id });
  assert.equal(cancelled.status, 'cancelled', 'a queued job is cancelled at once');
  const finals = await Promise.all(jobs.map((j) => lab.jobs.wait(j)));
  assert.deepEqual(finals.map((f) => f.status), ['done', 'done', 'done', 'done', 'cancelled', 'done']);
  assert.ok(mostAtOnce <= 2, `${mostAtOnce} jobs ran at once`);
  assert.equal(mostAtOnce, 2);
  const runs = await lab.call('run.list', {});
  assert.deepEqual(runs.map((r) => r.name).sort(), ['copy 0', 'copy 1', 'copy 2', 'copy 3', 'copy 5']);
});

test('the default limits: one heavy job per two cores, overridable from the environment', () => {
  assert.deepEqual(defaultJobLimits(2), { heavy: 1, light: 2 });
  assert.deepEqual(defaultJobLimits(16), { heavy: 8, light: 16 });
  process.env.EMBEDLAB_HEAVY_JOBS = '3';
  try {
    assert.equal(defaultJobLimits(2).heavy, 3);
  } finally {
    delete process.env.EMBEDLAB_HEAVY_JOBS;
  }
});
