/**
 * The run table in browser mode: metric, parameter and benchmark columns picked and sorted
 * (aria-sort), "New run like this" from a row and from a run's page (the form filled in),
 * several runs ticked for Compare and for export (each run's file downloaded), and the
 * new-run form's own checks (a sentence beside the field, nothing sent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, trainRun, waitForJob, watchPageErrors, writeTopicEvalSets } from './harness.js';

const table = '[data-testid="run-table"]';
const names = (page: Page): Promise<string[]> =>
  page.locator(`${table} tbody tr td:first-child`).evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));

test('run table: columns, sorting by a metric, New run like this, Compare and export of a selection, form checks', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const shape = { topics: 10, wordsPerTopic: 60 };
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', ...shape, sentences: 3000 }), 'Topics');
  // Three runs whose "Non-zero entries" differ (window 2 < window 6) or are missing (SGNS records none).
  const narrow = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 10, window: 2 }, 'Narrow window');
  const wide = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 12, window: 6 }, 'Wide window');
  const sgns = await trainRun(lab, corpusId, 'sgns', { dim: 8, epochs: 1 }, 'SGNS one epoch');
  const nnz = async (id: number): Promise<number> => (await lab.call('run.get', { id })).metrics.nnz;
  assert.ok((await nnz(wide)) > (await nnz(narrow)), `a wider window counts more pairs (${await nnz(wide)}, ${await nnz(narrow)})`);
  const sets = writeTopicEvalSets(lab.dir, shape);
  await waitForJob(lab, (await lab.call('eval.start', { runId: wide, similarity: [sets.similarity], analogy: [] })).id);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, colorScheme: 'dark' });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);

  await t.test('a metric column is picked, sorts both ways with aria-sort, and stays picked after a reload', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.locator(`${table} tbody tr`).nth(2).waitFor();
    assert.deepEqual(await names(page), ['SGNS one epoch', 'Wide window', 'Narrow window'], 'newest first');
    // At 1100 px the table fits its card with every fixed column and the row actions (names are cut, their title says them).
    await page.setViewportSize({ width: 1100, height: 900 });
    const fits = (): Promise<boolean> => page.locator('.run-table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.equal(await fits(), true, 'no horizontal scroll at 1100 px');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('column-picker').locator('summary').click();
    await page.getByRole('checkbox', { name: 'Non-zero entries' }).check();
    await page.getByRole('checkbox', { name: 'Window', exact: true }).check();
    await page.getByRole('checkbox', { name: /topic-similarity\.tsv ρ/ }).check();
    await page.keyboard.press('Escape');
    const header = page.getByRole('columnheader', { name: /Non-zero entries/ });
    assert.equal(await header.getAttribute('aria-sort'), 'none');
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await names(page), ['Wide window', 'Narrow window', 'SGNS one epoch'], 'largest first, the run without the metric last');
    const cells = await page.locator(`${table} tbody td[data-column="metric:nnz"]`).allTextContents();
    assert.deepEqual(cells, [await nnz(wide), await nnz(narrow)].map((n) => new Intl.NumberFormat('en-US').format(n)).concat('—'));
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await names(page), ['Narrow window', 'Wide window', 'SGNS one epoch'], 'smallest first, still the empty one last');
    // The benchmark column holds the stored Spearman ρ of the evaluated run only.
    const rho = (await lab.call('eval.get', { runId: wide })).similarity['topic-similarity.tsv']?.spearman;
    assert.equal(typeof rho, 'number');
    assert.equal(await textOf(page, `${table} tr[data-run="${wide}"] td[data-column="score:similarity:topic-similarity.tsv"]`), rho!.toFixed(3));
    assert.equal(await textOf(page, `${table} tr[data-run="${narrow}"] td[data-column="score:similarity:topic-similarity.tsv"]`), '—');
    assert.equal(await textOf(page, `${table} tr[data-run="${narrow}"] td[data-column="param:window"]`), '2');
    await page.screenshot({ path: join(resultsDir, 'run-table.png'), fullPage: true });
    assert.equal(await page.locator('.run-table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth), true, 'three picked columns fit at 1440 px');
    await page.reload();
    await page.locator(`${table} th[data-column="metric:nnz"]`).waitFor();
    assert.equal(await page.locator(`${table} th[data-column="param:window"]`).count(), 1, 'the picked columns are remembered');
  });

  await t.test('"New run like this" on a row fills the form with its corpus, method and parameters', async () => {
    await page.locator(`${table} tr[data-run="${narrow}"]`).getByRole('button', { name: /New run like this/ }).click();
    await page.getByTestId('new-run-like').waitFor();
    assert.equal(new URL(page.url()).hash, `#/runs/like-${narrow}`);
    assert.match(await textOf(page, '[data-testid="new-run-like"]'), /Filled in from “Narrow window” \(run #\d+\): its corpus, method and parameters/);
    assert.equal(await page.getByRole('radio', { name: /PPMI-SVD/ }).isChecked(), true);
    assert.equal(await page.getByLabel('Corpus').inputValue(), String(corpusId));
    assert.equal(await page.getByLabel('Dimensions', { exact: true }).inputValue(), '10');
    assert.equal(await page.getByLabel('Window', { exact: true }).inputValue(), '2');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-run-title', 'the filled form has the focus');
    await page.screenshot({ path: join(resultsDir, 'run-table-like.png') });
  });

  await t.test('"New run like this" on a run page does the same for an SGNS run', async () => {
    await page.locator(`${table} tr[data-run="${sgns}"] a`).click();
    await page.getByTestId('run-detail').waitFor();
    await page.getByRole('button', { name: 'New run like this' }).click();
    await page.getByTestId('new-run-like').waitFor();
    assert.equal(await page.getByRole('radio', { name: /^SGNS/ }).isChecked(), true);
    assert.equal(await page.getByLabel('Dimensions', { exact: true }).inputValue(), '8');
    assert.equal(await page.getByLabel('Epochs', { exact: true }).inputValue(), '1');
    // Starting it makes a run with exactly those parameters.
    await page.getByLabel('Run name (optional)').fill('SGNS again');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.locator('[data-testid="run-job"][data-status="done"]', { hasText: 'SGNS again' }).waitFor({ timeout: 60_000 });
    const again = (await lab.call('run.list')).find((r) => r.name === 'SGNS again')!;
    const first = await lab.call('run.get', { id: sgns });
    assert.deepEqual(again.params, first.params);
    assert.equal(new URL(page.url()).hash, '#/runs', 'the address no longer asks to fill the form');
  });

  await t.test('two ticked runs open Compare; three cannot', async () => {
    await page.locator(`${table} tr[data-run="${narrow}"]`).getByRole('checkbox').check();
    await page.locator(`${table} tr[data-run="${wide}"]`).getByRole('checkbox').check();
    assert.match(await textOf(page, '[data-testid="selection-bar"]'), /2 runs selected/);
    await page.locator(`${table} tr[data-run="${sgns}"]`).getByRole('checkbox').check();
    const compare = page.getByTestId('selection-bar').getByRole('button', { name: 'Compare' });
    assert.equal(await compare.isDisabled(), true);
    assert.match(await textOf(page, '[data-testid="selection-bar"]'), /Compare takes exactly two runs\./);
    await page.locator(`${table} tr[data-run="${sgns}"]`).getByRole('checkbox').uncheck();
    await page.screenshot({ path: join(resultsDir, 'run-table-selected.png') });
    await compare.click();
    await page.waitForURL(new RegExp(`#/compare/${narrow}-${wide}$`));
    await page.locator('.compare-pickers').waitFor();
    const picked = await page.locator('.compare-pickers select').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
    assert.deepEqual(picked.slice(0, 2), [String(narrow), String(wide)]);
  });

  await t.test('ticked runs export in one format, each run downloaded as its own file', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/runs'));
    await page.locator(`${table} tr[data-run="${narrow}"]`).getByRole('checkbox').check();
    await page.locator(`${table} tr[data-run="${wide}"]`).getByRole('checkbox').check();
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('batch-export-dialog');
    await dialog.getByRole('radio', { name: 'word2vec text' }).check();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await dialog.getByRole('button', { name: 'Export all 2' }).click();
    await dialog.locator('[data-testid="batch-export-run"][data-status="done"]').nth(1).waitFor({ timeout: 30_000 });
    for (let i = 0; i < 50 && downloads.length < 2; i++) await page.waitForTimeout(100);
    assert.equal(downloads.length, 2, 'one download per run');
    const byName = new Map<string, string>();
    for (const d of downloads) byName.set(d.suggestedFilename(), readFileSync((await d.path())!, 'utf8'));
    assert.deepEqual([...byName.keys()].sort(), [`Narrow-window-${narrow}.txt`, `Wide-window-${wide}.txt`]);
    const [vocab, dim] = (byName.get(`Wide-window-${wide}.txt`) ?? '').split('\n')[0].split(' ').map(Number);
    const run = await lab.call('run.get', { id: wide });
    assert.deepEqual([vocab, dim], [run.vocab, 12], 'word2vec text header "V d" of the wide run');
    await page.screenshot({ path: join(resultsDir, 'run-table-export.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await t.test('the form checks its fields first: a sentence beside the field, the field focused, nothing sent', async () => {
    const before = (await lab.call('run.list')).length;
    await page.getByRole('radio', { name: /PPMI-SVD/ }).check();
    const dim = page.getByLabel('Dimensions', { exact: true });
    await dim.fill('');
    await page.getByRole('button', { name: 'Start run' }).click();
    const error = page.locator('[data-option="dim"] .option-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Dimensions needs a value: a whole number between 1 and 2000 (the default is 100).');
    assert.equal(await dim.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'opt-dim');
    await dim.fill('2.5');
    await page.getByRole('button', { name: 'Start run' }).click();
    await error.waitFor();
    assert.equal(await error.textContent(), 'Dimensions must be a whole number between 1 and 2000; 2.5 is not a whole number.');
    assert.match(await textOf(page, '[data-testid="run-form-error"]'), /PPMI-SVD option "dim" is an integer from 1 to 2000, not 2\.5\./);
    // Text the browser cannot read as a number ("1e") is named as such, not as empty.
    await dim.fill('');
    await dim.pressSequentially('1e');
    await page.getByRole('button', { name: 'Start run' }).click();
    await error.waitFor();
    assert.equal(await error.textContent(), 'Dimensions must be a whole number between 1 and 2000; what is typed there is not a number.');
    await page.screenshot({ path: join(resultsDir, 'run-form-check.png') });
    assert.equal((await lab.call('run.list')).length, before, 'nothing was started');
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
