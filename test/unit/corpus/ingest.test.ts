import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { readBreaks, readTokens, readVocab } from '../../../src/engine/store/corpora.js';
import { exportCorpusText } from '../../../src/engine/corpus/exportText.js';
import { rankByFrequency } from '../../../src/engine/corpus/ingest.js';
import { TOKENS_PER_CHUNK } from '../../../src/engine/store/chunkLayout.js';
import type { JobStateOf } from '../../../src/shared/contract.js';
import { makeMixedFolder, makeZipfFolder, tempDir } from '../../helpers/fixtures.js';
import { readdirSync, readFileSync } from 'node:fs';
import { tokenize } from '../../../src/engine/text/tokenizer.js';

async function ingest(lab: Lab, path: string, extra: object = {}): Promise<JobStateOf<'ingest'>> {
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path }, ...extra });
  return lab.jobs.wait(job);
}

test('ingesting the mixed folder: every file read or skipped with a reason, counts exact', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(join(dir.path, 'corpus'));
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const done = await ingest(lab, join(dir.path, 'corpus'), { name: 'mixed', minCount: 2 });
  assert.equal(done.status, 'done', done.error);
  const c = await lab.call('corpus.get', { id: done.result!.corpusId as number });
  assert.equal(c.name, 'mixed');
  assert.deepEqual(c.fileList.map((f) => f.path), ['a.txt', 'b.md', 'latin1.txt', 'nested/c.text', 'nested/deeper/d.txt.gz', 'utf16.txt']);
  assert.equal(c.fileList.find((f) => f.path === 'latin1.txt')!.encoding, 'latin-1');
  const reasons = Object.fromEntries(c.skipped.map((s) => [s.path, s.reason]));
  assert.match(reasons['binary.txt'], /binary/);
  assert.match(reasons['copy-of-a.txt'], /duplicate of a\.txt/);
  assert.match(reasons['empty.txt'], /empty/);
  assert.match(reasons['image.png'], /not a text file type/);
  assert.match(reasons['nested/loop/'], /already visited/);

  // The stored stream is exactly the reference tokenizer's output, file after file.
  const texts = [
    'The cat sat on the mat.\n\nThe dog sat too.\n', '# Heading\nCafé au lait, the end.\n', 'café naïve\n',
    'A nested file with the word cat.\n', 'Compressed words: cat dog cat.\n', 'wide text here\n',
  ];
  const expected = texts.flatMap((s) => tokenize(s));
  const { words, counts } = readVocab(lab.db, c.id);
  const stream = Array.from(readTokens(lab.db, c.id), (i) => words[i]);
  assert.deepEqual(stream, expected);
  assert.equal(c.tokens, expected.length);
  assert.equal(c.files, 6);
  // Ids are frequency ranks: counts never increase with the id.
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i] <= counts[i - 1]);
  assert.equal(words[0], 'the');
  assert.equal(counts[0], expected.filter((w) => w === 'the').length);
  assert.equal(c.types, new Set(expected).size);
  assert.equal(c.hapax, [...new Set(expected)].filter((w) => expected.filter((x) => x === w).length === 1).length);
  assert.equal(c.typesAtMinCount, [...new Set(expected)].filter((w) => expected.filter((x) => x === w).length >= 2).length);
  // Paragraph and document starts: each file starts one, and a.txt's blank line another.
  const breaks = Array.from(readBreaks(lab.db, c.id));
  assert.deepEqual(breaks.slice(0, 3), [0, 6, 10]);
  assert.equal(breaks.length, 7);
});

test('export-text writes the stored tokens, one paragraph per line, wrapping long ones', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(join(dir.path, 'corpus'));
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const done = await ingest(lab, join(dir.path, 'corpus'));
  const id = done.result!.corpusId as number;
  const out = join(dir.path, 'out.txt');
  await exportCorpusText(lab.db, id, out);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'the cat sat on the mat');
  assert.equal(lines[1], 'the dog sat too');
  assert.equal(lines.length, 7);
  await exportCorpusText(lab.db, id, out, { maxPerLine: 4 });
  const wrapped = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.ok(wrapped.every((l) => l.split(' ').length <= 4));
  assert.equal(wrapped.join(' '), lines.join(' '));
});

test('ingestion is deterministic across thread counts', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeZipfFolder(join(dir.path, 'zipf'), 12, 3000);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const one = await ingest(lab, join(dir.path, 'zipf'), { threads: 1 });
  const two = await ingest(lab, join(dir.path, 'zipf'), { threads: 3 });
  const a = one.result!.corpusId as number;
  const b = two.result!.corpusId as number;
  assert.deepEqual(readVocab(lab.db, a), readVocab(lab.db, b));
  assert.deepEqual(readTokens(lab.db, a), readTokens(lab.db, b));
  assert.equal(readTokens(lab.db, a).length, 12 * 3000);
});

test('a stream longer than a stored chunk: threads encode their files into the same chunks, token for token', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const perFile = Math.ceil((TOKENS_PER_CHUNK * 2.3) / 3); // three files over three chunks, two cut mid-file
  makeZipfFolder(join(dir.path, 'long'), 3, perFile);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const one = await ingest(lab, join(dir.path, 'long'), { threads: 1 });
  const three = await ingest(lab, join(dir.path, 'long'), { threads: 3 });
  const a = readTokens(lab.db, one.result!.corpusId as number);
  const b = readTokens(lab.db, three.result!.corpusId as number);
  const chunks = lab.db.prepare('SELECT seq, first_token, count FROM token_chunks WHERE corpus_id = ? ORDER BY seq').all(three.result!.corpusId);
  assert.deepEqual(chunks.map((c) => (c as { count: number }).count), [TOKENS_PER_CHUNK, TOKENS_PER_CHUNK, a.length - 2 * TOKENS_PER_CHUNK]);
  assert.deepEqual(b, a);
  const { words } = readVocab(lab.db, three.result!.corpusId as number);
  const files = readdirSync(join(dir.path, 'long')).sort();
  const expected = files.flatMap((f) => tokenize(readFileSync(join(dir.path, 'long', f), 'utf8')));
  assert.equal(b.length, expected.length);
  for (let i = 0; i < b.length; i++) if (words[b[i]] !== expected[i]) assert.fail(`token ${i}: ${words[b[i]]} stored, ${expected[i]} expected`);
});

test('words are ranked by count, ties in order of first occurrence', () => {
  const counts = Uint32Array.from([2, 5, 2, 0, 5, 1, 70_000, 70_001, 70_000]);
  assert.deepEqual(Array.from(rankByFrequency(counts)), [7, 6, 8, 1, 4, 0, 2, 5]);
  assert.deepEqual(Array.from(rankByFrequency(new Uint32Array(0))), []);
});

test('a folder with nothing to read fails with a reason and stores nothing', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const done = await ingest(lab, dir.path.replace(/$/, ''));
  assert.equal(done.status, 'failed');
  assert.match(done.error!, /Nothing to ingest/);
  const missing = await ingest(lab, join(dir.path, 'missing'));
  assert.equal(missing.status, 'failed');
  assert.match(missing.error!, /Cannot read the folder .*missing: it does not exist \(ENOENT\)\./);
  assert.deepEqual(await lab.call('corpus.list', {}), []);
});

test('cancelling an ingestion stores nothing and leaves earlier corpora intact', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  makeMixedFolder(join(dir.path, 'small'));
  makeZipfFolder(join(dir.path, 'big'), 60, 40_000);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(() => lab.close());
  const first = await ingest(lab, join(dir.path, 'small'));
  assert.equal(first.status, 'done');
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'big') } });
  await new Promise<void>((resolve) => {
    const off = lab.on('job', (s) => {
      if (s.id === job.id && s.progress.phase === 'tokenizing' && s.progress.done > 0) {
        off();
        resolve();
      }
    });
  });
  await lab.call('job.cancel', { id: job.id });
  const final = await lab.jobs.wait(job);
  assert.equal(final.status, 'cancelled');
  const list = (await lab.call('corpus.list', {})) as { id: number }[];
  assert.deepEqual(list.map((c) => c.id), [first.result!.corpusId]);
  const count = lab.db.prepare('SELECT COUNT(*) AS n FROM token_chunks').get() as { n: number };
  assert.equal(count.n, 1);
});
