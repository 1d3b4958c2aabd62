/**
 * The first user path in browser mode: add a folder of text (by server path and
 * by upload), watch the ingest, read the statistics, reload, and check that the
 * server refuses requests without the token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { makeBigFolder, makeFixture, resultsDir, startBrowserLab, watchPageErrors } from './harness.js';

const fmt = (n: number): string => new Intl.NumberFormat('en-US').format(n);

async function statValue(page: Page, id: string): Promise<string> {
  return (await page.locator(`[data-stat="${id}"] dd`).textContent())?.trim() ?? '';
}

test('corpora: ingest by path and by upload, statistics, reload, token required', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const fixture = makeFixture(lab.dir);
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const pageErrors = watchPageErrors(page);

  await t.test('opens with the token and shows the empty state', async () => {
    await page.goto(lab.server.url);
    assert.equal(new URL(page.url()).search, '', 'the token is dropped from the address bar');
    await page.getByTestId('empty').waitFor();
    await page.screenshot({ path: join(resultsDir, 'corpora-empty.png') });
    // Every view is reachable from the rail and keeps its place in the address (hash routes).
    const rail = page.getByRole('navigation', { name: 'Views' });
    await rail.getByRole('link', { name: 'Runs' }).click();
    assert.match(page.url(), /#\/runs/);
    await rail.getByRole('link', { name: 'Corpora' }).click();
    assert.match(page.url(), /#\/corpora/);
  });

  await t.test('a folder that does not exist fails with a clear message', async () => {
    await page.getByLabel("Folder on the server's machine").fill(join(lab.dir, 'no-such-folder'));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const failed = page.locator('[data-testid="job"][data-status="failed"]');
    await failed.waitFor();
    assert.match((await failed.textContent()) ?? '', /Cannot read the folder .*no-such-folder.*Nothing was stored\./);
    await page.screenshot({ path: join(resultsDir, 'corpora-failed.png') });
    await failed.getByRole('button', { name: /Dismiss/ }).click();
  });

  let tokens = 0;
  await t.test('ingests a server folder typed into the path field', async () => {
    await page.getByLabel('Name (optional)').fill('Fixture texts');
    await page.getByLabel("Folder on the server's machine").fill(fixture.dir);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('[data-testid="job"]').first().waitFor(); // progress (or the finished job)
    await page.locator('[data-testid="job"][data-status="done"]').waitFor();
    await page.getByRole('heading', { name: 'Fixture texts', level: 2 }).waitFor();

    const [summary] = await lab.call('corpus.list');
    const detail = await lab.call('corpus.get', { id: summary.id });
    tokens = detail.tokens;
    assert.ok(tokens > 10_000, `a real token count (${tokens})`);
    assert.equal(await statValue(page, 'tokens'), fmt(detail.tokens));
    assert.equal(await statValue(page, 'types'), fmt(detail.types));
    assert.equal(await statValue(page, 'files'), fmt(fixture.textFiles));
    assert.equal(detail.files, fixture.textFiles);
    assert.equal(new URL(page.url()).hash, `#/corpora/${summary.id}`);

    assert.ok((await page.locator('[data-testid="zipf"] canvas').count()) >= 1, 'the Zipf plot draws on a canvas');
    const skipped = (await page.getByTestId('skipped').textContent()) ?? '';
    assert.match(skipped, new RegExp(`${fixture.skipped.binary}\\s*binary file`));
    assert.match(skipped, new RegExp(`${fixture.skipped.empty}\\s*empty file`));
    assert.equal(await page.getByTestId('top-words').locator('li').count(), detail.top.length);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'corpora.png') });
    await page.getByTestId('corpus-detail').screenshot({ path: join(resultsDir, 'corpora-detail.png') });

    // The file table pages: 100 rows at a time out of 500+.
    assert.equal(await page.getByTestId('file-table').locator('tbody tr').count(), 100);
    await page.getByRole('button', { name: 'Next' }).click();
    assert.match((await page.getByTestId('file-table').locator('tbody tr').first().textContent()) ?? '', /note-0096/);
  });

  await t.test('the corpus is still there after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Fixture texts', level: 2 }).waitFor();
    assert.equal(await page.getByTestId('corpus-table').locator('tbody tr').count(), 1);
    assert.equal(await statValue(page, 'tokens'), fmt(tokens));
  });

  await t.test('ingests the same folder through an upload', async () => {
    await page.getByLabel('Name (optional)').fill('Uploaded texts');
    await page.getByTestId('folder-input').setInputFiles(fixture.dir);
    await page.getByRole('heading', { name: 'Uploaded texts', level: 2 }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('corpus-table').locator('tbody tr').count(), 2);
    const list = await lab.call('corpus.list');
    const uploaded = list.find((c) => c.name === 'Uploaded texts');
    assert.ok(uploaded, 'a second corpus');
    assert.equal(uploaded.tokens, tokens, 'the same text gives the same tokens by upload as by path');
    assert.equal(await statValue(page, 'tokens'), fmt(tokens));
    await page.screenshot({ path: join(resultsDir, 'corpora-two.png'), fullPage: true });
  });

  await t.test('removes a corpus after confirmation', async () => {
    await page.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByTestId('corpus-detail').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="corpus-table"] tbody tr').length === 1);
    assert.equal((await lab.call('corpus.list')).length, 1);
  });

  await t.test('a long ingest shows its progress and can be cancelled', async () => {
    const big = makeBigFolder(lab.dir);
    const before = (await lab.call('corpus.list')).length;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByLabel("Folder on the server's machine").fill(big);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const job = page.locator('[data-testid="job"][data-status="running"]', { hasText: 'MB/s' });
    await job.waitFor();
    const figures = (await job.textContent()) ?? '';
    assert.match(figures, /Files\s*\d+ \/ 40/);
    assert.match(figures, /Read\s*[\d.]+ MB \/ 19\d\.\d MB/);
    assert.match(figures, /Tokens\s*[\d,]+/);
    assert.match(figures, /ETA/);
    await job.screenshot({ path: join(resultsDir, 'corpora-progress.png') });
    await job.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = page.locator('[data-testid="job"][data-status="cancelled"]');
    await cancelled.waitFor({ timeout: 15_000 });
    assert.match((await cancelled.textContent()) ?? '', /nothing was stored/);
    assert.equal((await lab.call('corpus.list')).length, before);
  });

  await t.test('requests and WebSockets without the token are refused', async () => {
    const base = `127.0.0.1:${lab.server.port}`;
    const res = await fetch(`http://${base}/api/call/corpus.list`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 401);
    const refused = await new Promise<number>((ok, fail) => {
      const ws = new WebSocket(`ws://${base}/api/events`);
      ws.on('unexpected-response', (_req, r) => ok(r.statusCode ?? 0));
      ws.on('open', () => fail(new Error('a WebSocket without the token was accepted')));
      ws.on('error', () => ok(-1));
    });
    assert.equal(refused, 401);
    const accepted = await new Promise<boolean>((ok) => {
      const ws = new WebSocket(`ws://${base}/api/events`, { headers: { authorization: `Bearer ${lab.server.token}`, origin: `http://${base}` } });
      ws.on('open', () => (ws.close(), ok(true)));
      ws.on('error', () => ok(false));
    });
    assert.ok(accepted, 'the same WebSocket with the token is accepted');
  });

  assert.deepEqual(pageErrors, [], 'no errors in the page console');
});
