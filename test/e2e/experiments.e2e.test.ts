/**
 * An experiment made in the UI at 1100 px: the form with a value it refuses beside its field, the
 * plan's counts (runs per method, one count, the SVDs) before starting, the table filling live to
 * the end, sorted by a metric both ways, a plot with one line per method, the CSV download (its
 * header and rows as the engine's table has them), a pair explained in the experiment's runs,
 * an extension previewed then run, and removal keeping the runs; and an experiment's page that
 * follows its job, cancelled and resumed from it. Screenshots of the form with its plan, the table,
 * the plot and the whole page go to test-results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { experimentCsv } from '../../src/shared/experimentTable.js';
import type { ExperimentDetail } from '../../src/shared/contract.js';
import {
  ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, topicWord, watchPageErrors, writeTopicEvalSets, type LabServer, type TopicEvalSets,
} from './harness.js';

/** Boxes on the page that are wider than themselves (a box that scrolls sideways on purpose, or cuts with an ellipsis, is fine). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`the page: ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('main section, main .card, main form, main fieldset, main dl, main table, main label, main .xp-field')) {
      const s = getComputedStyle(el);
      if (el.clientWidth === 0 || s.overflowX === 'auto' || s.overflowX === 'scroll' || s.textOverflow === 'ellipsis') continue;
      if (el.closest('.xp-table-wrap, .table-wrap')) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${String(el.className)} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

/** axe-core's serious and critical findings in the view (the rail and the shell are other views' business). */
async function axeFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('main').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The numbers of a column of the results table, top to bottom. */
async function columnNumbers(page: Page, key: string): Promise<number[]> {
  const texts = await page.locator(`[data-testid="results-table"] tbody td[data-column="${key}"]`).allTextContents();
  return texts.map(Number);
}

/** The grid: PPMI-SVD eig {0, 1} × d {5, 10}, SGNS d {5, 10} with one epoch, scored on the topic sets; a refused value first. */
async function fillForm(page: Page, sets: TopicEvalSets): Promise<void> {
  const form = page.getByTestId('new-experiment');
  await form.getByTestId('xp-corpora').getByLabel('Topics').check();
  await form.getByTestId('xp-methods').getByLabel('PPMI-SVD', { exact: true }).check();
  await form.getByTestId('xp-methods').getByLabel('SGNS', { exact: true }).check();
  const input = (name: string) => form.locator(`[data-field="${name}"] input`);
  await input('grid.dim').fill('5, 0');
  assert.equal(await textOf(page, '[data-field="grid.dim"] .option-error'), 'Dimensions must be a whole number between 1 and 2000; 0 is below 1. (PPMI-SVD)');
  assert.equal(await form.getByRole('button', { name: /^Start/ }).isDisabled(), true, 'no start with a refused value');
  await input('grid.dim').fill('5, 10');
  await input('methodGrid.ppmi-svd.eig').fill('0 1');
  await input('methodGrid.sgns.epochs').fill('1');
  for (const set of ['Google', 'WordSim353']) await form.getByTestId('xp-eval').getByLabel(set, { exact: true }).uncheck();
  await form.getByLabel(/Your own set files/).fill(`${sets.analogy}\n${sets.similarity}`);
}

/** The plan, before anything runs: 6 runs (4 + 2), one co-occurrence count, one SPPMI matrix, one SVD at the larger d for all four; as the engine plans it. */
async function checkPlan(page: Page, lab: LabServer, corpusId: number, sets: TopicEvalSets): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-plan="runs"]')?.textContent === '6', null, { timeout: 15_000 });
  assert.equal(await textOf(page, '[data-plan="by-method"]'), '4 PPMI-SVD + 2 SGNS');
  assert.equal(await textOf(page, '[data-plan="counts"]'), '1 co-occurrence count');
  assert.equal(await textOf(page, '[data-plan="ppmi"]'), '1 SPPMI matrix');
  assert.equal(await textOf(page, '[data-plan="svds"]'), '1 SVD');
  assert.match(await textOf(page, '[data-plan="one-by-one"]'), /^one by one: /);
  const apiPlan = await lab.call('experiment.plan', {
    corpora: [corpusId], methods: ['ppmi-svd', 'sgns'], grid: { dim: [5, 10] }, methodGrid: { 'ppmi-svd': { eig: [0, 1] }, sgns: { epochs: [1] } }, eval: [sets.analogy, sets.similarity],
  });
  assert.deepEqual([apiPlan.count, apiPlan.sharing.counts.length, apiPlan.sharing.svds.length], [6, 1, 1], 'the engine plans what the form shows');
  assert.deepEqual(apiPlan.sharing.svds[0].cells.length, 4, 'd 5 takes the leading triplets of the d 10 SVD');
  assert.deepEqual(await lab.call('experiment.list'), [], 'the plan stored nothing');
}

/** Waits for every cell to be done, noting what the progress line said on the way; returns what it saw. */
async function followToEnd(page: Page, cells: number): Promise<string[]> {
  const seen = new Set<string>();
  const until = Date.now() + 240_000;
  for (;;) {
    seen.add(await textOf(page, '[data-testid="cells-done"]'));
    if (seen.has(`${cells} of ${cells} cells done`) && (await page.locator('[data-testid="results-table"] tbody tr[data-status="done"]').count()) === cells) return [...seen];
    assert.ok(Date.now() < until, `the experiment did not finish: ${[...seen].join('; ')}`);
    await page.waitForTimeout(100);
  }
}

/** Sort by a metric: best first, then worst first; aria-sort says which, and the numbers are the engine's. */
async function checkSort(page: Page, key: string, detail: ExperimentDetail): Promise<void> {
  const heading = page.locator(`[data-testid="results-table"] th[data-column="metric:${key}"]`);
  await heading.getByRole('button').click();
  assert.equal(await heading.getAttribute('aria-sort'), 'descending');
  const down = await columnNumbers(page, `metric:${key}`);
  assert.deepEqual(down, [...down].sort((a, b) => b - a));
  assert.deepEqual([...down].sort(), detail.rows.map((r) => Number(r.metrics[key]!.toFixed(4))).sort());
  await heading.getByRole('button').click();
  assert.equal(await heading.getAttribute('aria-sort'), 'ascending');
  const up = await columnNumbers(page, `metric:${key}`);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
}

/** The plot: accuracy against d, one line per method (PPMI-SVD's the best over eig, as the note says). */
async function checkPlot(page: Page): Promise<void> {
  const plot = page.getByTestId('metric-plot');
  await plot.locator('canvas').waitFor();
  assert.equal(await plot.getAttribute('data-lines'), '2');
  const legend = (await plot.locator('.u-legend .u-series th').allTextContents()).map((s) => s.trim());
  assert.deepEqual(legend.slice(1), ['PPMI-SVD', 'SGNS']);
  assert.match(await textOf(page, '[data-testid="plot-note"]'), /Other parameters vary too \(eig\)/);
  assert.ok(await plot.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width > 200 && c.height > 100));
  // The best per method and the spreads read the same metric.
  assert.equal(await page.locator('[data-testid="best-per-method"] tbody tr').count(), 2);
  assert.equal(await page.locator('[data-testid="parameter-spread"] tr[data-method="ppmi-svd"][data-param="eig"]').count(), 1);
}

/** Export CSV: the download is the engine's table (its header and a line per cell), named after the experiment. */
async function checkCsv(page: Page, detail: ExperimentDetail): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^experiment-${detail.id}-.*\\.csv$`));
  const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  const expected = experimentCsv(detail).trimEnd().split('\r\n');
  assert.equal(lines[0], expected[0]);
  assert.match(lines[0], /^#,method,dim,eig,epochs,/);
  assert.equal(lines.length, 1 + detail.rows.length);
  assert.deepEqual([...lines.slice(1)].sort(), [...expected.slice(1)].sort(), 'the same rows');
}

/** Explain a pair in the experiment's runs, an SGNS run first. */
async function explainInRuns(page: Page, detail: ExperimentDetail): Promise<void> {
  const sgnsRun = detail.rows.find((r) => r.method === 'sgns')!.runId!;
  const explain = page.getByTestId('xp-explain');
  await explain.getByLabel(/First run/).selectOption(String(sgnsRun));
  await explain.getByLabel('Word w').fill(topicWord(0, 1, 20));
  await explain.getByLabel('Context c').fill(topicWord(0, 2, 20));
  await explain.getByRole('button', { name: 'Explain' }).click();
  await explain.getByTestId('explanation').waitFor({ timeout: 30_000 });
  const runRows = explain.locator('.explain-runs tbody tr');
  assert.equal(await runRows.count(), detail.rows.length);
  assert.equal(await runRows.first().getAttribute('data-run'), String(sgnsRun));
  assert.ok(Number((await textOf(page, '[data-testid="explanation"] [data-stat="pair"]')).replace(/,/g, '')) > 0);
}

/** Extend d with 20 for every method: the dry run says what it adds (2 PPMI-SVD eig variants sharing one new SVD, 1 SGNS), then it runs. */
async function extendDim(page: Page, lab: LabServer, id: number): Promise<void> {
  await page.getByRole('button', { name: 'Extend…' }).click();
  const extend = page.getByTestId('xp-extend');
  assert.match(await extend.getByLabel('Parameter').locator('option:checked').textContent() ?? '', /^Dimensions \(dim\), every method$/);
  await extend.getByLabel('Values to add').fill('20');
  await extend.getByRole('button', { name: 'Preview' }).click();
  await extend.getByTestId('extend-plan').waitFor();
  assert.equal(await textOf(page, '[data-testid="extend-plan"] [data-plan="runs"]'), '3');
  assert.equal(await textOf(page, '[data-testid="extend-plan"] [data-plan="svds"]'), '1 SVD');
  assert.equal((await lab.call('experiment.get', { id })).cells, 6, 'the preview added nothing');
  await extend.getByRole('button', { name: 'Add 3 runs' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cells-done"]')?.textContent === '9 of 9 cells done', null, { timeout: 120_000 });
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').count(), 9);
  assert.equal(await page.getByTestId('metric-plot').getAttribute('data-lines'), '2');
}

test('an experiment from the UI: plan, start, the table filling, sort, plot, CSV, a pair explained, extend and remove', { timeout: 300_000 }, async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 6, wordsPerTopic: 20, sentences: 3000 }), 'Topics');
  const sets = writeTopicEvalSets(lab.dir, { topics: 6, wordsPerTopic: 20 });
  // A context of its own, as axe-core's scan needs.
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.getByRole('link', { name: 'Experiments', exact: true }).click();
  await page.getByTestId('experiments-empty').waitFor();

  const form = page.getByTestId('new-experiment');
  await fillForm(page, sets);
  await checkPlan(page, lab, corpusId, sets);
  assert.deepEqual(await overflowing(page), [], 'the form fits 1100 px');
  assert.deepEqual(await axeFindings(page), [], 'the form passes axe');
  await form.screenshot({ path: join(resultsDir, 'experiments-form.png') });

  // Start: the experiment's page, its table filling as the cells finish.
  await form.getByRole('button', { name: 'Start 6 runs' }).click();
  await page.waitForFunction(() => /^#\/experiments\/\d+$/.test(location.hash));
  const id = Number(await page.evaluate(() => location.hash.split('/')[2]));
  await page.getByTestId('results-table').waitFor();
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr').count(), 6);
  const seen = await followToEnd(page, 6);
  assert.ok(seen.some((s) => /^[1-5] of 6 cells done$/.test(s)), `the table filled while it ran (seen: ${seen.join('; ')})`);
  const detail = await lab.call('experiment.get', { id });
  assert.equal(detail.status, 'done');
  assert.equal(await page.getByRole('progressbar', { name: 'Cells done' }).getAttribute('aria-valuenow'), '100');

  await checkSort(page, sets.analogy, detail);
  assert.deepEqual(await overflowing(page), [], 'the experiment page fits 1100 px');
  assert.equal(await page.locator('.xp-table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth), true, 'this grid\'s table fits its card at 1100 px');
  await page.locator('.xp-results').screenshot({ path: join(resultsDir, 'experiments-table.png') });
  await checkPlot(page);
  await page.locator('.xp-plot-card').screenshot({ path: join(resultsDir, 'experiments-plot.png') });
  await checkCsv(page, detail);
  await explainInRuns(page, detail);
  assert.deepEqual(await axeFindings(page), [], 'the experiment page passes axe');
  await page.screenshot({ path: join(resultsDir, 'experiments-page.png'), fullPage: true });
  await extendDim(page, lab, id);

  // The list shows it done, 9 of 9; removing it keeps its runs.
  await page.getByRole('link', { name: '← All experiments' }).click();
  assert.equal(await textOf(page, `[data-experiment="${id}"] [data-column="cells"]`), '9 / 9');
  await page.getByRole('link', { name: detail.name, exact: true }).click();
  await page.getByRole('button', { name: 'Remove…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByTestId('experiments-empty').waitFor();
  assert.equal((await lab.call('run.list')).length, 9, 'its runs are kept');
  assert.deepEqual(pageErrors, []);
});

test('an experiment\'s page follows its job: the running cell\'s bar, Cancel, then Resume to the end', { timeout: 180_000 }, async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 6, wordsPerTopic: 20, sentences: 3000 }), 'Topics');
  // Three SGNS cells of a few seconds each (600 epochs over 27,000 tokens), so there is time to cancel one.
  const started = await lab.call('experiment.start', { corpora: [corpusId], methods: ['sgns'], grid: { dim: [10], epochs: [600], seed: [1, 2, 3] }, name: 'Seeds' });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const pageErrors = watchPageErrors(page);
  await page.goto(`${lab.server.url}#/experiments/${started.experiment.id}`);

  const cell = page.getByTestId('job-progress');
  await page.waitForFunction(() => / · training$/.test(document.querySelector('[data-testid="job-progress"]')?.getAttribute('data-phase') ?? ''), null, { timeout: 30_000 });
  assert.match(await cell.getAttribute('data-phase') ?? '', /^[1-3]\/3 SGNS .*seed=\d · training$/);
  assert.match(await textOf(page, '.xp-cell-name'), /^Cell [1-3]\/3 SGNS/);
  assert.equal(await page.getByTestId('run-status').first().textContent(), 'Running');

  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'Cancelled', null, { timeout: 30_000 });
  const cancelled = await lab.call('experiment.get', { id: started.experiment.id });
  assert.equal(cancelled.status, 'cancelled');
  assert.ok(cancelled.cellsDone < 3, 'cancelled before the end');
  const resume = page.getByRole('button', { name: `Resume (${3 - cancelled.cellsDone} left)` });
  await resume.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Extend…' }).isDisabled(), false, 'a stopped experiment can be extended');

  await resume.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="cells-done"]')?.textContent === '3 of 3 cells done', null, { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'Done', null, { timeout: 10_000 });
  const done = await lab.call('experiment.get', { id: started.experiment.id });
  assert.equal(done.status, 'done');
  assert.deepEqual(done.rows.map((r) => r.status), ['done', 'done', 'done']);
  assert.equal(await page.locator('[data-testid="results-table"] tbody tr[data-status="done"]').count(), 3);
  assert.equal(await page.getByRole('button', { name: /^Resume/ }).count(), 0, 'nothing left to resume');
  assert.deepEqual(pageErrors, []);
});
