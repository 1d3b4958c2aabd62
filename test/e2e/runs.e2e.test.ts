/**
 * The Runs view in browser mode: the form generated from the method's options,
 * the engine's refusal of a bad value, a PPMI-SVD run from start to its page
 * (spectrum, phase timings, parameters, log), rename, two live runs at once,
 * cancel, removal, sorting and a reload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, watchPageErrors } from './harness.js';

test('runs: form, invalid value, PPMI-SVD run and its page, live runs, cancel, remove', async (t) => {
  const { lab, browser } = await startBrowserLab(t);

  // 10 topics × 30 words (about 300 types, 36,000 tokens): a spectrum with 10 strong directions.
  const topicsId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 10, wordsPerTopic: 30, sentences: 4000 }), 'Topics');
  // About 4,500 types: large enough for an M* run that lasts long enough to cancel.
  const wideId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'wide', topics: 150, wordsPerTopic: 30, sentences: 60_000, seed: 11 }), 'Wide');
  const wide = await lab.call('corpus.get', { id: wideId });
  assert.ok(wide.typesAtMinCount > 4000, `the wide corpus has thousands of types (${wide.typesAtMinCount})`);

  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // The refused start in the second step is a 400 answer, which Chromium also logs; anything else counts.
  const pageErrors = watchPageErrors(page, /status of 400 \(Bad Request\)/);

  await t.test('opens on the empty state with a form generated from the method options', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByTestId('runs-empty').waitFor();
    assert.match(await textOf(page, '[data-testid="runs-empty"]'), /No runs yet — pick a corpus and a method/);
    // Every PPMI-SVD option is a field; the advanced ones are folded away.
    const methods = await lab.call('method.list');
    const ppmi = methods.find((m) => m.id === 'ppmi-svd')!;
    await page.getByRole('radio', { name: /PPMI-SVD/ }).check();
    for (const o of ppmi.options) assert.equal(await page.locator(`[data-option="${o.key}"]`).count(), 1, `a field for ${o.key}`);
    const dim = page.getByLabel('Dimensions', { exact: true });
    assert.equal(await dim.inputValue(), '100');
    assert.equal(await dim.getAttribute('min'), '1');
    assert.equal(await dim.getAttribute('max'), '2000');
    assert.match(await textOf(page, '[data-option="dim"]'), /Size of the word vectors \(d\)\. Default 100 · 1–2,000/);
    const choice = ppmi.options.find((o) => o.type === 'choice')!;
    assert.equal(await page.locator(`[data-option="${choice.key}"] select option`).count(), choice.choices!.length);
    assert.equal(await page.locator(`[data-option="${choice.key}"] select`).inputValue(), choice.default);
    const flag = ppmi.options.find((o) => o.type === 'boolean')!;
    assert.equal(await page.getByLabel(flag.label, { exact: true }).isChecked(), flag.default);
    const advanced = ppmi.options.filter((o) => o.advanced);
    assert.ok(advanced.length > 0);
    for (const o of advanced) assert.equal(await page.locator(`[data-option="${o.key}"]`).isVisible(), false, `${o.key} is folded`);
    await page.locator('summary', { hasText: 'Advanced' }).click();
    for (const o of advanced) assert.equal(await page.locator(`[data-option="${o.key}"]`).isVisible(), true, `${o.key} unfolds`);
    await page.locator('summary', { hasText: 'Advanced' }).click();
    // The newest corpus is chosen first.
    assert.equal(await page.getByLabel('Corpus').inputValue(), String(wideId));
    // Methods for GPUs are offered only where one answers (CI's llvmpipe is a software adapter).
    const gpu = (await lab.call('dynamics.backends', {})).some((b) => b.available && b.gpu);
    const gpuMethods = methods.filter((m) => m.offeredWithGpu);
    assert.deepEqual(gpuMethods.map((m) => m.id), ['sgns-tfjs']);
    await page.locator('.method-choice').first().waitFor();
    if (!gpu) await page.getByTestId('gpu-methods-held').waitFor();
    assert.equal(await page.getByRole('radio', { name: gpuMethods[0].label }).count(), gpu ? 1 : 0);
    if (!gpu) assert.match(await textOf(page, '[data-testid="gpu-methods-held"]'), /offered where a GPU answers, and none does here\. The command line runs it on the CPU anyway \(train --method sgns-tfjs\)/);
    assert.equal(await page.locator('.method-choice').count(), methods.length - (gpu ? 0 : 1));
    await page.screenshot({ path: join(resultsDir, 'runs-empty.png'), fullPage: true });
  });

  await t.test("a value out of range is refused with the engine's message, at the field", async () => {
    await page.getByLabel('Corpus').selectOption(String(topicsId));
    await page.getByLabel('Dimensions', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Start run' }).click();
    const error = page.getByTestId('run-form-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /PPMI-SVD option "dim" must be between 1 and 2000, not 0/);
    assert.match(await textOf(page, '[data-option="dim"] .option-error'), /between 1 and 2000/);
    assert.equal(await page.getByLabel('Dimensions', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal((await lab.call('run.list')).length, 0, 'nothing was started');
  });

  let runId = 0;
  await t.test('trains PPMI-SVD with d = 20 and lists the finished run', async () => {
    await page.getByLabel('Dimensions', { exact: true }).fill('20');
    assert.equal(await page.getByTestId('run-form-error').count(), 0, 'editing the field clears its error');
    await page.getByLabel('Run name (optional)').fill('Topics d=20');
    await page.getByRole('button', { name: 'Start run' }).click();
    const card = page.getByTestId('run-job').filter({ hasText: 'Topics d=20' });
    await card.waitFor(); // live, or already finished: the run is quick
    await card.and(page.locator('[data-status="done"]')).waitFor({ timeout: 30_000 });
    assert.match((await card.textContent()) ?? '', /Finished in .* Open run #\d+/);
    const [run] = await lab.call('run.list');
    runId = run.id;
    assert.equal(run.status, 'done');
    assert.equal(run.dim, 20);
    const row = page.locator(`[data-testid="run-table"] tr[data-run="${runId}"]`);
    await row.and(page.locator('[data-status="done"]')).waitFor();
    const cells = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(cells, /Topics d=20/);
    assert.match(cells, /Topics/);
    assert.match(cells, /PPMI-SVD/);
    assert.match(cells, /Done/);
    const nums = await row.locator('td.num').allTextContents();
    assert.deepEqual(nums.slice(0, 2), ['20', new Intl.NumberFormat('en-US').format(run.vocab!)]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'runs.png'), fullPage: true });
  });

  await t.test("the run's page: spectrum, phase timings, parameters, metrics, log", async () => {
    await page.getByTestId('run-job').filter({ hasText: 'Topics d=20' }).getByRole('link', { name: /Open run/ }).click();
    await page.getByTestId('run-detail').waitFor();
    assert.equal(new URL(page.url()).hash, `#/runs/${runId}`);
    assert.equal(await textOf(page, 'h1'), 'Topics d=20');
    const detail = await lab.call('run.get', { id: runId });
    assert.equal((detail.series.spectrum as number[]).length, 20);

    assert.ok((await page.locator('[data-testid="spectrum"] canvas').count()) >= 1, 'the spectrum plot draws on a canvas');
    const phases = await page.locator('[data-testid="phases"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase')));
    assert.deepEqual(phases, Object.keys(detail.phases));
    assert.ok(phases.includes('svd'), `an svd phase among ${phases.join(', ')}`);
    assert.match(await textOf(page, '[data-testid="phases"] li[data-phase="svd"]'), /SVD\s*[\d.]+ (ms|s)/);
    assert.equal(await textOf(page, '[data-param="dim"] .param-value'), '20');
    assert.equal(await textOf(page, '[data-param="dim"] dt'), 'Dimensionsdim');
    assert.equal(await textOf(page, '[data-param="dim"] .param-default'), 'default 100');
    assert.equal(await page.locator('[data-param="window"] .param-default').count(), 0, 'defaults are not annotated');
    assert.equal(await textOf(page, '[data-param="window"] .param-value'), '5');
    assert.equal(await page.locator('[data-testid="params"] [data-param]').count(), Object.keys(detail.params).length);
    assert.match(await textOf(page, '[data-metric="nnz"]'), /Non-zero entries/);
    assert.match(await textOf(page, '[data-testid="run-log"]'), /SPPMI matrix: \d+ × \d+/);
    assert.equal(await textOf(page, '[data-stat="dim"] dd'), '20');
    assert.equal(await page.getByRole('button', { name: 'Remove…' }).isEnabled(), true);
    await page.screenshot({ path: join(resultsDir, 'run-detail.png'), fullPage: true });
  });

  await t.test('renames the run in place', async () => {
    await page.getByRole('button', { name: /^Rename/ }).click();
    const input = page.getByLabel('Run name');
    await input.fill('Topics, twenty dimensions');
    await input.press('Enter');
    await page.getByRole('heading', { name: 'Topics, twenty dimensions', level: 1 }).waitFor();
    assert.equal((await lab.call('run.get', { id: runId })).name, 'Topics, twenty dimensions');
    // Escape leaves the name as it was.
    await page.getByRole('button', { name: /^Rename/ }).click();
    await page.getByLabel('Run name').fill('not this');
    await page.getByLabel('Run name').press('Escape');
    assert.equal(await textOf(page, 'h1'), 'Topics, twenty dimensions');
  });

  await t.test('the run page survives a reload', async () => {
    await page.reload();
    await page.getByTestId('run-detail').waitFor();
    assert.equal(await textOf(page, 'h1'), 'Topics, twenty dimensions');
    assert.ok((await page.locator('[data-testid="spectrum"] canvas').count()) >= 1);
  });

  await t.test("another run's changes leave this run's page and its charts as they are", async () => {
    const probe = page.locator('[data-testid="spectrum"] canvas[data-probe="kept"]');
    await page.locator('[data-testid="spectrum"] canvas').first().evaluate((c) => c.setAttribute('data-probe', 'kept'));
    let asked = 0;
    const onResponse = (r: { url(): string }): void => {
      if (r.url().endsWith('/api/call/run.get')) asked++;
    };
    page.on('response', onResponse);
    // Each 'changed' of runs makes this page ask for its run again; the answer is the same, so the
    // charts stay (they were drawn anew on every such event, whichever run it was about).
    const job = await lab.call('run.start', { corpusId: topicsId, method: 'ppmi-svd', params: { dim: 5 }, name: 'Another run' });
    const other = job.subject!.runId!;
    for (const t0 = Date.now(); (await lab.call('run.get', { id: other })).status !== 'done'; await page.waitForTimeout(50)) {
      assert.ok(Date.now() - t0 < 30_000, 'the other run finishes');
    }
    for (const t0 = Date.now(); asked < 2; await page.waitForTimeout(50)) assert.ok(Date.now() - t0 < 10_000, `the page asked again (${asked})`);
    await page.waitForTimeout(300); // the answers are applied
    page.off('response', onResponse);
    assert.equal(await probe.count(), 1, 'the same canvas, not a redrawn one');
    assert.equal(await textOf(page, 'h1'), 'Topics, twenty dimensions');
    await lab.call('run.remove', { id: other });
  });

  let longRun = 0;
  await t.test('a long M* run shows live progress, with a second run beside it', async () => {
    await page.getByRole('link', { name: '← All runs' }).click();
    await page.getByRole('heading', { name: 'New run' }).waitFor();
    await page.getByLabel('Corpus').selectOption(String(wideId));
    await page.getByRole('radio', { name: /Spectral M\*/ }).check();
    await page.getByLabel('Dimensions', { exact: true }).fill('200');
    await page.locator('summary', { hasText: 'Advanced' }).click();
    await page.getByLabel('Oversampling').fill('200');
    await page.getByLabel('Subspace iterations').fill('60');
    await page.getByLabel('Run name (optional)').fill('Long M*');
    await page.getByRole('button', { name: 'Start run' }).click();

    const card = page.locator('[data-testid="run-job"][data-status="running"]', { hasText: 'Long M*' });
    await card.locator('[data-phase="eigen"]', { hasText: 'products' }).waitFor({ timeout: 60_000 });
    longRun = Number(await card.getAttribute('data-run'));
    assert.ok(longRun > runId);
    assert.match(await textOf(page, '[data-testid="run-job"][data-status="running"] [data-phase="eigen"]'), /Eigenvectors · \d+ \/ \d+ products · \d+%/);
    assert.match((await card.textContent()) ?? '', /Elapsed\s*[\d.]+ (ms|s).*ETA for this phase/);
    assert.equal(await card.getByRole('progressbar').count(), 1);
    const row = page.locator(`[data-testid="run-table"] tr[data-run="${longRun}"]`);
    await row.and(page.locator('[data-status="running"]')).waitFor();

    // A second, quick run while the first is still training.
    await page.getByLabel('Corpus').selectOption(String(topicsId));
    await page.getByRole('radio', { name: /PPMI-SVD/ }).check();
    await page.getByLabel('Dimensions', { exact: true }).fill('10');
    await page.getByLabel('Run name (optional)').fill('Quick d=10');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('[data-testid="run-job"][data-status="done"]', { hasText: 'Quick d=10' }).waitFor({ timeout: 60_000 });
    assert.equal(await card.count(), 1, 'the long run is still live');
    // Once products are done, the card estimates the time left in the phase.
    await page.waitForFunction(
      () => {
        const card = [...document.querySelectorAll('[data-testid="run-job"][data-status="running"]')].find((c) => c.textContent?.includes('Long M*'));
        const eta = card?.querySelector('[data-figure="eta"] dd')?.textContent ?? '—';
        return /[1-9]\d* \/ \d+ products/.test(card?.textContent ?? '') && eta !== '—';
      },
      undefined,
      { timeout: 60_000 },
    );
    assert.match(await card.locator('[data-figure="eta"] dd').innerText(), /^\d+(\.\d)? s$|min|ms/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'runs-live.png'), fullPage: true });
  });

  await t.test("the running run's page follows it live, refuses removal, and cancels it", async () => {
    await page.locator(`[data-testid="run-table"] tr[data-run="${longRun}"] a`).click();
    const detail = page.locator('[data-testid="run-detail"][data-status="running"]');
    await detail.waitFor();
    const live = detail.locator('[data-testid="run-job"][data-status="running"]');
    await live.waitFor();
    assert.match((await live.textContent()) ?? '', /Eigenvectors · \d+ \/ \d+ products/);
    assert.equal(await page.getByRole('button', { name: 'Remove…' }).isDisabled(), true, 'a running run cannot be removed');
    await page.screenshot({ path: join(resultsDir, 'run-live-detail.png') });
    await live.getByRole('button', { name: /^Cancel/ }).click();
    await page.locator('[data-testid="run-detail"][data-status="cancelled"]').waitFor({ timeout: 20_000 });
    assert.equal((await lab.call('run.get', { id: longRun })).status, 'cancelled');
  });

  await t.test('the cancelled run says so plainly, in the list and on its page, and can be removed', async () => {
    await page.getByRole('link', { name: '← All runs' }).click();
    await page.locator('[data-testid="run-job"][data-status="cancelled"]', { hasText: 'Long M*' }).waitFor();
    await page.locator(`[data-testid="run-table"] tr[data-run="${longRun}"][data-status="cancelled"]`).waitFor();
    assert.match(await textOf(page, `[data-testid="run-table"] tr[data-run="${longRun}"] [data-testid="run-status"]`), /^Cancelled$/);
    await page.locator(`[data-testid="run-table"] tr[data-run="${longRun}"] a`).click();
    await page.getByTestId('run-detail').waitFor();
    assert.match(await textOf(page, '[data-testid="run-outcome"]'), /This run was cancelled before it finished\. No vectors were stored\./);
    assert.equal(await page.getByTestId('spectrum').count(), 0, 'no spectrum for a run that stopped');
    assert.match(await textOf(page, '[data-testid="run-log"]'), /cancelled$/);
    assert.equal(await page.getByRole('button', { name: 'Train again' }).isEnabled(), true);
    await page.screenshot({ path: join(resultsDir, 'run-cancelled.png') });
    await page.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    await page.locator(`[data-testid="run-table"] tr[data-run="${longRun}"]`).waitFor({ state: 'detached' });
    assert.deepEqual((await lab.call('run.list')).map((r) => r.name).sort(), ['Quick d=10', 'Topics, twenty dimensions']);
  });

  await t.test('the table sorts by a column, both ways', async () => {
    const names = (): Promise<string[]> =>
      page.locator('[data-testid="run-table"] tbody tr td:first-child').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
    assert.deepEqual(await names(), ['Quick d=10', 'Topics, twenty dimensions'], 'newest first');
    const dimHeader = page.getByRole('columnheader', { name: /Dim/ });
    await dimHeader.getByRole('button').click();
    assert.equal(await dimHeader.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await names(), ['Topics, twenty dimensions', 'Quick d=10']);
    await dimHeader.getByRole('button').press('Enter');
    assert.equal(await dimHeader.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await names(), ['Quick d=10', 'Topics, twenty dimensions']);
  });

  await t.test('an M* run plots its eigenvalues and marks the negative ones', async () => {
    const job = await lab.call('run.start', { corpusId: topicsId, method: 'mstar', params: { dim: 20 }, name: 'M* d=20' });
    const id = job.subject!.runId;
    await page.locator(`[data-testid="run-table"] tr[data-run="${id}"][data-status="done"]`).waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="run-table"] tr[data-run="${id}"] a`).click();
    await page.getByTestId('run-detail').waitFor();
    const run = await lab.call('run.get', { id });
    const ritz = run.series.ritzValues as number[];
    const negatives = ritz.filter((v) => v < 0).length;
    assert.ok(negatives > 0, 'M* has negative eigenvalues on this corpus');
    assert.ok((await page.locator('[data-testid="spectrum"] canvas').count()) >= 1);
    assert.match(await textOf(page, '.plot-figure figcaption'), new RegExp(`top 20 are kept as dimensions; ${negatives} of the ${ritz.length} computed are negative`));
    assert.match(await textOf(page, '.plot-figure'), /negative/, 'the legend names the negative series');
    assert.match(await textOf(page, '[data-metric="negativeEigenvalues"]'), new RegExp(`Negative eigenvalues found\\s*${negatives}`));
    assert.deepEqual(await page.locator('[data-testid="phases"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-phase'))), Object.keys(run.phases));
    await page.screenshot({ path: join(resultsDir, 'run-detail-mstar.png'), fullPage: true });
  });

  await t.test('an SGNS run plots its loss, speed and singular values by epoch', async () => {
    const job = await lab.call('run.start', { corpusId: topicsId, method: 'sgns', params: { dim: 20, epochs: 3 }, name: 'SGNS d=20' });
    const id = job.subject!.runId;
    await page.getByRole('link', { name: '← All runs' }).click();
    await page.locator(`[data-testid="run-table"] tr[data-run="${id}"][data-status="done"]`).waitFor({ timeout: 60_000 });
    await page.locator(`[data-testid="run-table"] tr[data-run="${id}"] a`).click();
    await page.getByTestId('run-detail').waitFor();
    const run = await lab.call('run.get', { id });
    for (const key of Object.keys(run.series)) {
      assert.equal(await page.locator(`[data-curve="${key}"] canvas`).count() >= 1, true, `a plot for ${key}`);
    }
    assert.ok(run.series.loss, 'SGNS records its loss');
    assert.match(await textOf(page, '[data-curve="loss"] h3'), /Training loss/);
    assert.equal(await page.getByTestId('spectrum').count(), 0);
    await page.screenshot({ path: join(resultsDir, 'run-detail-sgns.png'), fullPage: true });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
