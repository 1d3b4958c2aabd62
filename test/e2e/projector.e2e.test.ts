/**
 * The Projector in browser mode: PCA of a PPMI-SVD run trained through the API,
 * hover (a word), click (its neighbours in the original space, with cosines),
 * search, 2D, k-means colours, CSV and PNG out, UMAP on a small N, t-SNE paused
 * and resumed; hover picking timed on 50,000 points (performance marks), and the
 * frame time at 50,000 points while the view spins with labels shown (requestAnimationFrame).
 * Screenshots: test-results/projector*.png; figures: test-results/projector-perf.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, watchPageErrors, type LabServer } from './harness.js';
import { createRun, finishRun } from '../../src/engine/store/runs.js';
import { Rng } from '../../src/engine/base/random.js';
import type { Projection } from '../../src/shared/contract.js';

async function waitJob(lab: LabServer, id: number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const j = (await lab.call('job.list')).find((x) => x.id === id);
    if (j && j.status === 'done') return;
    if (j && j.status !== 'running') throw new Error(`job ${id} ${j.status}: ${j.error ?? ''}`);
    if (Date.now() > until) throw new Error(`job ${id} did not finish`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A finished run of 50,000 random 64-d vectors with Zipf counts, written straight to the store (for the picking figure). */
function insertBigRun(lab: LabServer, corpusId: number): number {
  const n = 50_000;
  const dim = 64;
  const rng = new Rng(77);
  const W = new Float32Array(n * dim);
  // A little structure (200 centres), so the cloud is not one ball.
  const centres = Array.from({ length: 200 }, () => Float32Array.from({ length: dim }, () => rng.normal()));
  for (let i = 0; i < n; i++) {
    const c = centres[i % 200];
    for (let t = 0; t < dim; t++) W[i * dim + t] = c[t] + 0.8 * rng.normal();
  }
  const words = Array.from({ length: n }, (_, i) => `word${String(i).padStart(5, '0')}`);
  const counts = Uint32Array.from({ length: n }, (_, i) => Math.max(1, Math.round(1e6 / (i + 1))));
  const id = createRun(lab.lab.db, { name: 'Random 50k × 64', corpusId, method: 'ppmi-svd', params: { dim } });
  finishRun(lab.lab.db, id, { vectors: { words, counts, dim, W }, series: {}, metrics: {}, phases: {}, seconds: 0, log: 'inserted by the projector test' });
  return id;
}

function stats(xs: number[]): { n: number; median: number; p95: number; max: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f: number): number => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Intervals between animation frames over `ms`, measured in the page while the view spins. */
async function frameIntervals(page: Page, ms: number): Promise<number[]> {
  await page.getByRole('button', { name: 'Spin' }).click();
  await page.waitForTimeout(300);
  const intervals: number[] = await page.evaluate(`new Promise((done) => {
    const out = []; let last = performance.now(); const until = last + ${ms};
    const tick = (t) => { out.push(t - last); last = t; if (t < until) requestAnimationFrame(tick); else done(out); };
    requestAnimationFrame(tick); })`);
  await page.getByRole('button', { name: 'Stop spinning' }).click();
  return intervals.slice(1);
}

async function pickTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => performance.getEntriesByName('projector-pick').map((e) => e.duration));
}

test('projector: PCA, hover, neighbours, search, 2D, clusters, exports, UMAP, t-SNE pause/resume, picking on 50k points', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const perf: Record<string, unknown> = {};

  // 12 topics × 40 words: clusters a projection should show.
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 12, wordsPerTopic: 40, sentences: 8000 }), 'Topics');
  const bigId = insertBigRun(lab, corpusId);
  const job = await lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 24 }, name: 'Topics PPMI-SVD d=24' });
  await waitJob(lab, job.id);
  const runId = job.subject!.runId;

  const page = await browser.newPage({ viewport: { width: 1440, height: 940 }, acceptDownloads: true });
  const pageErrors = watchPageErrors(page);
  page.on('response', (r) => r.status() >= 400 && pageErrors.push(`${r.status()} ${r.request().method()} ${r.url()} ${r.request().postData() ?? ''}`));

  let projection: Projection;
  await t.test('opens with PCA of the newest run', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'Projector' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /PCA · [\d,]+ points · 3D/ }).waitFor({ timeout: 30_000 });
    assert.match(new URL(page.url()).hash, new RegExp(`^#/projector/run%3D${runId}%26top%3D10000%26method%3Dpca%26dims%3D3%26seed%3D1$`));
    const started = await lab.call('projection.start', { runId, method: 'pca', top: 10000, dims: 3, seed: 1 });
    assert.equal(started.status, 'ready', 'the view asked for the same projection');
    projection = await lab.call('projection.get', { id: started.id });
    assert.ok(projection.points > 400, `${projection.points} words`);
    assert.equal(await page.locator('[data-testid="projector-canvas"] canvas').count(), 1, 'one WebGL canvas');
    assert.match(await textOf(page, '[data-param="method"]'), /MethodPCA/);
    assert.match(await textOf(page, '[data-param="explained"]'), /\d+\.\d% · \d+\.\d% · \d+\.\d%/);
    assert.match(await textOf(page, '[data-param="seed"]'), /Seed1/);
  });

  let word = '';
  let point = { x: 0, y: 0 };
  await t.test('search labels a word; hovering its point shows a word, and the tooltip follows the pointer', async () => {
    const target = projection.words[20];
    await page.getByTestId('search').fill(target);
    assert.match(await textOf(page, '[data-testid="search-status"]'), /\d+ match/);
    const label = page.locator(`.point-label[data-word="${target}"]`);
    await label.waitFor({ state: 'visible' });
    const box = (await label.boundingBox())!;
    // The label starts 7 px right of its point, centred on it vertically.
    point = { x: box.x - 7, y: box.y + box.height / 2 };
    await page.mouse.move(point.x, point.y);
    await page.getByTestId('hover-word').waitFor();
    // Topic words sit on top of each other in PCA: the word under the pointer is the target or one drawn at the same spot.
    word = await textOf(page, '[data-testid="hover-word"]');
    assert.ok(projection.words.includes(word), `"${word}" is a projected word`);
    const tip = (await page.getByTestId('hover-tip').boundingBox())!;
    assert.ok(Math.abs(tip.x - (point.x + 12)) < 20 && Math.abs(tip.y - (point.y - 30)) < 20, 'the tooltip sits beside the point');
    await page.mouse.move(point.x + 300, point.y + 200);
    const times = await pickTimes(page);
    assert.ok(times.length >= 1, 'picking is measured');
  });

  await t.test('a click selects the word and lists its neighbours in the original space, with cosines', async () => {
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('selected-word').filter({ hasText: new RegExp(`^${word}$`) }).waitFor();
    await page.locator('[data-testid="neighbors"] li').first().waitFor();
    const expected = await lab.call('vectors.neighbors', { runId, word, k: 10 });
    const items = await page.locator('[data-testid="neighbors"] li').evaluateAll((els) => els.map((e) => [e.getAttribute('data-word'), e.querySelector('.cos')?.textContent]));
    assert.equal(items.length, 10);
    assert.deepEqual(items.map((i) => i[0]), expected.neighbors.map((n) => n.word));
    assert.deepEqual(items.map((i) => i[1]), expected.neighbors.map((n) => n.cosine.toFixed(3)));
    // Clicking a neighbour in the list selects it.
    const second = expected.neighbors[1].word;
    await page.locator(`[data-testid="neighbors"] li[data-word="${second}"] button`).click();
    await page.getByTestId('selected-word').filter({ hasText: new RegExp(`^${second}$`) }).waitFor();
    word = second;
    await page.getByTestId('search').fill('');
    assert.match(await textOf(page, '[data-testid="projector-status"]'), new RegExp(`selected “${word}”`));
    assert.equal(await page.locator('.point-label[data-kind="selected"]').first().textContent(), word);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector.png') });
  });

  await t.test('colour by k-means cluster (a job), then CSV and PNG exports', async () => {
    await page.getByRole('radio', { name: 'Cluster' }).check();
    await page.getByRole('button', { name: 'Compute k-means' }).click();
    await page.getByTestId('cluster-legend').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[data-testid="cluster-legend"] li').count(), 10);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(csv.suggestedFilename(), new RegExp(`^projection-run${runId}-pca-3d-top\\d+\\.csv$`));
    const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
    assert.equal(rows[0], 'word,count,rank,x,y,z,cluster');
    assert.equal(rows.length, projection.points + 1);
    assert.ok(rows[1].startsWith(`${projection.words[0]},${projection.counts[0]},1,`));
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save PNG' }).click()]);
    const bytes = readFileSync((await png.path())!);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(bytes.length > 5000, 'with something drawn');
  });

  await t.test('2D toggle: a 2-component projection, panned and zoomed flat', async () => {
    await page.locator('.projector-toolbar label', { hasText: '2D' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /PCA · [\d,]+ points · 2D/ }).waitFor();
    assert.match(new URL(page.url()).hash, /dims%3D2/);
    await page.locator('[data-testid="neighbors"] li').first().waitFor();
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-2d.png') });
  });

  await t.test('UMAP with a small N runs as a job and finishes; its parameters are shown', async () => {
    await page.getByLabel('Top N words').fill('300');
    await page.getByRole('radio', { name: /UMAP/ }).check();
    await page.getByLabel('Neighbours', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Run UMAP' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /UMAP · 300 points · 2D/ }).waitFor({ timeout: 60_000 });
    assert.match(await textOf(page, '[data-param="method"]'), /UMAP/);
    assert.match(await textOf(page, '[data-param="nNeighbors"]'), /Neighbours12/);
    assert.match(await textOf(page, '[data-param="epochs"]'), /auto/);
    assert.match(await textOf(page, '[data-info="neighbourSpace"]'), /original/);
    assert.match(new URL(page.url()).hash, /method%3Dumap/);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-umap.png') });
  });

  await t.test('t-SNE shows progress, pauses with its state kept, and resumes to the end', async () => {
    // 2,000 points of the big run: long enough a job (seconds) to be paused before it ends; the topics run's
    // 300 points ran 3,000 iterations in well under a second with the grouped gradient, and ended before the click.
    await page.getByLabel('Run').selectOption(String(bigId));
    await page.getByLabel('Top N words').fill('2000');
    await page.getByRole('radio', { name: /t-SNE/ }).check();
    await page.getByLabel('Iterations').fill('3000');
    await page.getByLabel('Perplexity').fill('15');
    await page.getByRole('button', { name: 'Run t-SNE' }).click();
    const progress = page.getByTestId('projection-job');
    await progress.filter({ hasText: /t-SNE · \d+/ }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(resultsDir, 'projector-tsne-running.png') });
    await progress.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('paused').waitFor({ timeout: 15_000 });
    assert.match(await textOf(page, '[data-testid="paused"]'), /Paused at iteration [\d,]+ of 3,000/);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /^t-SNE · 2,000 points · 2D( · selected|$)/ }).waitFor({ timeout: 90_000 });
    assert.equal(await page.getByTestId('paused').count(), 0);
    assert.match(await textOf(page, '[data-info="iterations"]'), /3,000/);
  });

  await t.test('picking on 50,000 points answers well within a frame (performance marks)', async () => {
    await page.getByLabel('Run').selectOption(String(bigId));
    await page.getByLabel('Top N words').fill('50000');
    await page.getByRole('radio', { name: /PCA/ }).check();
    await page.locator('.projector-toolbar label', { hasText: '3D' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /PCA · 50,000 points · 3D/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('selected-word').waitFor({ state: 'detached' }).catch(() => {});
    const canvas = (await page.locator('[data-testid="projector-canvas"] canvas').boundingBox())!;
    await page.evaluate(() => performance.clearMeasures('projector-pick'));
    // First hovers after a render include building the screen grid; the rest are grid look-ups.
    const first: number[] = [];
    const all: number[] = [];
    let hits = 0;
    for (let r = 0; r < 3; r++) {
      // Orbit a little between rounds so that the grid is rebuilt.
      await page.mouse.move(canvas.x + canvas.width - 30, canvas.y + 30);
      await page.mouse.down();
      await page.mouse.move(canvas.x + canvas.width - 60, canvas.y + 40, { steps: 3 });
      await page.mouse.up();
      await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
      await page.evaluate(() => performance.clearMeasures('projector-pick'));
      for (let i = 0; i < 40; i++) {
        const x = canvas.x + canvas.width * (0.3 + 0.4 * ((i * 7) % 40) / 40);
        const y = canvas.y + canvas.height * (0.3 + 0.4 * ((i * 13) % 40) / 40);
        await page.mouse.move(x, y);
        if (await page.getByTestId('hover-word').count()) hits++;
      }
      const times = await pickTimes(page);
      first.push(times[0]);
      all.push(...times.slice(1));
    }
    const grid = stats(first);
    const lookups = stats(all);
    perf.pick50k = { points: 50_000, withGridBuildMs: grid, lookupMs: lookups, hoversThatFoundAWord: hits };
    console.log(`hover picking on 50,000 points: first hover after a camera move (grid build) max ${grid.max.toFixed(2)} ms; look-ups median ${lookups.median.toFixed(3)} ms, p95 ${lookups.p95.toFixed(3)} ms, max ${lookups.max.toFixed(3)} ms`);
    assert.ok(hits > 20, `most hovers over the dense middle find a word (${hits})`);
    assert.ok(grid.max < 16, `picking with a grid build answers in < 16 ms (${grid.max.toFixed(2)} ms)`);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: join(resultsDir, 'projector-50k.png') });
  });

  await t.test('frame time at 50,000 points while spinning, with search and neighbour labels, under 33 ms', async () => {
    // 100 matches (the 30 most frequent labelled), and Enter selects word00000 (its 10 neighbours labelled).
    await page.getByTestId('search').fill('word000');
    await page.getByTestId('search').press('Enter');
    await page.locator('[data-testid="neighbors"] li').nth(9).waitFor();
    const painter = await page.getByTestId('projector-canvas').getAttribute('data-painter');
    const visibleLabels = (): Promise<number> => page.locator('.point-label').evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.visibility === 'visible').length);
    // The neighbours' labels are placed on the frame after the list appears: wait for them (CI once counted
    // only the 30 search labels), then measure, then check that they were still shown after the spin.
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.point-label')].filter((e) => e.style.visibility === 'visible').length >= 35, null, { timeout: 10_000 }).catch(() => {});
    const before = await visibleLabels();
    const load = loadavg()[0];
    const spin = stats(await frameIntervals(page, 4000));
    const shown = Math.min(before, await visibleLabels());
    perf.frames50k = { points: 50_000, painter, labelsShown: shown, loadAverage: load, frameMs: spin };
    console.log(`frame time at 50,000 points, spinning, ${shown} labels, ${painter} painter (load average ${load.toFixed(1)} on ${availableParallelism()} cores): median ${spin.median.toFixed(1)} ms, mean ${spin.mean.toFixed(1)} ms, p95 ${spin.p95.toFixed(1)} ms over ${spin.n} frames`);
    assert.ok(shown >= 35, `the labels are on screen while it spins (${shown})`);
    assert.ok(spin.n >= 60, `it drew frames (${spin.n} in 4 s)`);
    assert.ok(spin.mean < 33 && spin.median < 33, `frames under 33 ms: mean ${spin.mean.toFixed(1)}, median ${spin.median.toFixed(1)}`);
    await page.screenshot({ path: join(resultsDir, 'projector-50k-labels.png') });
  });

  await t.test('no errors in the page', () => {
    writeFileSync(join(resultsDir, 'projector-perf.json'), JSON.stringify(perf, null, 2));
    assert.deepEqual(pageErrors, []);
  });
});
