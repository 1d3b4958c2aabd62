/**
 * Forms in a real Chromium: number fields show their whole value (the largest each takes),
 * and a value a field does not take is named beside it in a sentence that says what it takes,
 * before anything is sent: the Projector's fields (bounds from the contract) and the RAND-WALK
 * generator's (from its option spec).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { randWalkOptions } from '../../src/shared/randwalkOptions.js';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, trainRun, watchPageErrors } from './harness.js';

/** Number fields on the page whose largest value is wider than the room beside their arrows. */
function clippedNumberFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const clipped: string[] = [];
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLInputElement>('input[type="number"]')) {
      if (!el.offsetParent || !el.max) continue;
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 15; // the arrows
      if (ctx.measureText(el.max).width > room) clipped.push(`${el.name || el.id} (${el.max})`);
    }
    return clipped;
  });
}

test('forms: whole values in number fields, and sentences beside the fields before anything is sent', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 6, wordsPerTopic: 20, sentences: 1500 }), 'Topics');
  await trainRun(lab, corpusId, 'ppmi-svd', { dim: 10 }, 'Topics d=10');
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const pageErrors = watchPageErrors(page);
  await page.goto(lab.server.url);

  await t.test("the Projector's number fields hold their largest values whole, the seed's 2,147,483,647 included", async () => {
    await page.getByRole('link', { name: 'Projector' }).click();
    await page.getByTestId('projector-status').filter({ hasText: /PCA · [\d,]+ points/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('input[name="seed"]').getAttribute('max'), '2147483647', 'the bound comes from the contract');
    for (const method of ['PCA', 'UMAP', 't-SNE']) {
      await page.getByRole('radio', { name: method, exact: true }).check();
      assert.deepEqual(await clippedNumberFields(page), [], `${method}: every number field shows its largest value`);
    }
    await page.locator('input[name="seed"]').fill('2147483647');
    assert.equal(await page.locator('input[name="seed"]').evaluate((el) => el.scrollWidth <= el.clientWidth), true);
  });

  await t.test('an emptied or out-of-range field says so beside itself, and Project sends nothing', async () => {
    const before = (await lab.call('projection.list', {})).length;
    await page.getByRole('radio', { name: 'UMAP', exact: true }).check();
    await page.locator('input[name="seed"]').fill('');
    const seedError = page.getByTestId('seed-error');
    assert.equal(await seedError.textContent(), 'Seed needs a value: a whole number between 0 and 2,147,483,647.');
    assert.equal(await page.locator('input[name="seed"]').getAttribute('aria-invalid'), 'true');
    await page.locator('input[name="nNeighbors"]').fill('500');
    assert.equal(await page.getByTestId('nNeighbors-error').textContent(), 'Neighbours must be a whole number between 2 and 200; 500 is above 200.');
    await page.getByRole('button', { name: 'Run UMAP' }).click();
    assert.equal(await textOf(page, '[data-testid="projector-form-error"]'), 'Seed needs a value: a whole number between 0 and 2,147,483,647.');
    await page.screenshot({ path: join(resultsDir, 'forms-projector.png') });
    assert.equal((await lab.call('projection.list', {})).length, before, 'no projection was asked for');
    await page.locator('input[name="seed"]').fill('7');
    assert.equal(await seedError.count(), 0, 'a good value clears the sentence');
  });

  await t.test("the RAND-WALK generator's empty field is named with what it takes, beside it", async () => {
    await page.getByRole('link', { name: 'RAND-WALK' }).click();
    const vocab = page.locator('#opt-vocab');
    await vocab.fill('');
    await page.getByRole('button', { name: 'Generate' }).click();
    const error = page.locator('[data-option="vocab"] .option-error');
    await error.waitFor();
    const spec = randWalkOptions.find((o) => o.key === 'vocab')!;
    assert.equal(spec.type, 'int');
    const range = `between ${spec.min} and ${new Intl.NumberFormat('en-US').format(spec.max!)}`;
    assert.equal(await error.textContent(), `${spec.label} needs a value: a whole number ${range} (the default is ${spec.default}).`);
    assert.equal(await vocab.getAttribute('aria-invalid'), 'true');
    assert.equal((await lab.call('corpus.list')).length, 1, 'nothing was generated');
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
