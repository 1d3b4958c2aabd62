/**
 * The Dynamics view in browser mode, on a topic corpus with a known, well-separated
 * spectrum: the backend selector filled from dynamics.backends, a long run followed
 * live and cancelled, a small run (V = 150, d = 6, steps auto) trained through the
 * form to the end with its four charts, the backend named, the summary figures and the
 * features table; reopening it from the corpus's runs; and the Spectrum tab.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFolder, resultsDir, startBrowserLab, textOf, watchPageErrors } from './harness.js';
import { writeTopicCorpus } from '../helpers/topicCorpus.js';
import type { Page } from 'playwright-core';

/** The text as laid out (innerText: cells and badges apart), whitespace collapsed. */
async function shownText(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

const V = 150;
const D = 6;

test('Dynamics: backends, a live run cancelled, a run to the end with its charts and features, the spectrum', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const folder = join(lab.dir, 'topics');
  writeTopicCorpus(folder);
  const corpusId = await ingestFolder(lab, folder, 'Topics');
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const pageErrors = watchPageErrors(page);

  await t.test('opens from the rail with the options form and the backends found here', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'Dynamics' }).click();
    await page.locator('#opt-vocab').waitFor();
    assert.equal(new URL(page.url()).hash, '#/dynamics');
    assert.equal(await page.getByRole('combobox', { name: 'Corpus' }).inputValue(), String(corpusId));
    assert.equal(await page.locator('#opt-model').inputValue(), 'qwem');
    assert.equal(await page.locator('#opt-backend').inputValue(), 'auto');
    assert.equal(await page.locator('[data-option="backend"]').count(), 1, 'the backend is shown once, as the selector');
    const backends = await lab.call('dynamics.backends');
    // The options come from dynamics.backends: each unavailable one is disabled, with its reason as the tooltip.
    await page.locator('#opt-backend option[value="js"][data-available="yes"]').waitFor({ state: 'attached' });
    for (const b of backends) {
      const option = page.locator(`#opt-backend option[value="${b.id}"]`);
      const usable = b.available && b.models.includes('qwem');
      assert.equal(await option.isDisabled(), !usable, `${b.id} is ${usable ? 'enabled' : 'disabled'}`);
      if (!b.available) assert.equal(await option.getAttribute('title'), b.reason ?? 'Not available here.');
    }
    assert.match(await textOf(page, '[data-option="backend"]'), /auto: /);
    await page.locator('#opt-backend').selectOption('js');
    assert.match(await textOf(page, '[data-testid="backend-device"]'), /JavaScript reference/);
    assert.equal(await page.getByTestId('dyn-runs-empty').isVisible(), true);
  });

  await t.test('a long run shows its progress and live charts, and Cancel stops it', async () => {
    await page.locator('#opt-vocab').fill(String(V));
    await page.locator('#opt-dim').fill(String(D));
    await page.locator('#opt-steps').fill('400000');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const job = page.getByTestId('dyn-job');
    await job.waitFor();
    await page.getByRole('progressbar', { name: /Dynamics run/ }).waitFor();
    await page.locator('[data-testid="live-excess-loss"] canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="live-effective-rank"] canvas').first().waitFor();
    assert.match(await textOf(page, '[data-testid="dyn-job"]'), /Steps.*\/ 400,000 steps/);
    await page.getByTestId('dyn-job').screenshot({ path: join(resultsDir, 'dynamics-live.png') });
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.locator('[data-testid="dyn-job"][data-status="cancelled"]').waitFor({ timeout: 20_000 });
    assert.match(await textOf(page, '[data-testid="dyn-job"]'), /Cancelled/);
    await page.getByTestId('dyn-job').getByRole('button', { name: 'Dismiss' }).click();
  });

  let runId = 0;
  await t.test('a small run trains to the end and opens with its charts, backend and features', async () => {
    await page.locator('#opt-steps').fill('0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const result = page.locator('[data-testid="dyn-result"][data-status="done"]');
    await result.waitFor({ timeout: 120_000 });
    runId = Number(await result.getAttribute('data-run'));
    assert.equal(new URL(page.url()).hash, `#/dynamics/${runId}`);
    const run = await lab.call('run.get', { id: runId });
    assert.equal(run.method, 'dynamics');
    assert.equal(run.params.vocab, V);
    assert.equal(run.params.dim, D);
    assert.equal(run.params.backend, 'js');

    for (const id of ['chart-excess-loss', 'chart-mode-energy', 'chart-effective-rank', 'chart-overlap']) {
      // A refetch of the run (a 'changed' after it ends) redraws the charts: a canvas found can be replaced
      // before it is measured (CI once got null), so the size is read from whichever canvas is there then.
      const canvas = page.locator(`[data-testid="${id}"] canvas`).first();
      let box: Awaited<ReturnType<typeof canvas.boundingBox>> = null;
      for (let tries = 0; tries < 20 && !box; tries++) {
        await canvas.waitFor();
        box = await canvas.boundingBox();
      }
      assert.ok(box && box.width > 300 && box.height > 150, `${id} is drawn (${JSON.stringify(box)})`);
    }
    // The theory on the charts: a dashed sigmoid per mode drawn, a rise marker per mode that rises, and the λ ≤ 0 caveat.
    const energy = page.locator('[data-testid="chart-mode-energy"]');
    const modesDrawn = Math.min(D, 10);
    assert.equal(Number(await energy.getAttribute('data-dashed-lines')), modesDrawn, 'one dashed theory curve per mode');
    assert.equal(Number(await energy.getAttribute('data-lines')), 2 * modesDrawn, 'and one measured curve per mode');
    const rising = (run.series.predictedRise as number[]).slice(0, modesDrawn).filter((s) => s >= 0).length;
    assert.ok(rising > 0);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart-excess-loss"]')?.getAttribute('data-markers-drawn')) === n, rising);
    assert.match(await textOf(page, '[data-testid="never-learned"]'), /a mode with λ ≤ 0 is never learned/);

    // The backend, named from the run's log line.
    const line = run.log.split('\n').find((l) => l.includes('backend: '))!;
    assert.ok(line, 'the log names the backend');
    assert.equal(await page.getByTestId('backend-ran').getAttribute('data-backend'), 'js');
    assert.match(await shownText(page, '[data-testid="backend-ran"]'), /^Ran on js JavaScript reference \(one thread\)/i);

    assert.equal(await textOf(page, '[data-stat="overlap"] dd'), run.metrics.overlap.toFixed(4));
    assert.equal(await textOf(page, '[data-stat="distinct"] dd'), `${run.metrics.distinctSteps} of ${D}`);
    assert.match(await textOf(page, '[data-stat="ms"] dd'), /^\d[\d.]* ms$/);
    assert.ok(run.metrics.overlap > 0.9, `overlap ${run.metrics.overlap}`);

    const rows = page.locator('[data-testid="features-table"] tbody tr');
    assert.equal(await rows.count(), D);
    // The words come from dynamics.spectrum for the same corpus and vocabulary.
    await page.locator('[data-testid="features-table"] tr[data-mode="1"] [data-col="positive"] .dyn-word').first().waitFor();
    const spectrum = await lab.call('dynamics.spectrum', { corpusId, vocab: V, modes: D, words: 6 });
    assert.equal(await textOf(page, 'tr[data-mode="1"] [data-col="positive"]'), spectrum.modes[0].positive.map((w) => w.word).join(' '));
    const predicted = run.series.predictedRise as number[];
    const observed = run.series.observedRise as number[];
    for (let k = 0; k < D; k++) {
      const want = (v: number): string => (v >= 0 ? Math.round(v).toLocaleString('en-US') : '');
      if (predicted[k] >= 0) assert.equal(await textOf(page, `tr[data-mode="${k + 1}"] [data-col="predicted"]`), want(predicted[k]));
      if (observed[k] >= 0) assert.equal(await textOf(page, `tr[data-mode="${k + 1}"] [data-col="observed"]`), want(observed[k]));
    }
    await page.screenshot({ path: join(resultsDir, 'dynamics.png'), fullPage: true });
  });

  await t.test("the corpus's runs list it and reopen it", async () => {
    const row = page.locator(`[data-testid="dyn-runs"] tr[data-run="${runId}"]`);
    await row.waitFor();
    assert.match(await shownText(page, `[data-testid="dyn-runs"] tr[data-run="${runId}"]`), /Done qwem 150 6 js 0\.99\d/);
    assert.equal(await page.locator('[data-testid="dyn-runs"] tbody tr').count(), 2, 'the cancelled run and the finished one');
    await page.goto(`${lab.server.url}#/dynamics`);
    await page.locator(`[data-testid="dyn-runs"] tr[data-run="${runId}"]`).click();
    await page.locator(`[data-testid="dyn-result"][data-run="${runId}"] [data-testid="chart-mode-energy"] canvas`).first().waitFor();
    assert.equal(new URL(page.url()).hash, `#/dynamics/${runId}`);
  });

  await t.test('the Spectrum tab shows the eigenvalues and words with no training', async () => {
    await page.locator('#opt-vocab').fill(String(V));
    await page.getByRole('tab', { name: 'Spectrum' }).click();
    const table = page.getByTestId('spectrum-table');
    await table.waitFor({ timeout: 30_000 });
    const spectrum = await lab.call('dynamics.spectrum', { corpusId, vocab: V, modes: 20, words: 8 });
    assert.equal(await table.locator('tbody tr').count(), spectrum.eigenvalues.length);
    assert.equal(await textOf(page, '[data-testid="spectrum-table"] tr[data-mode="1"] [data-col="lambda"]'), String(Number(spectrum.eigenvalues[0].toPrecision(4))));
    await page.locator('[data-testid="dyn-spectrum"] [data-testid="spectrum"] canvas').first().waitFor();
    assert.equal(await textOf(page, '[data-testid="extreme-eigenvalue"]'), String(Number(spectrum.extremeEigenvalue.toPrecision(4))).replace('-', '−'));
    assert.match(await textOf(page, '[data-testid="negative-note"]'), /modes with negative eigenvalues are never learned/);
    await page.screenshot({ path: join(resultsDir, 'dynamics-spectrum.png'), fullPage: true });
  });

  assert.deepEqual(pageErrors, []);
});
