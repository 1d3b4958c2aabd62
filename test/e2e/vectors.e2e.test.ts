/**
 * Export and import of vectors in browser mode: the Export dialog on a finished
 * run's page writes word2vec text (all words, then the top N normalised) and
 * the Projector's TSV files, each downloaded through the browser; the Import
 * panel on the Runs view uploads a small word2vec file (a run without a corpus),
 * a TSV pair (the round trip of the export), a file by its server path with a
 * limit, and a malformed file whose error
 * names the file and the line, storing nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { resultsDir, startBrowserLab, textOf, waitForJob, watchPageErrors } from './harness.js';
import { resultOf } from '../../src/shared/jobResult.js';

/** Clicks a download link and returns the downloaded file's name and text. */
async function download(page: Page, link: Locator): Promise<{ name: string; body: string; path: string }> {
  const [d]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await d.path();
  assert.ok(path, 'the download completed');
  return { name: d.suggestedFilename(), body: readFileSync(path, 'utf8'), path };
}

test('vectors: export (w2v text, top N, TSV) as downloads, import of a file, a TSV pair and a malformed file', async (t) => {
  const { lab, browser } = await startBrowserLab(t);

  // A finished run to export: PPMI-SVD on a small RAND-WALK corpus (generated, so no fixture text).
  const gen = await lab.call('randwalk.generate', { vocab: 200, dim: 12, tokens: 60_000, seed: 3, name: 'Walk' });
  const genState = await waitForJob(lab, gen.id);
  assert.equal(genState.status, 'done', genState.error);
  const corpusId = resultOf(genState, 'randwalk')!.corpusId;
  const train = await lab.call('run.start', { corpusId, method: 'ppmi-svd', params: { dim: 10 }, name: 'Walk vectors' });
  assert.equal((await waitForJob(lab, train.id)).status, 'done');
  const runId = train.subject!.runId;
  const run = await lab.call('run.get', { id: runId });
  const V = run.vocab!;
  const d = run.dim!;
  assert.ok(V > 100 && d === 10);

  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page);
  const dialog = page.getByTestId('export-dialog');

  await t.test('exports word2vec text and downloads it: header "V d" and V + 1 lines', async () => {
    await page.goto(`${lab.server.url}#/runs/${runId}`);
    await page.getByTestId('export-open').click();
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('radio', { name: 'word2vec text' }).isChecked(), true, 'word2vec text is the default');
    // PPMI-SVD keeps its context vectors (W + C not added at training), so W + C is offered.
    assert.equal(await dialog.getByRole('checkbox', { name: /W \+ C/ }).count(), 1);
    assert.equal(await dialog.getByLabel('Export name').inputValue(), 'Walk-vectors');
    assert.match(await textOf(page, '[data-testid="export-dialog"] .vx-ext'), /^\.txt$/);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const link = dialog.getByTestId('export-download');
    await link.waitFor();
    assert.equal(await link.count(), 1);
    assert.match(await textOf(page, '[data-testid="export-done"]'), new RegExp(`Exported ${V} words × ${d} dimensions`));
    const file = await download(page, link);
    assert.equal(file.name, 'Walk-vectors.txt');
    const lines = file.body.split('\n');
    assert.equal(lines.at(-1), '', 'the file ends with a newline');
    lines.pop();
    assert.equal(lines[0], `${V} ${d}`);
    assert.equal(lines.length, V + 1);
    assert.equal(lines[1].split(' ').length, d + 1, 'a word and d numbers');
    const words = (await lab.call('corpus.get', { id: corpusId })).top.map((w) => w.word);
    assert.equal(lines[1].split(' ')[0], words[0], 'the most frequent word first');
  });

  await t.test('exports the top N words normalised', async () => {
    await dialog.getByLabel('Top N words').fill('25');
    await dialog.getByRole('checkbox', { name: /L2-normalise/ }).check();
    await dialog.getByLabel('Export name').fill('top25');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('link', { name: 'Download top25.txt' }).waitFor();
    const file = await download(page, dialog.getByTestId('export-download'));
    const lines = file.body.trimEnd().split('\n');
    assert.equal(lines[0], `25 ${d}`);
    assert.equal(lines.length, 26);
    for (const line of lines.slice(1)) {
      const v = line.split(' ').slice(1).map(Number);
      const norm = Math.hypot(...v);
      assert.ok(Math.abs(norm - 1) < 1e-4, `unit length (${norm})`);
    }
    await dialog.getByLabel('Top N words').fill('');
    await dialog.getByRole('checkbox', { name: /L2-normalise/ }).uncheck();
  });

  let tsvFiles: string[] = [];
  await t.test('exports the Projector TSV and offers each of its files', async () => {
    await dialog.getByRole('radio', { name: 'Embedding Projector TSV' }).check();
    await dialog.getByLabel('Export name').fill('Walk-vectors');
    assert.match(await textOf(page, '[data-testid="export-dialog"] .vx-ext'), /^-projector$/);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByRole('link', { name: 'Download vectors.tsv' }).waitFor();
    const links = dialog.getByTestId('export-download');
    assert.deepEqual(await links.allTextContents(), ['Download vectors.tsv', 'Download metadata.tsv', 'Download projector_config.json']);
    const vectors = await download(page, links.nth(0));
    const metadata = await download(page, links.nth(1));
    const config = await download(page, links.nth(2));
    // Saved under the export folder's name too, so two exports' files stay apart in Downloads.
    assert.equal(vectors.name, 'Walk-vectors-projector_vectors.tsv');
    assert.equal(metadata.name, 'Walk-vectors-projector_metadata.tsv');
    assert.equal(config.name, 'Walk-vectors-projector_projector_config.json');
    const rows = vectors.body.trimEnd().split('\n');
    assert.equal(rows.length, V, 'one vector per line, no header');
    assert.equal(rows[0].split('\t').length, d);
    const meta = metadata.body.trimEnd().split('\n');
    assert.equal(meta[0], 'word\tcount', 'a header, since there are two columns');
    assert.equal(meta.length, V + 1);
    const cfg = JSON.parse(config.body) as { embeddings: { tensorPath: string; metadataPath: string; tensorShape: number[] }[] };
    assert.equal(cfg.embeddings[0].tensorPath, 'vectors.tsv');
    assert.equal(cfg.embeddings[0].metadataPath, 'metadata.tsv');
    assert.deepEqual(cfg.embeddings[0].tensorShape, [V, d]);
    // Keep the pair (under their own names) for the import round trip below.
    tsvFiles = [join(lab.dir, 'vectors.tsv'), join(lab.dir, 'metadata.tsv')];
    writeFileSync(tsvFiles[0], vectors.body);
    writeFileSync(tsvFiles[1], metadata.body);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(resultsDir, 'export.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  await t.test('imports a small word2vec text file through the upload and lists the run', async () => {
    const tiny = join(lab.dir, 'tiny-vectors.txt');
    writeFileSync(tiny, '4 3\nalpha 0.1 0.2 0.3\nbeta -1 0.5 2\ncafé 1e-3 4 5\nnew_york 0 0 1\n');
    await page.goto(`${lab.server.url}#/runs`);
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    assert.equal(await panel.getByLabel('Format').inputValue(), 'auto');
    await panel.getByTestId('import-file-input').setInputFiles(tiny);
    assert.match(await textOf(page, '[data-testid="import-chosen"]'), /^tiny-vectors\.txt \(\d+ B\)$/);
    await panel.getByLabel(/^Name/).fill('Tiny import');
    await panel.getByRole('button', { name: 'Import' }).click();
    await panel.getByTestId('import-done').waitFor();
    assert.match(await textOf(page, '[data-testid="import-done"]'), /Imported Tiny import: 4 words × 3 dimensions \(word2vec text\)/);
    const imported = (await lab.call('run.list')).find((r) => r.name === 'Tiny import');
    assert.ok(imported, 'the run is stored');
    assert.equal(imported.method, 'imported');
    assert.equal(imported.corpusId, null);
    assert.equal(imported.vocab, 4);
    assert.equal(imported.dim, 3);
    await page.locator('.run-table').getByRole('link', { name: 'Tiny import' }).waitFor();
    const nb = await lab.call('vectors.neighbors', { runId: imported.id, word: 'café', k: 1 });
    assert.equal(nb.neighbors.length, 1, 'a non-ASCII word arrived intact');
  });

  await t.test('imports a fastText model (.bin) from the panel, says what model it is, and answers a word it never saw', async () => {
    const model = new URL('../fixtures/fasttext/tiny-sg.bin', import.meta.url).pathname;
    await page.goto(`${lab.server.url}#/runs`);
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    assert.ok((await panel.getByLabel('Format').locator('option').allTextContents()).includes('fastText model (.bin)'));
    await panel.getByTestId('import-file-input').setInputFiles(model);
    await panel.getByLabel(/^Name/).fill('Tiny fastText');
    await panel.getByRole('button', { name: 'Import' }).click();
    await panel.getByTestId('import-done').waitFor();
    assert.match(await textOf(page, '[data-testid="import-done"]'), /Imported Tiny fastText: \d+ words × \d+ dimensions \(fastText model \(\.bin\)\)/);
    assert.match(await textOf(page, '[data-testid="import-fasttext"]'), /skipgram/i);
    const run = (await lab.call('run.list')).find((r) => r.name === 'Tiny fastText')!;
    const nb = await lab.call('vectors.neighbors', { runId: run.id, word: 'zzqxunseenword', k: 3 });
    assert.equal(nb.outOfVocabulary, true);
    assert.equal(nb.neighbors.length, 3);

    // The analogy workbench takes the unseen word too, and says its vector came from n-grams.
    const fixtures = new URL('../fixtures/fasttext/', import.meta.url).pathname;
    const oov = new Set(readFileSync(join(fixtures, 'oov.txt'), 'utf8').split('\n').filter(Boolean));
    const known = readFileSync(join(fixtures, 'tiny-sg.expected.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ')[0]).filter((w) => !oov.has(w));
    const [a, c] = [known[2], known[4]];
    const b = 'zzqxunseenword';
    await page.getByRole('link', { name: 'Analogy' }).click();
    await page.getByRole('heading', { name: 'Analogy workbench' }).waitFor();
    await page.locator('.run-chip').first().waitFor();
    for (const chip of await page.locator('.run-chip input').all()) if (await chip.isChecked()) await chip.uncheck();
    await page.locator(`.run-chip[data-run="${run.id}"] input`).check();
    await page.getByLabel('a', { exact: true }).fill(a);
    await page.getByLabel('b', { exact: true }).fill(b);
    await page.getByLabel('c', { exact: true }).fill(c);
    await page.getByLabel('expected (optional)').fill('');
    await page.getByRole('button', { name: 'Solve' }).click();
    await page.locator('.answers-title', { hasText: `${a} : ${b} :: ${c}` }).waitFor();
    const card = page.locator(`[data-testid="answer"][data-run="${run.id}"]`);
    assert.equal(await card.getByTestId('oov-note').innerText(), `Outside the vocabulary, vector from character n-grams: ${b}`);
    const [api] = await lab.call('vectors.analogy', { runIds: [run.id], a, b, c, k: 10 });
    assert.deepEqual(api.outOfVocabulary, [b]);
    assert.deepEqual(await card.locator('td[data-method="add"]').allTextContents(), api.add!.map((x) => x.word));
    await page.screenshot({ path: join(resultsDir, 'analogy-oov.png') });

    // Compare's neighbour query, too: the fastText run answers from n-grams and says so.
    const other = (await lab.call('run.list')).find((r) => r.id !== run.id && r.status === 'done')!;
    const errorsBefore = pageErrors.length;
    await page.goto(`${lab.server.url}#/compare/${run.id}-${other.id}`);
    const query = page.getByTestId('neighbour-query');
    await query.getByLabel('Word').fill(b);
    await query.getByRole('button', { name: 'Show neighbours' }).click();
    await page.getByTestId('neighbours-a-oov').waitFor();
    const want = await lab.call('vectors.neighbors', { runId: run.id, word: b, k: 10 });
    assert.deepEqual(await page.getByTestId('neighbours-a').locator('.neighbour-word').allTextContents(), want.neighbors.map((x) => x.word));
    assert.equal(await page.getByTestId('neighbours-b-oov').count(), 0, 'the other run is no subword model: it just lacks the word');
    assert.match(await page.getByTestId('neighbours-b').innerText(), new RegExp(`"${b}" is not in this run's vocabulary`));
    // Run B's answer is a 404 (not found), which the browser logs; nothing else may have been.
    const added = pageErrors.splice(errorsBefore);
    assert.ok(added.every((e) => /status of 404/.test(e)), JSON.stringify(added));
    await page.screenshot({ path: join(resultsDir, 'compare-oov.png') });
    await page.goto(`${lab.server.url}#/runs`);
    await page.getByTestId('import-panel').waitFor();
  });

  await t.test('imports the exported TSV pair (two files) as a run', async () => {
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-file-input').setInputFiles(tsvFiles);
    assert.match(await textOf(page, '[data-testid="import-chosen"]'), /^2 files/);
    await panel.getByLabel(/^Name/).fill('TSV round trip');
    await panel.getByRole('button', { name: 'Import' }).click();
    await panel.getByText('Imported TSV round trip').waitFor();
    assert.match(await textOf(page, '[data-testid="import-done"]'), new RegExp(`${V} words × ${d} dimensions \\(Embedding Projector TSV\\)`));
    const back = (await lab.call('run.list')).find((r) => r.name === 'TSV round trip');
    assert.equal(back?.vocab, V);
    assert.equal(back?.dim, d);
  });

  await t.test("imports by a path on the server's machine, with a limit", async () => {
    const panel = page.getByTestId('import-panel');
    assert.equal(await textOf(page, '[data-testid="import-chosen"]'), 'No file chosen', 'the imported choice is cleared');
    await panel.getByLabel(/path on the server's machine/).fill(join(lab.dir, 'tiny-vectors.txt'));
    await panel.getByLabel(/^Limit/).fill('2');
    await panel.getByLabel(/^Name/).fill('First two');
    await panel.getByRole('button', { name: 'Import' }).click();
    await panel.getByText('Imported First two').waitFor();
    const two = (await lab.call('run.list')).find((r) => r.name === 'First two');
    assert.equal(two?.vocab, 2);
    assert.equal(two?.params.limit, 2);
    await panel.getByLabel(/^Limit/).fill('');
  });

  await t.test('backs up the lab from the rail and offers the copy as a download', async () => {
    await page.getByRole('button', { name: 'Back up the lab' }).click();
    await page.getByTestId('backup-done').waitFor();
    assert.match(await textOf(page, '[data-testid="backup-done"]'), /^Backed up \([\d.,]+ [kMG]?B\)\. Download$/);
    const [d]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
    assert.match(d.suggestedFilename(), /^lab-backup-[\d-]+\.lab$/);
    const body = readFileSync((await d.path())!);
    assert.equal(body.subarray(0, 15).toString(), 'SQLite format 3', 'the download is a SQLite database');
    assert.ok(body.length > 100_000, `${body.length} bytes`);
  });

  await t.test('a malformed file fails with the line named, and stores nothing', async () => {
    const before = (await lab.call('run.list')).length;
    const broken = join(lab.dir, 'broken.txt');
    writeFileSync(broken, '3 4\nalpha 0.1 0.2 0.3 0.4\nbeta 0.5 0.6 0.7\ngamma 1 2 3 4\n');
    const panel = page.getByTestId('import-panel');
    await panel.getByTestId('import-file-input').setInputFiles(broken);
    await panel.getByRole('button', { name: 'Import' }).click();
    const failed = panel.getByTestId('import-failed');
    await failed.waitFor();
    const message = await textOf(page, '[data-testid="import-failed"]');
    assert.match(message, /Import failed; nothing was stored\./);
    assert.match(message, /broken\.txt: line 3: expected 4 values after the word \(the header says d = 4\), found 3/);
    assert.doesNotMatch(message, /\.uploads/, "the lab's temporary upload folder is not shown");
    assert.equal((await lab.call('run.list')).length, before, 'no run was stored');
    await page.mouse.move(0, 0);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'import.png'), fullPage: true });
    assert.deepEqual(pageErrors, []);
  });
});
