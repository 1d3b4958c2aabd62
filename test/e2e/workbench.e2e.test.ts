/**
 * The workbench's gensim queries, in the browser: most_similar with several positive and negative words,
 * most_similar_cosmul, doesnt_match and similarity, asked of the selected runs, answering as gensim 4.2
 * does on the same vectors (the fixture's answers); and at 1100 px wide nothing on the page overflows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsDir, root, startBrowserLab, waitForJob, watchPageErrors } from './harness.js';
import { resultOf } from '../../src/shared/jobResult.js';

const fixtures = join(root, 'test', 'fixtures', 'queries');

test('gensim queries in the workbench give gensim\'s answers, and the page fits 1100 px', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const runIds: number[] = [];
  for (const name of ['Brown 400 (a)', 'Brown 400 (b)', 'Brown 400 (c)']) {
    const job = await lab.call('vectors.import', { source: { kind: 'path', path: join(fixtures, 'brown-400x25.txt') }, name });
    const imported = resultOf(await waitForJob(lab, job.id), 'import');
    assert.ok(imported, 'the fixture imports');
    runIds.push(imported.runId);
  }
  const gensim = JSON.parse(readFileSync(join(fixtures, 'gensim-answers.json'), 'utf8')).queries as { query: string; method?: string; positive?: string[]; negative?: string[]; answers?: [string, number][] }[];
  const add = gensim.find((q) => q.query === 'most_similar' && !q.method && q.negative!.length === 1)!;

  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const pageErrors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.getByRole('link', { name: 'Analogy' }).click();
  const card = page.getByTestId('gensim-queries');
  await card.waitFor();
  // Three runs asked at once.
  for (const id of runIds) {
    const box = page.locator(`label.run-chip[data-run="${id}"] input[type="checkbox"]`);
    if ((await box.count()) && !(await box.isChecked())) await box.check();
  }
  await card.getByLabel('Positive words').fill(add.positive!.join(', '));
  await card.getByLabel('Negative words').fill(add.negative!.join(' '));
  assert.equal(await card.getByTestId('gensim-call').textContent(), `kv.most_similar(positive=['${add.positive!.join("', '")}'], negative=['${add.negative![0]}'], topn=10)`);
  await card.getByRole('button', { name: 'Ask' }).click();
  const first = card.getByTestId('gensim-answer').first();
  await first.locator('.answer-word').first().waitFor();
  const words = await first.locator('.answer-word').allTextContents();
  assert.deepEqual(words, add.answers!.map((a) => a[0]), 'most_similar answers as gensim does');
  assert.equal(await card.getByTestId('gensim-answer').count(), 3, 'one answer per selected run');

  await card.getByLabel('Query').selectOption('doesnt_match');
  await card.getByLabel('Words').fill('man boy children house');
  await card.getByRole('button', { name: 'Ask' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="odd-word"]')?.textContent === 'children');

  await card.getByLabel('Query').selectOption('similarity');
  await card.getByLabel('Two words').fill('man zyzzyva');
  await card.getByRole('button', { name: 'Ask' }).click();
  await card.getByRole('alert').first().waitFor();
  assert.match(await card.getByRole('alert').first().textContent() ?? '', /Not in this run's vocabulary: "zyzzyva"/);

  // A question to the analogy form as well, then look for anything wider than its box.
  await page.getByTestId('analogy-form').getByLabel('a', { exact: true }).fill('men');
  await page.getByTestId('analogy-form').getByLabel('b', { exact: true }).fill('man');
  await page.getByTestId('analogy-form').getByLabel('c', { exact: true }).fill('children');
  await page.getByRole('button', { name: 'Solve' }).click();
  await page.getByTestId('answer').first().waitFor();
  const overflowing = await page.evaluate(() => [...document.querySelectorAll('main section, main .card, main table, main form')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto' && getComputedStyle(el).overflowX !== 'scroll')
    .map((el) => `${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`));
  await page.screenshot({ path: join(resultsDir, 'workbench-1100.png'), fullPage: true });
  assert.deepEqual(overflowing, [], 'no panel is wider than its box at 1100 px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
  assert.deepEqual(pageErrors.filter((e) => !/status of 404/.test(e)), []);
});
