/**
 * One live view of every job: with the UI open, a run and a corpus added from the CLI
 * on the same lab file appear without a reload, within 2 s of being stored, and the
 * run's progress moves; its card says which process runs it and it ends as done. And
 * progress tells the truth: at several moments the bar's width is the text's percent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { ingestFolder, makeTopicFolder, resultsDir, root, startBrowserLab, watchPageErrors } from './harness.js';

/** Starts the embedlab CLI on the lab file; its output is kept for a failure's message. */
function cli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(process.execPath, [join(root, 'bin/embedlab.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return { child, output: () => out, exited };
}

/** Polls the lab file itself (not the server) until `sql` returns a row; answers the row and when it came. */
async function storedRow<T>(dbPath: string, sql: string, timeoutMs: number): Promise<{ row: T; at: number }> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = db.prepare(sql).get() as T | undefined;
      if (row) return { row, at: performance.now() };
      if (Date.now() > until) throw new Error(`nothing for ${sql} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    db.close();
  }
}

/** In one instant: the card's percent text and its bar's rendered width, style width and aria value. */
function barAndText(page: Page, name: string) {
  return page.evaluate((title) => {
    const card = [...document.querySelectorAll('[data-testid="run-job"][data-status="running"]')].find((c) => c.textContent?.includes(title));
    const text = card?.querySelector('[data-testid="progress-percent"]')?.textContent ?? null;
    const track = card?.querySelector('[role="progressbar"]') as HTMLElement | null;
    const fill = track?.querySelector('.progress-fill') as HTMLElement | null;
    if (!card || !track || !fill || text === null) return null;
    return {
      text: Number(text.replace('%', '')),
      rendered: (fill.getBoundingClientRect().width / track.clientWidth) * 100,
      style: fill.style.width,
      aria: Number(track.getAttribute('aria-valuenow')),
      counts: card.querySelector('[data-testid="run-phase"]')?.textContent ?? '',
    };
  }, name);
}

test('a run and a corpus from the CLI appear live; the bar and its text agree', { timeout: 300_000 }, async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const dbPath = join(lab.dir, 'lab.db');
  const texts = makeTopicFolder(lab.dir, { name: 'topics', topics: 6, wordsPerTopic: 40, sentences: 24_000 });
  const corpusId = await ingestFolder(lab, texts, 'Topics');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.getByRole('link', { name: 'Runs' }).first().click();
  await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
  // The bar's rendered width is compared with its text: no easing in between.
  await page.addStyleTag({ content: '.progress-fill { transition: none !important; }' });

  const train = cli(['train', String(corpusId), '--method', 'sgns', '--dim', '32', '--epochs', '100', '--threads', '1', '--name', 'From the CLI', '--db', dbPath, '--json']);
  t.after(() => void train.child.kill());

  await t.test('the run appears within 2 s of being stored, marked as another process, and its progress moves', async () => {
    const { row, at: storedAt } = await storedRow<{ id: number }>(dbPath, "SELECT id FROM runs WHERE name = 'From the CLI'", 60_000);
    await page.locator(`[data-testid="run-table"] tr[data-run="${row.id}"][data-status="running"]`).waitFor({ timeout: 5000 });
    const listed = performance.now() - storedAt;
    assert.ok(listed < 2000, `the run was listed ${listed.toFixed(0)} ms after it was stored`);
    t.diagnostic(`run listed ${listed.toFixed(0)} ms after it was stored`);

    const { at: postedAt } = await storedRow(dbPath, "SELECT 1 FROM job_progress WHERE title LIKE '%From the CLI%' AND done > 0", 60_000);
    const card = page.locator('[data-testid="run-job"][data-status="running"]', { hasText: 'From the CLI' });
    await card.locator('[data-testid="progress-percent"]').waitFor({ timeout: 5000 });
    const shown = performance.now() - postedAt;
    assert.ok(shown < 2000, `its progress was shown ${shown.toFixed(0)} ms after it was stored`);
    t.diagnostic(`progress shown ${shown.toFixed(0)} ms after the job board had it`);
    assert.equal(await card.getAttribute('data-elsewhere'), String(train.child.pid));
    assert.equal(await card.getByTestId('job-elsewhere').innerText(), `running in another process (pid ${train.child.pid})`);
    assert.equal(await card.getByRole('button', { name: /Cancel/ }).count(), 0, 'another process\'s job is stopped there');

    const first = await card.getByTestId('run-phase').innerText();
    const t0 = performance.now();
    await page.waitForFunction(
      ([title, before]) => {
        const c = [...document.querySelectorAll('[data-testid="run-job"][data-status="running"]')].find((x) => x.textContent?.includes(title));
        return (c?.querySelector('[data-testid="run-phase"]')?.textContent ?? before) !== before;
      },
      ['From the CLI', first] as const,
      { timeout: 2000 },
    );
    assert.ok(performance.now() - t0 < 2000);
    assert.match(await card.locator('[data-figure="eta"] dd').innerText(), /^\d+(\.\d)? s$|min|ms|—/);
    await page.screenshot({ path: join(resultsDir, 'live-cli-run.png'), fullPage: true });
  });

  await t.test('at several moments the bar is as wide as the percent beside it says', async () => {
    const samples: NonNullable<Awaited<ReturnType<typeof barAndText>>>[] = [];
    for (let i = 0; i < 8 && train.child.exitCode === null; i++) {
      const s = await barAndText(page, 'From the CLI');
      if (s) samples.push(s);
      await new Promise((r) => setTimeout(r, 350));
    }
    assert.ok(samples.length >= 4, `${samples.length} samples while it ran`);
    t.diagnostic(`percent at ${samples.length} moments: ${samples.map((s) => s.text).join(', ')}`);
    assert.ok(new Set(samples.map((s) => s.text)).size >= 2, `the percent moved: ${samples.map((s) => s.text).join(', ')}`);
    for (const s of samples) {
      assert.equal(s.style, `${s.text}%`, `bar ${s.style} beside "${s.counts}"`);
      assert.equal(s.aria, s.text);
      assert.ok(Math.abs(s.rendered - s.text) < 0.5, `rendered ${s.rendered.toFixed(2)}% beside ${s.text}%`);
      const m = /([\d,]+) \/ ([\d,]+) \w+ · (\d+)%/.exec(s.counts);
      assert.ok(m, s.counts);
      const [done, total] = [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
      assert.equal(Math.floor((100 * done) / total), s.text, `${done} of ${total} is ${s.text}%`);
    }
  });

  await t.test('it ends as done, in its card and in the list', async () => {
    assert.equal(await train.exited, 0, train.output());
    await page.locator('[data-testid="run-job"][data-status="done"]', { hasText: 'From the CLI' }).waitFor({ timeout: 5000 });
    await page.locator('[data-testid="run-table"] tr[data-status="done"]', { hasText: 'From the CLI' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(resultsDir, 'live-cli-run-done.png'), fullPage: true });
  });

  await t.test('a corpus added from the CLI appears on the Corpora page within 2 s', async () => {
    await page.getByRole('link', { name: 'Corpora' }).first().click();
    await page.locator('[data-testid="corpus-table"]').waitFor();
    const add = cli(['corpus', 'add', texts, '--name', 'Added from the CLI', '--db', dbPath]);
    t.after(() => void add.child.kill());
    const { at } = await storedRow(dbPath, "SELECT 1 FROM corpora WHERE name = 'Added from the CLI'", 60_000);
    await page.locator('[data-testid="corpus-table"] tr', { hasText: 'Added from the CLI' }).waitFor({ timeout: 5000 });
    const shown = performance.now() - at;
    assert.ok(shown < 2000, `the corpus was listed ${shown.toFixed(0)} ms after it was stored`);
    t.diagnostic(`corpus listed ${shown.toFixed(0)} ms after it was stored`);
    assert.equal(await add.exited, 0, add.output());
    await page.screenshot({ path: join(resultsDir, 'live-cli-corpus.png'), fullPage: true });
  });

  assert.deepEqual(errors, []);
});
