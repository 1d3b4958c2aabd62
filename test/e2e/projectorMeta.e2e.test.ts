/**
 * The Projector as the TensorFlow Projector is used: search matches and a selection's
 * neighbours labelled in the picture (stacked with leader lines where points coincide),
 * custom axes named by their words, colour by frequency, k-means cluster, planted
 * RAND-WALK relation or a metadata.tsv column with a legend, and Isolate (the selection
 * and its neighbours projected alone, by PCA and by UMAP) and back to all points.
 * Screenshots: test-results/projector-{labels,isolated,axes,metadata,planted}.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, topicWord, trainRun, waitForJob, watchPageErrors } from './harness.js';
import type { Projection } from '../../src/shared/contract.js';
import { resultOf } from '../../src/shared/jobResult.js';

const TOPICS = 12;
const PER_TOPIC = 40;
const w = (t: number, i: number): string => topicWord(t, i, PER_TOPIC);

/** The words of the labels of a kind that are shown (placed on the canvas, not hidden for want of room). */
function shownLabels(page: Page, kind: string): Promise<string[]> {
  return page
    .locator(`.point-label[data-kind="${kind}"]`)
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.visibility === 'visible' && (e as HTMLElement).style.display !== 'none').map((e) => e.getAttribute('data-word') ?? ''));
}

/**
 * Waits until every word has a shown label of the kind. The predicate is a function, not a string: a
 * string is evaluated with eval() in the page, which the page's CSP (script-src 'self') refuses as
 * soon as the first check is false and polling starts.
 */
async function waitForLabels(page: Page, kind: string, words: string[]): Promise<void> {
  await page.waitForFunction(
    ({ kind, words }) => {
      const shown = new Set(
        [...document.querySelectorAll<HTMLElement>(`.point-label[data-kind="${kind}"]`)]
          .filter((e) => e.style.visibility === 'visible' && e.style.display !== 'none')
          .map((e) => e.dataset.word),
      );
      return words.every((w) => shown.has(w));
    },
    { kind, words },
    { timeout: 10_000 },
  );
}

/** A legend's entries: label → number of points. */
function legendCounts(page: Page, testid: string): Promise<Record<string, number>> {
  return page.locator(`[data-testid="${testid}"] li`).evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-category') ?? '', Number(e.getAttribute('data-count'))])));
}

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function status(page: Page, pattern: RegExp, timeout = 30_000): Promise<void> {
  await page.getByTestId('projector-status').filter({ hasText: pattern }).waitFor({ timeout });
}

test('projector: labels, named axes, colour by metadata with legends, isolate and back', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  // A RAND-WALK corpus with three planted relations, and a run on it (trained first: the view opens the newest run).
  const gen = await lab.call('randwalk.generate', { vocab: 300, dim: 16, tokens: 150_000, planted: 3, plantedPairs: 8, seed: 5, name: 'Walk' });
  const walkCorpus = resultOf(await waitForJob(lab, gen.id, 120_000), 'randwalk')!.corpusId;
  const walkRun = await trainRun(lab, walkCorpus, 'ppmi-svd', { dim: 16 }, 'Walk PPMI-SVD');
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: TOPICS, wordsPerTopic: PER_TOPIC, sentences: 8000 }), 'Topics');
  const runId = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 24 }, 'Topics PPMI-SVD d=24');
  const all: Projection = await lab.call('projection.get', { id: (await lab.call('projection.start', { runId, method: 'pca', top: 10000, dims: 3, seed: 1 })).id });

  const page = await browser.newPage({ viewport: { width: 1440, height: 940 } });
  const pageErrors = watchPageErrors(page);
  page.on('response', (r) => r.status() >= 400 && pageErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`));
  await page.goto(lab.server.url);
  await page.getByRole('link', { name: 'Projector' }).click();
  await status(page, new RegExp(`^PCA · ${all.points} points · 3D$`));

  await t.test('PCA axes are named with their share of the variance; frequency has a log ramp with ticks', async () => {
    for (const [k, axis] of ['x', 'y', 'z'].entries()) {
      assert.equal(await textOf(page, `.axis-label[data-axis="${axis}"]`), `PC${k + 1} · ${(all.explainedVariance![k] * 100).toFixed(1)}%`);
    }
    const ticks = await page.locator('[data-testid="frequency-legend"] [data-tick]').allTextContents();
    const lo = Math.min(...all.counts);
    const hi = Math.max(...all.counts);
    assert.match(await textOf(page, '[data-testid="frequency-legend"] .legend-title'), /log scale/);
    const value = (s: string): number => Number(s.replace(/[×k]/g, '')) * (s.includes('k') ? 1000 : 1);
    assert.ok(Math.abs(value(ticks[0]) - lo) <= 0.05 * lo && Math.abs(value(ticks[ticks.length - 1]) - hi) <= 0.05 * hi, `ends ${ticks.join(' ')} for ${lo}..${hi}`);
    const [a, b] = [Math.log10(lo), Math.log10(hi)];
    for (let e = Math.ceil(a); e <= b; e++) {
      const at = (e - a) / (b - a);
      if (at >= 0.12 && at <= 0.88) assert.ok(ticks.includes(e >= 3 ? `${10 ** (e - 3)}k×` : `${10 ** e}×`), `a tick at 10^${e}: ${ticks.join(' ')}`);
    }
  });

  await t.test('search labels each match in the picture', async () => {
    const words = [w(0, 3), w(2, 5), w(4, 1), w(6, 7), w(8, 2), w(10, 4)];
    await page.getByTestId('search').fill(`/^(${words.join('|')})$/`);
    assert.match(await textOf(page, '[data-testid="search-status"]'), /^6 matches/);
    await waitForLabels(page, 'hit', words);
    assert.deepEqual((await shownLabels(page, 'hit')).sort(), [...words].sort());
    await page.getByTestId('search').fill('');
  });

  const selected = w(3, 0);
  let neighbours: string[] = [];
  await t.test("a selection's neighbours are listed and every one is labelled, stacked where their points coincide", async () => {
    await page.getByTestId('search').fill(selected);
    await page.getByTestId('search').press('Enter');
    await page.getByTestId('selected-word').filter({ hasText: new RegExp(`^${selected}$`) }).waitFor();
    neighbours = (await lab.call('vectors.neighbors', { runId, word: selected, k: 10 })).neighbors.map((n) => n.word);
    await page.locator('[data-testid="neighbors"] li').nth(9).waitFor();
    assert.deepEqual(await page.locator('[data-testid="neighbors"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-word'))), neighbours);
    await page.getByTestId('search').fill('');
    await waitForLabels(page, 'neighbor', neighbours);
    assert.deepEqual((await shownLabels(page, 'neighbor')).sort(), [...neighbours].sort());
    assert.deepEqual(await shownLabels(page, 'selected'), [selected]);
    // A topic's words sit on one spot in PCA: their labels stand in a column, each with a line to its point.
    assert.match((await page.locator('.label-leaders path').getAttribute('d')) ?? '', /^M[\d.]+ [\d.]+L/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-labels.png') });
  });

  await t.test('Isolate projects the selection and its neighbours alone (PCA, then UMAP); Show all points brings the rest back', async () => {
    const host = page.getByTestId('projector-canvas');
    await page.getByTestId('isolate').filter({ hasText: 'Isolate 11 points' }).click();
    await status(page, /^PCA · 11 points · 3D · isolated · selected/);
    assert.equal(await host.getAttribute('data-points'), '11');
    assert.match(new URL(page.url()).hash, /words%3D/, 'the link keeps the isolated words');
    const started = await lab.call('projection.start', { runId, method: 'pca', top: 10000, dims: 3, seed: 1, words: [selected, ...neighbours] });
    assert.equal(started.status, 'ready', 'the view asked for the same projection');
    assert.equal((await lab.call('projection.get', { id: started.id })).points, 11);
    await waitForLabels(page, 'neighbor', neighbours);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-isolated.png') });
    await page.getByRole('radio', { name: /UMAP/ }).check();
    await page.getByLabel('Neighbours', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Run UMAP' }).click();
    await status(page, /^UMAP · 11 points · 3D · isolated/, 60_000);
    assert.equal(await host.getAttribute('data-points'), '11');
    await page.getByRole('radio', { name: /PCA/ }).check();
    await page.getByRole('button', { name: 'Project', exact: true }).click();
    await status(page, /^PCA · 11 points · 3D · isolated/);
    await page.getByTestId('show-all').click();
    await status(page, new RegExp(`^PCA · ${all.points} points · 3D · selected`));
    assert.equal(await host.getAttribute('data-points'), String(all.points));
    assert.doesNotMatch(new URL(page.url()).hash, /words%3D/);
    await page.getByRole('button', { name: 'Clear' }).click();
  });

  await t.test('custom axes are named by the words that define them, in the picture and in the panel', async () => {
    await page.getByRole('radio', { name: 'Custom axes' }).check();
    const axes = [[w(0, 0), w(1, 0)], [w(2, 0), w(3, 0)], [w(4, 0), `${w(5, 0)} ${w(5, 1)}`]];
    for (const [k, [minus, plus]] of axes.entries()) {
      const group = page.getByRole('group', { name: `Axis ${'xyz'[k]}` });
      await group.getByLabel('+ words').fill(plus);
      await group.getByLabel(/− words/).fill(minus);
    }
    await page.getByRole('button', { name: 'Project', exact: true }).click();
    await status(page, /^Custom axes · \d+ points · 3D$/);
    const names = [`${w(0, 0)} ⟶ ${w(1, 0)}`, `${w(2, 0)} ⟶ ${w(3, 0)}`, `${w(4, 0)} ⟶ ${w(5, 0)} + ${w(5, 1)}`];
    for (const [k, axis] of ['x', 'y', 'z'].entries()) {
      assert.equal(await textOf(page, `.axis-label[data-axis="${axis}"]`), names[k]);
      assert.equal(await page.locator(`.axis-label[data-axis="${axis}"]`).evaluate((e) => (e as HTMLElement).style.visibility), 'visible');
      assert.equal(await textOf(page, `[data-testid="axis-${axis}"]`), names[k]);
    }
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-axes.png') });
    await page.getByRole('radio', { name: /PCA/ }).check();
    await page.getByRole('button', { name: 'Project', exact: true }).click();
    await status(page, new RegExp(`^PCA · ${all.points} points · 3D$`));
  });

  await t.test('k-means clusters: one legend entry per cluster, the counts adding up to the points', async () => {
    await page.getByRole('radio', { name: 'Cluster' }).check();
    await page.getByLabel('k (clusters)').fill('6');
    await page.getByRole('button', { name: 'Compute k-means' }).click();
    await page.getByTestId('cluster-legend').waitFor({ timeout: 30_000 });
    const counts = await legendCounts(page, 'cluster-legend');
    assert.deepEqual(Object.keys(counts), ['1', '2', '3', '4', '5', '6']);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), all.points);
  });

  await t.test('a metadata.tsv: categories by the word column, a numeric column on a ramp, rows by order, a broken file named', async () => {
    await page.getByRole('radio', { name: 'Metadata' }).check();
    const topicOf = new Map<string, string>();
    for (let t2 = 0; t2 < TOPICS; t2++) for (let i = 0; i < PER_TOPIC; i++) topicOf.set(w(t2, i), `topic ${t2 + 1}`);
    const rows = all.words.map((word, k) => `${word}\t${topicOf.get(word) ?? 'function word'}\t${k + 1}`);
    const byWord = join(lab.dir, 'metadata.tsv');
    writeFileSync(byWord, `word\ttopic\trank\n${[...rows].reverse().join('\n')}\n`);
    await page.getByTestId('metadata-file').setInputFiles(byWord);
    assert.match(await textOf(page, '[data-testid="metadata-summary"]'), new RegExp(`metadata.tsv: ${all.points} rows × 3 columns`));
    assert.match(await textOf(page, '[data-testid="metadata-matched"]'), new RegExp(`^${all.points} of the points have a row, matched by the word column`));
    assert.deepEqual(await legendCounts(page, 'metadata-legend'), tally(all.words.map((word) => topicOf.get(word) ?? 'function word')));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-metadata.png') });
    await page.getByTestId('metadata-column').selectOption({ label: 'rank (numbers)' });
    await page.locator('[data-testid="metadata-legend"][data-legend="ramp"]').waitFor();
    const mid = Math.round(1 + (all.points - 1) / 2);
    assert.deepEqual(await page.locator('[data-testid="metadata-legend"] [data-tick]').allTextContents(), ['1', String(mid), String(all.points)]);
    const byOrder = join(lab.dir, 'parity.tsv');
    writeFileSync(byOrder, `${all.words.map((_, r) => (r % 2 ? 'odd row' : 'even row')).join('\n')}\n`);
    await page.getByTestId('metadata-file').setInputFiles(byOrder);
    await page.getByTestId('metadata-summary').filter({ hasText: /^parity\.tsv: / }).waitFor();
    assert.match(await textOf(page, '[data-testid="metadata-matched"]'), /matched by order/);
    assert.deepEqual(await legendCounts(page, 'metadata-legend'), { 'even row': Math.ceil(all.points / 2), 'odd row': Math.floor(all.points / 2) });
    const broken = join(lab.dir, 'broken.tsv');
    writeFileSync(broken, 'word\ttopic\nalpha\tone\nbeta\n');
    await page.getByTestId('metadata-file').setInputFiles(broken);
    assert.match(await textOf(page, '[data-testid="metadata-error"]'), /broken\.tsv, line 3: 1 column, but line 1 has 2/);
  });

  await t.test('planted RAND-WALK relations: explained away on a real corpus, a legend with each relation on a RAND-WALK run', async () => {
    await page.getByRole('radio', { name: 'Planted' }).check();
    assert.match(await textOf(page, '[data-testid="planted-note"]'), /not a RAND-WALK corpus/);
    await page.getByLabel('Run').selectOption(String(walkRun));
    await page.getByRole('button', { name: 'Project', exact: true }).click();
    await status(page, /^PCA · \d+ points · 3D$/);
    const walk: Projection = await lab.call('projection.get', { id: (await lab.call('projection.start', { runId: walkRun, method: 'pca', top: 10000, dims: 3, seed: 1 })).id });
    const planted = await lab.call('randwalk.planted', { corpusId: walkCorpus });
    const relationOf = new Map(planted.relations.flatMap((r) => r.pairs.flat().map((word) => [word, r.name] as const)));
    await page.getByTestId('planted-legend').waitFor();
    assert.deepEqual(await legendCounts(page, 'planted-legend'), tally(walk.words.map((word) => relationOf.get(word) ?? 'in no planted pair')));
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-planted.png') });
  });

  await t.test('no errors in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
