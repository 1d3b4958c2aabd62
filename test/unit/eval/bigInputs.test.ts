/**
 * Evaluation sets that are not sets: a file of one huge line, a line of millions of words, a FIFO,
 * a device. Each is refused, quickly and in little memory, in a child with a bounded heap (a FIFO
 * that blocked the thread would show as the child's timeout). EMBEDLAB_HEAVY=1 makes the line 2 GB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/fixtures.js';
import { assertRefused, heavy, MB, mb, proseLine, runBounded, writeRepeated, type Step } from '../../helpers/bounded.js';

function smallRun(dir: string): Step {
  const file = join(dir, 'vectors.txt');
  writeFileSync(file, '4 2\nking 1 0\nqueen 0.9 0.1\nman 0.1 1\nwoman 0 0.9\n');
  return { call: 'vectors.import', input: { source: { kind: 'path', path: file }, format: 'w2v-text' } };
}

test(`an analogy or similarity set of one ${heavy ? '2 GB' : '200 MB'} line is refused by its size before it is read`, { timeout: 900_000 }, (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const file = join(dir.path, 'huge-set.txt');
  const bytes = (heavy ? 2048 : 200) * MB;
  writeRepeated(file, bytes, proseLine(8 << 20));
  const db = join(dir.path, 'lab.db');
  const size = new RegExp(`huge-set\\.txt is ${Math.round(bytes / 1e6)} MB; an evaluation set is at most 64 MiB`);

  const questions = runBounded(db, [{ call: 'eval.questions', input: { set: file } }], { heapMb: 256, timeoutMs: 120_000 });
  assertRefused(questions, [size]);
  const analogy = runBounded(db, [smallRun(dir.path), { call: 'eval.start', input: { runId: 1, analogy: [file] } }], { heapMb: 256, timeoutMs: 120_000 });
  assertRefused(analogy, [size]);
  const similarity = runBounded(db, [{ call: 'eval.start', input: { runId: 1, similarity: [file] } }], { heapMb: 256, timeoutMs: 120_000 });
  assertRefused(similarity, [size]);
  for (const out of [questions, analogy, similarity]) assert.ok(out.peakRssBytes < 300 * MB, `peak RSS ${mb(out.peakRssBytes)}`);
  t.diagnostic(`peak RSS ${[questions, analogy, similarity].map((o) => `${mb(o.peakRssBytes)} in ${o.seconds.toFixed(1)} s`).join(', ')}`);
});

test('a set of one 60 MB line of words (under the size cap) is refused without splitting it into millions of words', { timeout: 300_000 }, (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const file = join(dir.path, 'one-line.txt');
  writeRepeated(file, 60 * MB, proseLine(4 << 20));
  const db = join(dir.path, 'lab.db');
  const questions = runBounded(db, [{ call: 'eval.questions', input: { set: file } }], { heapMb: 512, timeoutMs: 120_000 });
  assertRefused(questions, [/one-line\.txt, line 1: expected 4 words "a b c d", found more than 100\./]);
  const similarity = runBounded(db, [smallRun(dir.path), { call: 'eval.start', input: { runId: 1, similarity: [file] } }], { heapMb: 512, timeoutMs: 120_000 });
  assertRefused(similarity, [/one-line\.txt/, /no word pairs found/]);
  t.diagnostic(`peak RSS ${mb(questions.peakRssBytes)} (${questions.seconds.toFixed(1)} s), ${mb(similarity.peakRssBytes)} (${similarity.seconds.toFixed(1)} s)`);
  // The text itself is 60 MB, held once as bytes and once as a string; the parse adds little to that.
  for (const out of [questions, similarity]) assert.ok(out.peakRssBytes < 500 * MB, `peak RSS ${mb(out.peakRssBytes)}`);
});

test('eval.questions on a FIFO or a device is refused at once, without blocking the thread that asks', { timeout: 120_000 }, (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const fifo = join(dir.path, 'questions.fifo');
  execFileSync('mkfifo', [fifo]);
  const db = join(dir.path, 'lab.db');
  // No writer ever opens the FIFO: a blocking open or read would hang the child until its timeout.
  const started = performance.now();
  const out = runBounded(db, [{ call: 'eval.questions', input: { set: fifo } }], { heapMb: 256, timeoutMs: 60_000 });
  assertRefused(out, [/questions\.fifo is not a regular file, so it cannot be an evaluation set\./]);
  const zero = runBounded(db, [{ call: 'eval.questions', input: { set: '/dev/zero' } }], { heapMb: 256, timeoutMs: 60_000 });
  assertRefused(zero, [/\/dev\/zero is not a regular file/]);
  t.diagnostic(`refused in ${((performance.now() - started) / 2000).toFixed(1)} s a call (a child's start included)`);
});
