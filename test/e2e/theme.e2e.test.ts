/**
 * The light theme in a real Chromium: it follows the system's preference by default
 * (Playwright's colorScheme, and a live change of it), the rail's switch overrides it and
 * is remembered after a reload, and what canvases draw follows at once: a uPlot chart's axis
 * text is read back from its pixels, and the projector's WebGL background from its canvas.
 * Screenshots of three views in the light theme are in test-results (theme-light-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, trainRun, watchPageErrors } from './harness.js';

const DARK_BG = 'rgb(14, 19, 24)';
const LIGHT_BG = 'rgb(245, 247, 249)';

const rootBackground = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** The mean luminance (0–255) of the y axis's text as drawn on a uPlot chart's canvas. */
function axisLuminance(page: Page, chart = '[data-testid="spectrum"]'): Promise<number> {
  return page.evaluate((chart) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${chart} canvas`)!;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, Math.round(50 * ratio), canvas.height);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 160) continue; // the glyphs' cores, not their faint edges or the faint grid
      sum += 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      n++;
    }
    return n > 20 ? sum / n : -1;
  }, chart);
}

/** The projector's WebGL background: the colour of its canvas's top-left pixel. */
function projectorBackground(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const gl = document.querySelector<HTMLCanvasElement>('.projector-canvas')!;
    const c = document.createElement('canvas');
    c.width = 4;
    c.height = 4;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(gl, 0, 0, 4, 4, 0, 0, 4, 4);
    return [...ctx.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });
}

test('theme: follows the system, a remembered switch in the rail, charts and the projector redraw', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 8, wordsPerTopic: 30, sentences: 3000 }), 'Topics');
  const runId = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 16 }, 'Topics d=16');

  await t.test('a dark system gets the dark theme, a light one the light theme, with System chosen', async () => {
    for (const [scheme, bg] of [['dark', DARK_BG], ['light', LIGHT_BG]] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(lab.server.url);
      await page.getByRole('link', { name: 'Corpora' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme);
      assert.equal(await rootBackground(page), bg);
      assert.equal(await page.getByRole('radio', { name: 'System' }).isChecked(), true);
      await context.close();
    }
  });

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);

  await t.test('light views: the runs list and a run page, its chart drawn in the light colours', async () => {
    await page.goto(lab.server.url);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.locator(`[data-testid="run-table"] tr[data-run="${runId}"]`).waitFor();
    await page.screenshot({ path: join(resultsDir, 'theme-light-runs.png'), fullPage: true });
    await page.locator(`[data-testid="run-table"] tr[data-run="${runId}"] a`).click();
    await page.locator('[data-testid="spectrum"] canvas').first().waitFor();
    const light = await axisLuminance(page);
    assert.ok(light >= 0 && light < 120, `dark axis text on the light page (luminance ${light.toFixed(0)})`);
    await page.screenshot({ path: join(resultsDir, 'theme-light-run-detail.png'), fullPage: true });
  });

  await t.test('the switch changes the page and redraws a chart in place; the choice survives a reload', async () => {
    // The corpus's Zipf chart is drawn once; the switch redraws that very canvas in the new colours.
    await page.goto(page.url().replace(/#.*$/, `#/corpora/${corpusId}`));
    await page.locator('[data-testid="zipf"] canvas').first().waitFor();
    const zipf = '[data-testid="zipf"]';
    assert.ok((await axisLuminance(page, zipf)) < 120);
    await page.screenshot({ path: join(resultsDir, 'theme-light-corpus.png'), fullPage: true });
    const canvas = await page.locator(`${zipf} canvas`).first().elementHandle();
    await page.getByTestId('theme-switch').getByText('Dark', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.equal(await rootBackground(page), DARK_BG);
    const dark = await axisLuminance(page, zipf);
    assert.ok(dark > 140, `light axis text on the dark page (luminance ${dark.toFixed(0)})`);
    assert.equal(await canvas!.evaluate((c) => c.isConnected), true, 'the same chart was redrawn, not replaced');
    assert.equal(await page.locator(`${zipf} .uplot`).first().getAttribute('data-theme'), 'dark');
    assert.equal(await page.evaluate(() => localStorage.getItem('embedlab.theme')), 'dark');

    await page.goto(page.url().replace(/#.*$/, `#/runs/${runId}`));
    await page.reload();
    await page.locator('[data-testid="spectrum"] canvas').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'a light system, but Dark was chosen');
    assert.equal(await page.getByRole('radio', { name: 'Dark' }).isChecked(), true);
    assert.ok((await axisLuminance(page)) > 140);
    await page.screenshot({ path: join(resultsDir, 'theme-dark-run-detail.png'), fullPage: true });
  });

  await t.test('System follows a change of the system preference while the page is open', async () => {
    await page.getByTestId('theme-switch').getByText('System', { exact: true }).click();
    assert.equal(await page.evaluate(() => localStorage.getItem('embedlab.theme')), null);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    assert.ok((await axisLuminance(page)) > 140, 'the chart redrew for the dark system');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    assert.equal(await rootBackground(page), LIGHT_BG);
    assert.ok((await axisLuminance(page)) < 120);
  });

  await t.test("the projector's WebGL background follows the theme", async () => {
    await page.getByRole('link', { name: 'Projector' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /PCA · [\d,]+ points · 3D/ }).waitFor({ timeout: 30_000 });
    // A searched word is highlighted and labelled: the screenshot shows the label colours too.
    const projection = await page.locator('[data-testid="search"]');
    await projection.fill('ka');
    await page.locator('.point-label').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    assert.deepEqual(await projectorBackground(page), [251, 252, 253]);
    await page.screenshot({ path: join(resultsDir, 'theme-light-projector.png') });
    await page.getByTestId('theme-switch').getByText('Dark', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.waitForTimeout(300);
    assert.deepEqual(await projectorBackground(page), [11, 16, 21]);
    await page.screenshot({ path: join(resultsDir, 'theme-dark-projector.png') });
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
