/**
 * Evaluation, the analogy workbench and Compare in browser mode: a topic corpus,
 * three PPMI-SVD runs trained through the API, analogy and similarity files over
 * the corpus's own words (the shipped sets have none of them), an evaluation
 * started from a run's page with those files, answers from two runs side by
 * side, a pasted question list stepped through and scored, and two runs
 * compared (overlap, changed neighbourhoods, Procrustes, benchmark differences).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { ingestFolder, makeTopicFolder, resultsDir, startBrowserLab, topicWord, trainRun, waitForJob, watchPageErrors, writeTopicEvalSets } from './harness.js';

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** What a person reads in an element (innerText keeps the gaps between cells and blocks), whitespace collapsed. */
async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The text of an SVG element (which has no innerText). */
async function svgText(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

test('evaluation panel, analogy workbench and compare', async (t) => {
  const { lab, browser } = await startBrowserLab(t);

  const shape = { topics: 10, wordsPerTopic: 30 };
  const corpusId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'topics', ...shape, sentences: 4000 }), 'Topics');
  const sets = writeTopicEvalSets(lab.dir, shape);
  // Oldest first: a run over 4,500 words (for an evaluation long enough to cancel), a d = 10 run (for a Procrustes
  // that cannot apply), then the two runs compared.
  const wideId = await ingestFolder(lab, makeTopicFolder(lab.dir, { name: 'wide', topics: 150, wordsPerTopic: 30, sentences: 40_000, seed: 11 }), 'Wide');
  const wide = await trainRun(lab, wideId, 'ppmi-svd', { dim: 50 }, 'Wide PPMI');
  const small = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 10 }, 'PPMI d=10');
  const runA = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 20, window: 5 }, 'PPMI window 5');
  const runB = await trainRun(lab, corpusId, 'ppmi-svd', { dim: 20, window: 2 }, 'PPMI window 2');
  const fileSet = 'topic-analogies.txt';
  const simSet = 'topic-similarity.tsv';

  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // A word outside a run's vocabulary is a 404 answer to vectors.neighbors, which Chromium logs; anything else counts.
  const pageErrors = watchPageErrors(page, /status of 404 \(Not Found\)/);

  await t.test("evaluates a run from its page with the user's own sets", async () => {
    await page.goto(lab.server.url);
    await page.evaluate((id) => (location.hash = `#/runs/${id}`), runA);
    const panel = page.getByTestId('eval-panel');
    await panel.waitFor();
    await page.getByTestId('eval-empty').waitFor();
    assert.match(await text(page, '[data-testid="eval-empty"]'), /Not evaluated yet/);

    // The options popover: shipped sets stay on; our files are added by path; Escape closes it.
    await panel.getByRole('button', { name: /Options/ }).click();
    const options = page.getByRole('dialog', { name: 'Evaluation options' });
    await options.waitFor();
    assert.equal(await options.getByLabel('Google').isChecked(), true);
    assert.equal(await options.getByLabel('3CosMul').isChecked(), true);
    assert.equal(await options.getByLabel('Restrict to the most frequent words').inputValue(), '30000');
    await options.getByLabel('Your own analogy files').fill(sets.analogy);
    await options.getByLabel('Your own similarity files').fill(sets.similarity);
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'detached' });
    assert.match(await text(page, '[data-testid="eval-plan"]'), /Google, MSR, topic-analogies\.txt analogies \(3CosAdd \+ 3CosMul\) · 7 similarity sets · top 30,000 words/);

    await panel.getByRole('button', { name: 'Evaluate' }).click();
    await page.locator('[data-testid="eval-job"][data-status="done"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('eval-results').waitFor();
    const report = await lab.call('eval.get', { runId: runA });
    const add = report.analogy[fileSet].add!;
    const mul = report.analogy[fileSet].mul!;
    assert.equal(add.questions, sets.questions.length);
    assert.equal(add.oov, 1, 'the question with an unknown word is out of vocabulary');

    // Accuracy per method, with the counts and the OOV questions.
    const row = page.locator(`[data-testid="analogy-table"] tr[data-set="${fileSet}"]`);
    assert.equal(await row.locator('td[data-method="add"] .acc').textContent(), pct(add.accuracy));
    assert.equal(await row.locator('td[data-method="mul"] .acc').textContent(), pct(mul.accuracy));
    assert.match((await row.locator('td[data-method="add"]').textContent()) ?? '', new RegExp(`${add.correct} / ${add.total}`));
    assert.match(await text(page, `[data-testid="analogy-table"] tr[data-set="${fileSet}"]`), / 41 1 \(2%\)$/);
    // Google and MSR ran too: none of their words is in this corpus.
    const google = page.locator('[data-testid="analogy-table"] tr[data-set="google"]');
    assert.equal((await google.innerText()).replace(/\s+/g, ' ').trim(), 'Google no questions no questions 19,544 19,544 (100%)');

    // The per-section chart: the file's four sections in Google's groups, a bar per method.
    const chart = page.getByTestId('section-chart');
    assert.equal(await page.getByTestId('section-set').inputValue(), fileSet, 'the chart opens on a set with answers');
    assert.deepEqual(await chart.locator('[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section'))), sets.sections);
    assert.equal(await chart.locator('[data-group]').count(), 2);
    assert.match(await svgText(page, '[data-testid="section-chart"] [data-group="semantic"]'), /^Semantic — 3CosAdd [\d.]+% · 3CosMul [\d.]+% \(n = 20\)$/);
    const family = chart.locator('[data-section="family"] [data-series="3CosAdd"]');
    assert.equal(Number(await family.getAttribute('data-value')), add.sections.family.accuracy);
    assert.equal(await chart.locator('[data-section="family"] rect').count(), 2);

    // Similarity: ρ and the OOV rate of our pairs; the shipped sets are all out of vocabulary here.
    const sim = report.similarity[simSet];
    assert.ok(sim.spearman !== null && sim.spearman > 0.5, `within-topic pairs score higher (ρ = ${sim.spearman})`);
    const simRow = page.locator(`[data-testid="similarity-table"] tr[data-set="${simSet}"]`);
    assert.deepEqual(
      (await simRow.locator('td').allTextContents()).map((s) => s.trim()),
      [sim.spearman!.toFixed(3), String(sim.pairs), pct(sim.oovRatio)],
    );
    assert.match(await text(page, '[data-testid="similarity-table"] tr[data-set="ws353"]'), /WordSim353 — 0 100\.0%/);

    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(resultsDir, 'evaluation.png') });

    // Stored results show when the page opens again.
    await page.reload();
    await page.getByTestId('eval-results').waitFor();
    assert.equal(await page.locator(`[data-testid="analogy-table"] tr[data-set="${fileSet}"] td[data-method="add"] .acc`).textContent(), pct(add.accuracy));
    assert.equal(await page.getByTestId('eval-job').count(), 0, 'no stale job banner after a reload');
    assert.match(await text(page, '.eval-panel .btn-primary'), /Evaluate again/);
  });

  await t.test('a long evaluation shows its progress and can be cancelled; the earlier results stay', async () => {
    const first = await lab.call('eval.start', { runId: wide, analogy: [sets.analogy], similarity: [sets.similarity] });
    assert.equal((await waitForJob(lab, first.id)).status, 'done');
    // 100,000 questions over 4,500 words: many seconds of work.
    const lines = [': many'];
    for (let n = 0; n < 100_000; n++) {
      const t0 = n % 150;
      const u = (t0 + 1 + (n % 149)) % 150;
      lines.push([topicWord(t0, n % 30, 30), topicWord(t0, (n * 7 + 3) % 30, 30), topicWord(u, n % 30, 30), topicWord(u, (n * 7 + 3) % 30, 30)].join(' '));
    }
    const big = join(lab.dir, 'many-questions.txt');
    writeFileSync(big, `${lines.join('\n')}\n`);

    await page.evaluate((id) => (location.hash = `#/runs/${id}`), wide);
    const panel = page.getByTestId('eval-panel');
    await page.locator(`[data-testid="analogy-table"] tr[data-set="${fileSet}"]`).waitFor();
    await panel.getByRole('button', { name: /Options/ }).click();
    const options = page.getByRole('dialog', { name: 'Evaluation options' });
    await options.getByLabel('Your own analogy files').fill(big);
    await options.getByRole('button', { name: 'Done' }).click();
    await panel.getByRole('button', { name: 'Evaluate again' }).click();
    const live = page.locator('[data-testid="eval-job"][data-status="running"]');
    await live.waitFor();
    assert.equal(await live.getByRole('progressbar').count(), 1);
    assert.equal(await panel.getByRole('button', { name: 'Evaluating…' }).isDisabled(), true, 'one evaluation at a time');
    await live.locator('.phase-name', { hasText: /Analogies · / }).waitFor();
    assert.match(await text(page, '[data-testid="eval-job"]'), /Analogies · (Google|MSR|many-questions\.txt) [\d,]+ \/ [\d,]+ questions/);
    await live.getByRole('button', { name: 'Cancel' }).click();
    const ended = page.locator('[data-testid="eval-job"][data-status="cancelled"]');
    await ended.waitFor({ timeout: 30_000 });
    assert.match(await text(page, '[data-testid="eval-job"]'), /Evaluation cancelled — the results below \(if any\) are the earlier ones\./);
    const report = await lab.call('eval.get', { runId: wide });
    assert.equal(report.analogy['many-questions.txt'], undefined, 'a cancelled evaluation stores nothing');
    assert.equal(await page.locator('[data-testid="analogy-table"] tr[data-set="many-questions.txt"]').count(), 0);
    assert.equal(await page.locator(`[data-testid="analogy-table"] tr[data-set="${fileSet}"]`).count(), 1);
  });

  await t.test('the analogy workbench answers from two runs side by side', async () => {
    // Run B is evaluated through the API, so Compare has two evaluations.
    const job = await lab.call('eval.start', { runId: runB, analogy: [sets.analogy], similarity: [sets.similarity] });
    assert.equal((await waitForJob(lab, job.id)).status, 'done');

    await page.getByRole('link', { name: 'Analogy' }).click();
    await page.getByRole('heading', { name: 'Analogy workbench' }).waitFor();
    // The two newest finished runs are chosen first; the prefilled example is man : king :: woman.
    assert.equal(await page.locator(`.run-chip[data-run="${runA}"] input`).isChecked(), true);
    assert.equal(await page.locator(`.run-chip[data-run="${runB}"] input`).isChecked(), true);
    assert.equal(await page.locator(`.run-chip[data-run="${small}"] input`).isChecked(), false);
    assert.equal(await page.getByLabel('a', { exact: true }).inputValue(), 'man');

    // Those words are not in this corpus: each run says which are missing.
    await page.getByRole('button', { name: 'Solve' }).click();
    await page.getByTestId('answer').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('missing').allTextContents(), [
      "Not in this run's vocabulary: man, king, woman.",
      "Not in this run's vocabulary: man, king, woman.",
    ]);

    // A question whose expected answer run A ranks in its top 10.
    let chosen: { words: [string, string, string, string]; rank: number } | null = null;
    for (const q of sets.questions.slice(0, -1)) {
      const [a, b, c, d] = q.words;
      const [ans] = await lab.call('vectors.analogy', { runIds: [runA], a, b, c, k: 10 });
      const rank = ans.add!.findIndex((x) => x.word === d);
      if (rank >= 0) {
        chosen = { words: q.words, rank: rank + 1 };
        break;
      }
    }
    assert.ok(chosen, 'some expected answer is in the top 10');
    const [a, b, c, d] = chosen.words;
    await page.getByLabel('a', { exact: true }).fill(a);
    await page.getByLabel('b', { exact: true }).fill(b);
    await page.getByLabel('c', { exact: true }).fill(c);
    await page.getByLabel('expected (optional)').fill(d);
    await page.getByLabel('Top k').fill('10');
    await page.getByLabel('Top k').press('Enter');
    await page.locator('.answers-title', { hasText: `${a} : ${b} :: ${c} : ${d}` }).waitFor();
    const api = await lab.call('vectors.analogy', { runIds: [runA, runB], a, b, c, k: 10 });
    for (const ans of api) {
      const card = page.locator(`[data-testid="answer"][data-run="${ans.runId}"]`);
      assert.deepEqual(await card.locator('td[data-method="add"]').allTextContents(), ans.add!.map((x) => x.word), `3CosAdd answers of run ${ans.runId}`);
      assert.deepEqual(await card.locator('td[data-method="mul"]').allTextContents(), ans.mul!.map((x) => x.word), `3CosMul answers of run ${ans.runId}`);
      assert.equal((await card.locator('.answer-score').first().textContent())?.trim(), ans.add![0].score.toFixed(3));
    }
    const cardA = page.locator(`[data-testid="answer"][data-run="${runA}"]`);
    assert.equal(await cardA.locator('td.answer-word.answer-hit[data-method="add"]').textContent(), d, 'the expected word is highlighted');
    assert.match(await cardA.locator('th').nth(1).innerText(), chosen.rank === 1 ? /✓ right/ : new RegExp(`“${d}” is #${chosen.rank}`));

    // A pasted question list: choose a section, step through it, score it.
    await page.getByTestId('questions-text').fill(sets.analogyText);
    assert.match(await text(page, '[data-testid="questions-count"]'), /^41 questions in 4 sections$/);
    await page.getByTestId('stepper').getByLabel('Section', { exact: true }).selectOption('capital-common-countries');
    const capitals = sets.questions.filter((q) => q.section === 'capital-common-countries');
    await page.getByRole('button', { name: 'First question →' }).click();
    await page.locator('.answers-title', { hasText: capitals[0].words.join(' : ').replace(/ : (\S+) : /, ' : $1 :: ') }).waitFor();
    assert.equal(await text(page, '[data-testid="stepper-pos"]'), '1 / 10');
    assert.equal(await page.getByLabel('expected (optional)').inputValue(), capitals[0].words[3]);
    await page.getByRole('button', { name: 'Next →' }).click();
    assert.equal(await text(page, '[data-testid="stepper-pos"]'), '2 / 10');
    await page.locator('.answers-title', { hasText: `${capitals[1].words[0]} : ${capitals[1].words[1]} :: ${capitals[1].words[2]}` }).waitFor();

    await page.getByRole('button', { name: 'Score the section' }).click();
    const scores = page.getByTestId('score-table');
    await scores.locator('tbody tr').nth(9).waitFor();
    await page.getByRole('button', { name: 'Score the section' }).waitFor(); // scoring finished
    // Which runs get each question right: the tally is the runs' own count, and agrees with the evaluation.
    const evalA = (await lab.call('eval.get', { runId: runA })).analogy[fileSet].add!.sections['capital-common-countries'].correct;
    const evalB = (await lab.call('eval.get', { runId: runB })).analogy[fileSet].add!.sections['capital-common-countries'].correct;
    assert.equal(await text(page, `[data-tally="${runA}-add"]`), `${evalA} / 10`);
    assert.equal(await text(page, `[data-tally="${runB}-add"]`), `${evalB} / 10`);
    assert.equal(await scores.locator('tbody tr.score-current').count(), 1, 'the current question is marked');

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'analogy.png'), fullPage: true });
  });

  await t.test('compare: overlap, changed neighbourhoods, Procrustes and benchmark differences', async () => {
    await page.getByRole('link', { name: 'Compare' }).click();
    await page.getByTestId('compare-body').waitFor();
    // Without a pair in the address, the two newest runs: the older as A.
    assert.equal(await page.getByTestId('run-a').inputValue(), String(runA));
    assert.equal(await page.getByTestId('run-b').inputValue(), String(runB));
    const report = await lab.call('run.compare', { a: runA, b: runB, k: 10, probes: 1000 });

    assert.match(await text(page, '[data-testid="overlap"]'), new RegExp(`Neighbour overlap@10 ${pct(report.meanOverlap).replace('.', '\\.')}`));
    assert.match(await text(page, '[data-testid="overlap"]'), new RegExp(`over all ${report.sharedWords} words the runs share`));

    // Same dimension: B rotates onto A, and the residual drops.
    assert.ok(report.procrustes.applicable);
    assert.ok(report.procrustes.residual! < report.procrustes.residualBefore!);
    assert.equal(await text(page, '[data-residual="before"] .residual-value'), report.procrustes.residualBefore!.toFixed(3));
    assert.equal(await text(page, '[data-residual="after"] .residual-value'), report.procrustes.residual!.toFixed(3));

    // The words whose neighbourhoods changed most, with both neighbour lists.
    const changed = page.locator('[data-testid="changed-most"] tbody tr');
    assert.equal(await changed.count(), report.changedMost.length);
    const first = report.changedMost[0];
    assert.equal(await changed.first().getAttribute('data-word'), first.word);
    assert.equal(await text(page, '[data-testid="changed-most"] tbody tr td:nth-child(2)'), `${(100 * first.overlap).toFixed(0)}%`);
    assert.equal(await text(page, '[data-testid="changed-most"] tbody tr td:nth-child(3)'), first.neighborsA.join(' '));

    // Benchmarks side by side, and the per-section differences B − A.
    const evalA = report.evalA.analogy[fileSet].add!;
    const evalB = report.evalB.analogy[fileSet].add!;
    const metric = page.locator(`[data-testid="compare-metrics"] tr[data-metric="${fileSet}-add"] td`);
    assert.deepEqual((await metric.allTextContents()).slice(0, 2), [pct(evalA.accuracy), pct(evalB.accuracy)]);
    assert.match(await text(page, '[data-testid="metrics-hidden"]'), /Google, MSR, WordSim353/);
    const diffs = page.getByTestId('section-diff-chart');
    assert.equal(await diffs.locator('[data-section]').count(), 4);
    const sec = 'capital-common-countries';
    const diff = Number(await diffs.locator(`[data-section="${sec}"] [data-value]`).getAttribute('data-value'));
    assert.ok(Math.abs(diff - (evalB.sections[sec].accuracy - evalA.sections[sec].accuracy)) < 1e-12);

    // The first changed word is the first query: each run's neighbours, the shared ones highlighted.
    await page.locator('[data-testid="neighbours-a"] li').nth(9).waitFor();
    const [na, nb] = await Promise.all([runA, runB].map((runId) => lab.call('vectors.neighbors', { runId, word: first.word, k: 10 })));
    const shared = na.neighbors.filter((x) => nb.neighbors.some((y) => y.word === x.word)).map((x) => x.word);
    assert.deepEqual(await page.locator('[data-testid="neighbours-a"] .neighbour-word').allTextContents(), na.neighbors.map((x) => x.word));
    assert.deepEqual(await page.locator('[data-testid="neighbours-a"] li.shared .neighbour-word').allTextContents(), shared);
    assert.match(await text(page, '[data-testid="query-overlap"]'), new RegExp(`^${shared.length} of the top 10 neighbours of ${first.word} are shared`));

    // Another word from the changed list; then an unknown word, which each run reports.
    const second = report.changedMost[1].word;
    await page.locator('[data-testid="changed-most"] .word-button', { hasText: new RegExp(`^${second}$`) }).click();
    await page.locator('[data-testid="query-overlap"]', { hasText: `neighbours of ${second} are shared` }).waitFor();
    await page.getByRole('searchbox', { name: 'Word' }).fill('zzunknown');
    await page.getByRole('button', { name: 'Show neighbours' }).click();
    await page.locator('[data-testid="neighbours-b"] .neighbour-error').waitFor();
    assert.match(await text(page, '[data-testid="neighbours-a"] .neighbour-error'), /"zzunknown" is not in this run's vocabulary/);
    await page.locator('[data-testid="changed-most"] .word-button').first().click();
    await page.locator('[data-testid="neighbours-a"] li').nth(9).waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(resultsDir, 'compare.png'), fullPage: true });

    // Swap, then a run of another size: no rotation maps 10 dimensions onto 20.
    await page.getByRole('button', { name: 'Swap A and B' }).click();
    await page.waitForFunction((h) => location.hash === h, `#/compare/${runB}-${runA}`);
    await page.getByTestId('run-b').selectOption(String(small));
    await page.getByTestId('procrustes-reason').waitFor();
    assert.match(await text(page, '[data-testid="procrustes-reason"]'), /^Dimensions differ \(20 and 10\)/);
    assert.equal(new URL(page.url()).hash, `#/compare/${runB}-${small}`);
    assert.match(await text(page, '[data-testid="compare-metrics"]'), /has not been evaluated yet/);

    assert.deepEqual(pageErrors, []);
  });
});
