/**
 * Resume in the UI: a cancelled SGNS run's page says its last checkpoint is kept, and Resume
 * continues it to the end on the same page (same run, same parameters).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, waitForJob, watchPageErrors } from './harness.js';

test('a cancelled run with a checkpoint resumes from its page and finishes', async (t) => {
  process.env.EMBEDLAB_CHECKPOINT_SECONDS = '0.05';
  t.after(() => delete process.env.EMBEDLAB_CHECKPOINT_SECONDS);
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 10, wordsPerTopic: 30, sentences: 30_000 }), 'Topics');
  const job = await lab.call('run.start', { corpusId, method: 'sgns', params: { dim: 50, epochs: 40, threads: 1, minCount: 1 }, name: 'Resumable SGNS' });
  const runId = job.subject!.runId;
  for (const t0 = Date.now(); !(await lab.call('run.get', { id: runId })).checkpoint; ) {
    assert.ok(Date.now() - t0 < 60_000, 'a checkpoint within a minute');
    await new Promise((r) => setTimeout(r, 20));
  }
  await lab.call('job.cancel', { id: job.id });
  await waitForJob(lab, job.id);

  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const pageErrors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.evaluate((id) => (location.hash = `#/runs/${id}`), runId);
  await page.locator('[data-testid="run-detail"][data-status="cancelled"]').waitFor();
  assert.match(await textOf(page, '[data-testid="run-checkpoint"]'), /Its last checkpoint is kept \(epoch \d+ of 40.*\): Resume continues from there/);
  await page.screenshot({ path: join(resultsDir, 'run-resumable.png'), fullPage: true });
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.locator('[data-testid="run-detail"][data-status="done"]').waitFor({ timeout: 120_000 });
  const run = await lab.call('run.get', { id: runId });
  assert.equal(run.status, 'done');
  assert.equal(run.checkpoint, null);
  assert.equal(run.metrics.epochs, 40);
  assert.match(run.log, /resumed from the checkpoint of/);
  assert.equal(await page.getByRole('button', { name: 'Resume' }).count(), 0);
  assert.deepEqual(pageErrors, []);
});
