/**
 * Progress that tells the truth, in the Projector: UMAP on 15,000 words reports each of
 * its phases with a count and a percent (nearest neighbours and the neighbour graph in
 * rows, then epochs), never a bar that stands still, and at every sampled moment the
 * bar's width is the percent its text gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Rng } from '../../src/engine/base/random.js';
import { createRun, finishRun } from '../../src/engine/store/runs.js';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, watchPageErrors, type LabServer } from './harness.js';

/** A finished run of `n` clustered random vectors, written straight to the store. */
function insertRun(lab: LabServer, corpusId: number, n: number, dim: number): number {
  const rng = new Rng(5);
  const centres = Array.from({ length: 60 }, () => Float32Array.from({ length: dim }, () => rng.normal()));
  const W = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) for (let t = 0; t < dim; t++) W[i * dim + t] = centres[i % 60][t] + 0.7 * rng.normal();
  const words = Array.from({ length: n }, (_, i) => `w${i}`);
  const counts = Uint32Array.from({ length: n }, (_, i) => Math.max(1, Math.round(1e6 / (i + 1))));
  const id = createRun(lab.lab.db, { name: `Random ${n}`, corpusId, method: 'ppmi-svd', params: { dim } });
  finishRun(lab.lab.db, id, { vectors: { words, counts, dim, W }, series: {}, metrics: {}, phases: {}, seconds: 0, log: 'inserted by the test' });
  return id;
}

/** In one instant: the job's phase line and its bar's rendered width and declared percent. */
function sample(page: Page) {
  return page.evaluate(() => {
    const job = document.querySelector('[data-testid="projection-job"]');
    const phase = job?.querySelector('[data-testid="projection-phase"]');
    const track = job?.querySelector('[role="progressbar"]') as HTMLElement | null;
    const fill = track?.querySelector('.progress-fill') as HTMLElement | null;
    if (!phase || !track || !fill) return null;
    return {
      phase: phase.getAttribute('data-phase') ?? '',
      line: phase.textContent ?? '',
      percent: track.getAttribute('data-percent'),
      rendered: (fill.getBoundingClientRect().width / track.clientWidth) * 100,
      eta: job?.textContent?.match(/about ([\d.]+ (?:ms|s)|\d+ min \d+ s) left/)?.[1] ?? null,
    };
  });
}

test("UMAP reports every phase with a count and percent, and its bar is the text's percent", { timeout: 300_000 }, async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 4, wordsPerTopic: 20, sentences: 800 }), 'Topics');
  const n = 15_000;
  const runId = insertRun(lab, corpusId, n, 48);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.addStyleTag({ content: '.progress-fill { transition: none !important; }' });
  await page.getByRole('link', { name: 'Projector' }).click();
  await page.getByTestId('projector-status').filter({ hasText: /PCA · [\d,]+ points/ }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Run').selectOption(String(runId));
  await page.getByLabel('Top N words').fill(String(n));
  await page.getByRole('radio', { name: /UMAP/ }).check();
  await page.getByRole('button', { name: 'Run UMAP' }).click();

  const seen: NonNullable<Awaited<ReturnType<typeof sample>>>[] = [];
  const shots = new Set<string>();
  const until = Date.now() + 240_000;
  while (Date.now() < until && !seen.some((s) => s.phase === 'UMAP' && Number(s.percent) >= 3)) {
    const s = await sample(page);
    if (s) {
      seen.push(s);
      if (!shots.has(s.phase) && s.percent !== null && Number(s.percent) > 0) {
        shots.add(s.phase);
        await page.screenshot({ path: join(resultsDir, `progress-umap-${s.phase.replace(/\s+/g, '-')}.png`) });
      }
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await page.getByTestId('projection-job').getByRole('button', { name: 'Cancel' }).click();

  const phases = [...new Set(seen.map((s) => s.phase))];
  t.diagnostic(`phases seen: ${phases.join(' → ')}; ${seen.length} samples`);
  assert.ok(phases.includes('nearest neighbours') && phases.includes('UMAP'), phases.join(', '));
  const knn = seen.filter((s) => s.phase === 'nearest neighbours' && s.percent !== null);
  assert.ok(knn.length >= 3, `${knn.length} samples of the kNN phase`);
  const knnPercents = knn.map((s) => Number(s.percent));
  assert.ok(knnPercents.at(-1)! > knnPercents[0], `the kNN bar moved: ${knnPercents.join(', ')}`);
  assert.ok(knn.some((s) => s.eta !== null), 'the kNN phase has an ETA');
  for (const s of seen.filter((x) => x.percent !== null)) {
    const m = /· ([\d,]+) \/ ([\d,]+) (rows|epochs) · (\d+)%/.exec(s.line);
    assert.ok(m, `"${s.line}" gives its count and percent`);
    assert.equal(m[4], s.percent, `"${s.line}" beside a bar of ${s.percent}%`);
    assert.equal(Math.floor((100 * Number(m[1].replace(/,/g, ''))) / Number(m[2].replace(/,/g, ''))), Number(s.percent));
    assert.ok(Math.abs(s.rendered - Number(s.percent)) < 0.5, `rendered ${s.rendered.toFixed(2)}% for ${s.percent}%`);
    if (s.phase !== 'UMAP') assert.equal(m[2], '15,000', 'rows of n');
  }
  assert.deepEqual(errors, []);
});
