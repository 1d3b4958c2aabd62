/**
 * Explain a pair from the run page: the counts, PMI and M*, the corpus windows where both words
 * occur (the pair marked), and each run's cosine and w·c against PMI − log k.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, textOf, topicWord, trainRun, watchPageErrors } from './harness.js';

test('the run page explains a pair: counts, PMI, M*, where they occur, and the run\'s w·c against PMI − log k', async (t) => {
  const { lab, browser } = await startBrowserLab(t);
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', topics: 6, wordsPerTopic: 20, sentences: 3000 }), 'Topics');
  const runId = await trainRun(lab, corpusId, 'sgns', { dim: 20, epochs: 3, minCount: 1, window: 4 }, 'SGNS to explain');
  const [w, c] = [topicWord(0, 1, 20), topicWord(0, 2, 20)];

  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const pageErrors = watchPageErrors(page);
  await page.goto(lab.server.url);
  await page.evaluate((id) => (location.hash = `#/runs/${id}`), runId);
  const card = page.getByTestId('explain-pair');
  await card.waitFor();
  await card.getByLabel('Word w').fill(w);
  await card.getByLabel('Context c').fill(c);
  await card.getByRole('button', { name: 'Explain' }).click();
  await card.getByTestId('explanation').waitFor({ timeout: 30_000 });

  const job = await lab.call('pair.explain', { runIds: [runId], w, c });
  let e;
  for (;;) {
    const s = (await lab.call('job.list')).find((j) => j.id === job.id)!;
    if (s.status !== 'running') {
      e = s.kind === 'explain' ? s.result! : null;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(e && e.counts.pair > 0, 'topic-mates co-occur');
  const stat = (k: string): Promise<string> => textOf(page, `[data-testid="explanation"] [data-stat="${k}"]`);
  assert.equal(await stat('pmi'), e.pmi!.toFixed(3));
  assert.equal(await stat('mstar'), e.mstar.toFixed(3).replace('-', '−'));
  assert.ok(Number((await stat('pair')).replace(/,/g, '')) > 0);
  const kwic = page.locator('[data-testid="kwic"] li');
  assert.ok((await kwic.count()) > 0);
  assert.equal(await kwic.first().locator('.kwic-w').textContent(), `${w} `);
  assert.equal(await kwic.first().locator('.kwic-c').textContent(), `${c} `);
  // SGNS kept its context vectors: w·c beside PMI − log 5.
  const row = page.locator(`.explain-runs tr[data-run="${runId}"]`);
  assert.match(await row.textContent() ?? '', new RegExp(`${(e.pmi! - Math.log(5)).toFixed(3).replace('-', '−')} \\(k = 5\\)`));
  assert.ok((await page.locator('[data-testid="by-pmi"] li').count()) > 0);
  await card.screenshot({ path: join(resultsDir, 'explain-pair.png') });
  assert.deepEqual(pageErrors, []);
});
