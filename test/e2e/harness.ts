/**
 * Shared end-to-end helpers: a lab and its HTTP/WS server on a temporary lab
 * file, Debian's Chromium through playwright-core, and generated fixture text.
 * The renderer must be built first (`npx electron-vite build`, which `npm test`
 * runs before the e2e suites).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Lab } from '../../src/engine/lab.js';
import { Rng } from '../../src/engine/base/random.js';
import { startServer, type RunningServer } from '../../src/server/httpServer.js';
import type { CallName, CallOutput } from '../../src/shared/contract.js';
import { resultOf } from '../../src/shared/jobResult.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = join(root, 'test-results');

export interface LabServer {
  dir: string;
  lab: Lab;
  server: RunningServer;
  /** The lab's API from Node, with the token as a bearer header. */
  call<N extends CallName>(name: N, input?: unknown): Promise<CallOutput<N>>;
  close(): Promise<void>;
}

export async function startLabServer(): Promise<LabServer> {
  const staticDir = join(root, 'out/renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('out/renderer is not built: run `npx electron-vite build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-e2e-'));
  // Two heavy jobs at once (the default on 2 cores is one): the views show runs training side by side.
  const lab = new Lab({ dbPath: join(dir, 'lab.db'), mode: 'browser', jobLimits: { heavy: 2 } });
  const server = await startServer({ lab, staticDir });
  const base = `http://127.0.0.1:${server.port}`;
  return {
    dir,
    lab,
    server,
    async call(name, input = {}) {
      const res = await fetch(`${base}/api/call/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
      return body.value as never;
    },
    async close() {
      await server.close();
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Fixtures draw from the engine's seeded generator, so they are the same on every run. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vel', 'or', 'in', 'da', 'pe', 'qua', 'ro', 'ne', 'ti', 'us'];

/** Zipf-distributed text over a made-up vocabulary, in paragraphs. */
function zipfText(random: () => number, words: number, vocab: string[]): string {
  const h = vocab.reduce((s, _w, i) => s + 1 / (i + 1), 0);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let u = random() * h;
    let k = 0;
    while (k < vocab.length - 1 && (u -= 1 / (k + 1)) > 0) k++;
    out.push(vocab[k]);
    if (i % 120 === 119) out.push('.\n\n');
    else if (i % 12 === 11) out.push('.');
  }
  return out.join(' ').replace(/ \./g, '.');
}

/**
 * A lab server and Chromium for one Playwright test, both closed when the test
 * ends, with the screenshot folder in place.
 */
export async function startBrowserLab(t: { after(fn: () => Promise<void>): void }): Promise<{ lab: LabServer; browser: Browser }> {
  const lab = await startLabServer();
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close();
    await lab.close();
  });
  mkdirSync(resultsDir, { recursive: true });
  return { lab, browser };
}

export interface Fixture {
  dir: string;
  textFiles: number;
  skipped: { binary: string; empty: string };
}

/**
 * A folder of text: a few files of a few thousand words, a nested folder with
 * many small notes (so the file table has to page), a binary file with NUL
 * bytes and an empty file (both skipped).
 */
export function makeFixture(parent: string, notes = 520): Fixture {
  const dir = join(parent, 'fixture-texts');
  const random = rng(42);
  const vocab = Array.from({ length: 1500 }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w;
  });
  mkdirSync(join(dir, 'nested', 'notes'), { recursive: true });
  for (let i = 1; i <= 3; i++) writeFileSync(join(dir, `chapter-${i}.txt`), zipfText(random, 3000 + 500 * i, vocab));
  writeFileSync(join(dir, 'nested', 'appendix.md'), `# Appendix\n\n${zipfText(random, 2500, vocab)}\n`);
  for (let i = 0; i < notes; i++) {
    writeFileSync(join(dir, 'nested', 'notes', `note-${String(i).padStart(4, '0')}.txt`), `note ${i} ${zipfText(random, 20, vocab)}\n`);
  }
  const binary = Buffer.alloc(2048);
  for (let i = 0; i < binary.length; i++) binary[i] = i % 7 === 0 ? 0 : 65 + (i % 26);
  writeFileSync(join(dir, 'nested', 'blob.txt'), binary);
  writeFileSync(join(dir, 'empty.txt'), '');
  return { dir, textFiles: 4 + notes, skipped: { binary: 'nested/blob.txt', empty: 'empty.txt' } };
}

/** About `mb` MB of text in 40 files, enough for an ingest that runs for a few seconds. */
export function makeBigFolder(parent: string, mb = 190): string {
  const dir = join(parent, 'big-texts');
  mkdirSync(dir, { recursive: true });
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  const parts: string[] = [];
  for (let i = 0; i < 200_000; i++) parts.push(words[(i * 7919 + (i >> 3)) % 5000], i % 15 === 14 ? '.\n' : ' ');
  const block = Buffer.from(parts.join(''));
  const perFile = Math.max(1, Math.round((mb * 1e6) / 40 / block.length));
  for (let f = 0; f < 40; f++) {
    writeFileSync(join(dir, `part-${f}.txt`), Buffer.concat([Buffer.from(`part ${f} `), ...Array<Buffer>(perFile).fill(block)]));
  }
  return dir;
}

/**
 * Text with structure for training runs: `topics` groups of `wordsPerTopic`
 * words; every sentence draws its words from one topic (Zipf-like within it),
 * with some shared function words. Its spectrum has `topics` strong directions.
 */
export function makeTopicFolder(
  parent: string,
  o: { name: string; topics: number; wordsPerTopic: number; sentences: number; files?: number; seed?: number },
): string {
  const dir = join(parent, o.name);
  mkdirSync(dir, { recursive: true });
  const random = rng(o.seed ?? 7);
  const common = ['the', 'a', 'of', 'and', 'is', 'to', 'in', 'it'];
  const word = (t: number, i: number): string => {
    let w = '';
    for (let n = t * o.wordsPerTopic + i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w;
  };
  const files = o.files ?? 4;
  for (let f = 0; f < files; f++) {
    const out: string[] = [];
    for (let s = 0; s < o.sentences / files; s++) {
      const t = Math.floor(random() * o.topics);
      const words: string[] = [];
      for (let k = 0; k < 9; k++) {
        words.push(random() < 0.25 ? common[Math.floor(random() * common.length)] : word(t, Math.floor(random() ** 2 * o.wordsPerTopic)));
      }
      out.push(`${words.join(' ')}.`);
    }
    writeFileSync(join(dir, `part-${f}.txt`), out.join('\n'));
  }
  return dir;
}

/** Ingests a folder through the API and waits for it; returns the new corpus's id. */
export async function ingestFolder(lab: LabServer, path: string, name: string, timeoutMs = 60_000): Promise<number> {
  const job = await lab.call('corpus.ingest', { source: { kind: 'path', path }, name });
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = (await lab.call('job.list')).find((j) => j.id === job.id);
    const result = resultOf(state, 'ingest');
    if (result) return result.corpusId;
    if (state && state.status !== 'running' && state.status !== 'done') throw new Error(`Ingest of ${path} ${state.status}: ${state.error ?? ''}`);
    if (Date.now() > until) throw new Error(`Ingest of ${path} did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The word makeTopicFolder writes for word `i` of topic `t` (same spelling, so fixtures can name corpus words). */
export function topicWord(t: number, i: number, wordsPerTopic: number): string {
  let w = '';
  for (let n = t * wordsPerTopic + i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return w;
}

export interface TopicEvalSets {
  /** Path of an analogy file in Google's layout (`: section` lines), with one out-of-vocabulary question. */
  analogy: string;
  /** Path of a word-similarity file (`word1<TAB>word2<TAB>score`), with one out-of-vocabulary pair. */
  similarity: string;
  analogyText: string;
  sections: string[];
  questions: { section: string; words: [string, string, string, string] }[];
}

/**
 * Evaluation sets over a topic corpus's words, so a run over it gets real numbers:
 * analogies w(t,i) : w(t,j) :: w(u,i) : w(u,j) across topics, under two of Google's
 * semantic and two of its syntactic section names; similarity pairs that are high
 * within a topic and low across topics.
 */
export function writeTopicEvalSets(parent: string, o: { topics: number; wordsPerTopic: number }): TopicEvalSets {
  const w = (t: number, i: number): string => topicWord(t, i, o.wordsPerTopic);
  const layout: [string, number, number][] = [
    ['capital-common-countries', 3, 0],
    ['family', 5, 1],
    ['gram2-opposite', 0, 4],
    ['gram8-plural', 2, 6],
  ];
  const lines: string[] = [];
  const questions: TopicEvalSets['questions'] = [];
  for (const [section, i, j] of layout) {
    lines.push(`: ${section}`);
    for (let t = 0; t < o.topics; t++) {
      const u = (t + 3) % o.topics;
      const words: [string, string, string, string] = [w(t, i), w(t, j), w(u, i), w(u, j)];
      questions.push({ section, words });
      lines.push(words.join(' '));
    }
  }
  const oov: [string, string, string, string] = ['zzunknown', w(0, 0), w(1, 0), w(1, 1)];
  questions.push({ section: 'gram8-plural', words: oov });
  lines.push(oov.join(' '));
  const pairs: string[] = ['word1\tword2\tscore'];
  for (let t = 0; t < o.topics; t++) {
    for (let i = 0; i < 3; i++) {
      pairs.push(`${w(t, i)}\t${w(t, i + 2)}\t${8 + i / 4}`);
      pairs.push(`${w(t, i)}\t${w((t + 3) % o.topics, i)}\t${1 + i / 4}`);
    }
  }
  pairs.push(`zzunknown\t${w(0, 0)}\t5`);
  const analogy = join(parent, 'topic-analogies.txt');
  const similarity = join(parent, 'topic-similarity.tsv');
  const analogyText = `${lines.join('\n')}\n`;
  writeFileSync(analogy, analogyText);
  writeFileSync(similarity, `${pairs.join('\n')}\n`);
  return { analogy, similarity, analogyText, sections: layout.map((l) => l[0]), questions };
}

/** Waits for a job to end; returns its last state (throws on timeout). */
export async function waitForJob(lab: LabServer, jobId: number, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = (await lab.call('job.list')).find((j) => j.id === jobId);
    if (state && state.status !== 'running') return state;
    if (Date.now() > until) throw new Error(`Job ${jobId} did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Trains a run through the API and waits for it; returns the run's id. */
export async function trainRun(lab: LabServer, corpusId: number, method: string, params: Record<string, unknown>, name: string, timeoutMs = 60_000): Promise<number> {
  const job = await lab.call('run.start', { corpusId, method, params, name });
  const state = await waitForJob(lab, job.id, timeoutMs);
  const runId = job.subject?.runId ?? resultOf(state, 'train')?.runId;
  if (state.status !== 'done' || typeof runId !== 'number') throw new Error(`Training ${name} ${state.status}: ${state.error ?? ''}`);
  return runId;
}

/** The text of the first element matching `selector`, whitespace collapsed (textContent, so SVG works too). */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Collects page errors and console errors; `expectedConsole` matches console errors a
 * test provokes on purpose (for example the 400 of a refused request).
 */
export function watchPageErrors(page: Page, expectedConsole?: RegExp): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expectedConsole?.test(m.text())) errors.push(m.text());
  });
  return errors;
}
