/**
 * The RAND-WALK view in browser mode: the generator form with its defaults,
 * a refused value, a generation cancelled part-way (nothing stored), a small
 * corpus generated through the form, its three theory plots with the figures
 * randwalk.get reports, and the recovery table filling as runs finish (one
 * trained through the API, one through the view's "Train a run" shortcut).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { resultsDir, startBrowserLab, textOf, waitForJob, watchPageErrors } from './harness.js';

/** The view's number format: fixed digits and a true minus sign. */
const fix = (v: number, digits: number): string => v.toFixed(digits).replace('-', '−');
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

async function figure(page: Page, id: string): Promise<string> {
  return textOf(page, `[data-figure="${id}"] dd`);
}

test('RAND-WALK: generate through the form, theory plots and figures, recovery table', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // The refused generation is a 400 answer, which Chromium also logs; anything else counts.
  const pageErrors = watchPageErrors(page, /status of 400 \(Bad Request\)/);

  await t.test('opens on the empty state with the generator form and its defaults', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'RAND-WALK' }).click();
    await page.getByTestId('rw-empty').waitFor();
    assert.match(await textOf(page, '[data-testid="rw-empty"]'), /No synthetic corpus yet/);
    assert.equal(await page.locator('#opt-vocab').inputValue(), '5000');
    assert.equal(await page.locator('#opt-dim').inputValue(), '100');
    assert.equal(await page.locator('#opt-tokens').inputValue(), '10000000');
    assert.equal(await page.locator('#opt-drift').inputValue(), '0.1');
    assert.match(await textOf(page, '[data-option="drift"]'), /c ← normalise\(c \+ δ·g\/√d\)/);
    // The norm law decides which fields show.
    assert.equal(await page.locator('[data-option="normMax"]').count(), 1);
    assert.equal(await page.locator('[data-option="zipfExponent"]').count(), 0);
    await page.locator('#opt-norms').selectOption('zipf');
    assert.equal(await page.locator('[data-option="normMax"]').count(), 0);
    assert.equal(await page.locator('[data-option="zipfExponent"]').count(), 1);
    await page.locator('#opt-norms').selectOption('uniform');
  });

  await t.test("a bad combination is refused with the engine's message at the field", async () => {
    await page.locator('#opt-vocab').fill('50');
    await page.locator('#opt-planted').fill('3');
    await page.getByRole('button', { name: 'Generate' }).click();
    const error = page.getByTestId('rw-form-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /3 planted relations of 20 pairs need 120 distinct words; the vocabulary has 50/);
    assert.match(await textOf(page, '[data-option="plantedPairs"] .option-error'), /need 120 distinct words/);
    assert.equal((await lab.call('corpus.list')).length, 0);
  });

  await t.test('a long generation shows progress and cancels, storing nothing', async () => {
    await page.locator('#opt-vocab').fill('2000');
    await page.locator('#opt-dim').fill('50');
    await page.locator('#opt-tokens').fill('200000000');
    await page.locator('#opt-planted').fill('0');
    await page.getByRole('button', { name: 'Generate' }).click();
    const progress = page.getByTestId('rw-job').getByTestId('job-progress');
    await progress.waitFor();
    await page.getByRole('progressbar', { name: /Generation/ }).waitFor();
    await page.getByTestId('rw-job').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-testid="rw-job"][data-status="cancelled"]').waitFor({ timeout: 20_000 });
    assert.match(await textOf(page, '[data-testid="rw-job"]'), /Cancelled — nothing was stored/);
    assert.equal((await lab.call('corpus.list')).length, 0, 'a cancelled generation stores no corpus');
    await page.getByTestId('rw-job').getByRole('button', { name: 'Dismiss' }).click();
  });

  let corpusId = 0;
  await t.test('generates a small corpus through the form and opens its theory checks', async () => {
    await page.locator('#opt-vocab').fill('300');
    await page.locator('#opt-dim').fill('16');
    await page.locator('#opt-tokens').fill('150000');
    await page.locator('#opt-planted').fill('2');
    await page.locator('#opt-seed').fill('7');
    await page.getByLabel(/Corpus name/).fill('Small walk');
    await page.getByRole('button', { name: 'Generate' }).click();
    const detail = page.getByTestId('rw-detail');
    await detail.waitFor({ timeout: 60_000 });
    corpusId = Number(await detail.getAttribute('data-corpus'));
    const corpora = await lab.call('corpus.list');
    assert.equal(corpora.length, 1);
    assert.equal(corpora[0].id, corpusId);
    assert.equal(corpora[0].synthetic, true);
    assert.equal(corpora[0].name, 'Small walk');
    assert.equal(new URL(page.url()).hash, `#/randwalk/${corpusId}`);
    assert.match(await textOf(page, '[data-testid="rw-job"]'), new RegExp(`Stored as corpus #${corpusId}`));
    assert.match(await textOf(page, '[data-testid="rw-corpora"]'), /Small walk/);
  });

  await t.test('shows the three plots and the figures randwalk.get reports', async () => {
    for (const id of ['plot-frequency', 'plot-pmi', 'plot-partition']) {
      await page.locator(`[data-testid="${id}"] canvas`).first().waitFor();
      const box = await page.locator(`[data-testid="${id}"] canvas`).first().boundingBox();
      assert.ok(box && box.width > 200 && box.height > 150, `${id} is drawn (${JSON.stringify(box)})`);
    }
    const info = await lab.call('randwalk.get', { corpusId });
    const th = info.theory;
    assert.equal(info.params.vocab, 300);
    assert.equal(info.params.dim, 16);
    assert.equal(info.params.tokens, 150_000);
    assert.equal(info.params.planted, 2);
    assert.equal(info.params.seed, 7);
    assert.equal(await figure(page, 'freq-r2'), fix(th.frequency.r2, 3));
    assert.equal(await figure(page, 'freq-slope'), fix(th.frequency.slope, 3));
    assert.equal(await figure(page, 'freq-intercept'), fix(th.frequency.intercept, 2));
    assert.equal(await figure(page, 'freq-logz'), fix(-th.frequency.logZ, 2));
    assert.equal(await figure(page, 'pmi-r-words'), fix(th.pmi.topWords.correlation, 3));
    assert.equal(await figure(page, 'pmi-r-pairs'), fix(th.pmi.topPairs.correlation, 3));
    assert.equal(await figure(page, 'z-cv'), fix(th.partition.cv, 3));
    assert.match(await textOf(page, '[data-figure="pmi-r-words"] dt'), /top 300 words/);
    assert.match(await textOf(page, '[data-figure="pmi-r-pairs"] dt'), /top 2,000 pairs/);
    // On data the model generated, the frequency law and the PMI law do show.
    assert.ok(th.frequency.r2 > 0.7, `R² ${th.frequency.r2}`);
    assert.ok(th.pmi.topWords.correlation > 0.5, `r ${th.pmi.topWords.correlation}`);
    assert.match(await textOf(page, '[data-stat="tokens"]'), /150,000/);
    assert.match(await textOf(page, '[data-stat="planted"]'), /2 × 20 pairs/);
    assert.equal(await page.getByTestId('recovery-empty').isVisible(), true, 'no run yet');
  });

  await t.test('a PPMI-SVD run trained through the API appears in the recovery table', async () => {
    const job = await lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 16 }, name: 'PPMI-SVD d=16' });
    const state = await waitForJob(lab, job.id);
    assert.equal(state.status, 'done', state.error);
    const runId = job.subject!.runId;
    const row = page.locator(`[data-testid="recovery-table"] tr[data-run="${runId}"]`);
    await row.waitFor();
    const [rec] = await lab.call('randwalk.recoveryTable', { corpusId });
    assert.equal(rec.runId, runId);
    assert.match(await textOf(page, `tr[data-run="${runId}"] td:first-child`), /PPMI-SVD d=16/);
    assert.equal(await textOf(page, `tr[data-run="${runId}"] [data-col="cosine"]`), fix(rec.alignedCosine, 3));
    assert.equal(await textOf(page, `tr[data-run="${runId}"] [data-col="gram"]`), fix(rec.gramCorrelation, 3));
    assert.ok(rec.analogy.accuracy != null && rec.analogy.truthAccuracy != null);
    assert.match(await textOf(page, `tr[data-run="${runId}"] [data-col="analogy"]`), new RegExp(`^${pct(rec.analogy.accuracy!).replace('.', '\\.')} \\(${rec.analogy.correct}/${rec.analogy.answered}\\)$`));
    assert.equal(await textOf(page, `tr[data-run="${runId}"] [data-col="ceiling"]`), pct(rec.analogy.truthAccuracy!));
    assert.equal(await textOf(page, `tr[data-run="${runId}"] [data-col="chance"]`), pct(rec.analogy.chance));
    assert.ok(rec.analogy.accuracy! > 10 * rec.analogy.chance, 'PPMI-SVD recovers the planted analogies far above chance');
  });

  await t.test('"Train a run" starts a run on this corpus and adds its row', async () => {
    const train = page.getByRole('form', { name: 'Train a run on this corpus' });
    assert.equal(await train.getByRole('combobox').inputValue(), 'ppmi-svd');
    assert.equal(await train.getByRole('spinbutton').inputValue(), '16', 'd defaults to the corpus dimension');
    await train.getByRole('spinbutton').fill('8');
    await train.getByRole('button', { name: 'Start' }).click();
    await page.locator('[data-testid="recovery-table"] tbody tr').nth(1).waitFor({ timeout: 60_000 });
    const rows = await lab.call('randwalk.recoveryTable', { corpusId });
    assert.equal(rows.length, 2);
    assert.equal(rows[1].dim, 8);
    assert.equal((await lab.call('run.get', { id: rows[1].runId })).corpusId, corpusId);
    await train.getByText(`Run #${rows[1].runId} finished`).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'randwalk.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
