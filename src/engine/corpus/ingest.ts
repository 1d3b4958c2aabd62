/**
 * Ingestion: folder → tokens → one corpus in the store.
 *
 * Files are tokenized by a pool of threads, each with its own vocabulary; this
 * orchestrator maps their local ids to one global vocabulary, drops duplicate
 * files, renumbers words by frequency rank, and stores everything in a single
 * transaction. Until that transaction commits nothing is written, so a cancel or
 * a crash leaves no partial corpus.
 */
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { SkippedFile } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { insertCorpus, setIngestSeconds, type StoredFile } from '../store/corpora.js';
import { startWorker } from '../workers.js';
import { walkTextFiles, type FoundFile } from './walk.js';
import type { FileReply, BytesProgress, FileTask, CountsReply } from './tokenizeProtocol.js';
import type { ProgressSink } from '../jobs/progress.js';
import { Cancelled } from '../errors.js';

export interface IngestOptions {
  root: string;
  name?: string;
  /** Shown as the corpus source (defaults to the root path). */
  source?: string;
  minCount: number;
  lowercase: boolean;
  threads?: number;
}

export interface IngestResult {
  corpusId: number;
}


interface Done {
  file: FoundFile;
  reply: FileReply;
  worker: number;
}

export async function ingestFolder(db: Db, opts: IngestOptions, progress: ProgressSink, signal: AbortSignal): Promise<IngestResult> {
  const started = performance.now();
  const root = resolve(opts.root);
  progress.phase('scanning', 0, 'files');
  const walk = walkTextFiles(root);
  const totalBytes = walk.files.reduce((s, f) => s + f.bytes, 0);
  const files = walk.files;
  const skipped: SkippedFile[] = [...walk.skipped];

  const { results, localCounts } = await tokenizeAll(files, opts, progress, signal, totalBytes);
  if (signal.aborted) throw new Cancelled();

  progress.phase('building vocabulary', 0, 'steps');
  const { words, counts, kept, localToGlobal } = mergeVocabularies(files, results, localCounts, skipped);
  if (kept.length === 0) {
    const why = files.length === 0 ? 'no .txt, .md or .text files (or their .gz) were found' : 'none of its files held any words';
    throw new Error(`Nothing to ingest in ${root}: ${why}.${skipped.length ? ` ${skipped.length} item(s) were skipped.` : ''}`);
  }
  const { order, rank } = rankByFrequency(words, counts);
  // Compose each thread's local → global → rank maps, so the stream is rewritten in one pass.
  const localToRank = localToGlobal.map((map) => Uint32Array.from(map, (g) => rank[g]));

  const pieces: Uint32Array[] = [];
  const storedFiles: StoredFile[] = [];
  const breaks: number[] = [];
  let offset = 0;
  for (const d of kept) {
    const reply = d.reply as Extract<FileReply, { ok: true }>;
    const ids = reply.ids; // local ids of the thread that read it; renumber to ranks in place
    const map = localToRank[d.worker];
    for (let i = 0; i < ids.length; i++) ids[i] = map[ids[i]];
    breaks.push(offset);
    for (const b of reply.breaks) breaks.push(offset + b);
    storedFiles.push({ path: d.file.path, bytes: d.file.bytes, tokens: ids.length, firstToken: offset, encoding: reply.encoding, sha1: reply.sha1 });
    pieces.push(ids);
    offset += ids.length;
  }
  if (signal.aborted) throw new Cancelled();

  progress.phase('saving', 0, 'steps');
  const sortedWords = order.map((g) => words[g]);
  const sortedCounts = Uint32Array.from(order, (g) => counts[g]);
  const corpusId = insertCorpus(db, {
    name: opts.name ?? (basename(root) || root),
    source: opts.source ?? root,
    minCount: opts.minCount,
    lowercase: opts.lowercase,
    ingestSeconds: (performance.now() - started) / 1000,
    files: storedFiles,
    skipped,
    words: sortedWords,
    counts: sortedCounts,
    pieces,
    breaks: Uint32Array.from(breaks),
  });
  // The figure users see includes the save itself, which is only known now.
  setIngestSeconds(db, corpusId, (performance.now() - started) / 1000);
  return { corpusId };
}

/** Sends every file to a pool of tokenizer threads; resolves with the replies in walk order. */
async function tokenizeAll(
  files: FoundFile[], opts: IngestOptions, progress: ProgressSink, signal: AbortSignal, totalBytes: number,
): Promise<{ results: (Done | undefined)[]; localCounts: Uint32Array[] }> {
  const results: (Done | undefined)[] = new Array(files.length);
  const localCounts: Uint32Array[] = [];
  if (files.length === 0) return { results, localCounts };
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), files.length, 8));
  const workers: Worker[] = [];
  let next = 0;
  let doneFiles = 0;
  let doneBytes = 0;
  let tokens = 0;
  const inflight = new Float64Array(threads);
  // Identical files have identical sizes: only files that share a size are hashed.
  const sizeCounts = new Map<number, number>();
  for (const f of files) sizeCounts.set(f.bytes, (sizeCounts.get(f.bytes) ?? 0) + 1);
  progress.phase('tokenizing', totalBytes, 'bytes');
  const report = (): void => {
    const bytes = doneBytes + inflight.reduce((a, b) => a + b, 0);
    progress.update(Math.min(bytes, totalBytes), { files: doneFiles, filesTotal: files.length, tokens });
  };

  try {
    await new Promise<void>((resolveAll, reject) => {
      const onAbort = (): void => reject(new Cancelled());
      signal.addEventListener('abort', onAbort, { once: true });
      const feed = (w: number): void => {
        if (next >= files.length) return;
        const idx = next++;
        const f = files[idx];
        const task: FileTask = { idx, absPath: f.absPath, gzip: f.gzip, hash: (sizeCounts.get(f.bytes) ?? 0) > 1 };
        workers[w].postMessage(task);
      };
      for (let w = 0; w < threads; w++) {
        const worker = startWorker('tokenize', { workerData: { lowercase: opts.lowercase } });
        workers.push(worker);
        worker.on('error', (e) => reject(e));
        worker.on('message', (msg: FileReply | BytesProgress | CountsReply) => {
          if (msg.type === 'counts') {
            localCounts[w] = msg.counts;
            if (localCounts.filter(Boolean).length === threads) {
              signal.removeEventListener('abort', onAbort);
              resolveAll();
            }
            return;
          }
          if (msg.type === 'bytes') {
            inflight[w] += msg.bytes;
            report();
            return;
          }
          inflight[w] = 0;
          results[msg.idx] = { file: files[msg.idx], reply: msg, worker: w };
          doneFiles++;
          doneBytes += files[msg.idx].bytes;
          if (msg.ok) tokens += msg.ids.length;
          report();
          if (doneFiles === files.length) for (const worker of workers) worker.postMessage({ type: 'counts' });
          else feed(w);
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results, localCounts };
}

/**
 * Builds the global vocabulary from the threads' local ones and its counts from
 * the threads' local counts, less the files that turn out to be duplicates
 * (same SHA-1: the first in walk order is kept). Ids in the files stay local.
 */
function mergeVocabularies(files: FoundFile[], results: (Done | undefined)[], localCounts: Uint32Array[], skipped: SkippedFile[]) {
  const global = new Map<string, number>();
  const words: string[] = [];
  const localToGlobal: Uint32Array[] = [];
  const perWorker = new Map<number, Done[]>();
  for (const d of results) {
    if (!d) continue;
    if (!perWorker.has(d.worker)) perWorker.set(d.worker, []);
    perWorker.get(d.worker)!.push(d);
  }
  // A thread's vocabulary grew in the order it read its files, which is the order of idx it was fed.
  for (const [w, list] of perWorker) {
    list.sort((a, b) => a.reply.idx - b.reply.idx);
    const map: number[] = [];
    for (const d of list) {
      for (const word of d.reply.newWords) {
        let g = global.get(word);
        if (g === undefined) {
          g = words.length;
          global.set(word, g);
          words.push(word);
        }
        map.push(g);
      }
    }
    localToGlobal[w] = Uint32Array.from(map);
  }
  const counts = new Uint32Array(words.length);
  localToGlobal.forEach((map, w) => {
    const local = localCounts[w];
    for (let l = 0; l < local.length; l++) counts[map[l]] += local[l];
  });
  const kept: Done[] = [];
  const firstBySha = new Map<string, string>();
  files.forEach((file, i) => {
    const d = results[i];
    if (!d) return;
    const reply = d.reply;
    if (!reply.ok) {
      skipped.push({ path: file.path, reason: reply.reason });
      return;
    }
    if (file.bytes === 0 || reply.ids.length === 0) {
      skipped.push({ path: file.path, reason: file.bytes === 0 ? 'empty file' : 'no words in the file' });
      return;
    }
    const twin = reply.sha1 ? firstBySha.get(reply.sha1) : undefined;
    if (twin !== undefined) {
      skipped.push({ path: file.path, reason: `duplicate of ${twin}` });
      const map = localToGlobal[d.worker];
      for (const l of reply.ids) counts[map[l]]--;
      return;
    }
    if (reply.sha1) firstBySha.set(reply.sha1, file.path);
    kept.push(d);
  });
  return { words, counts, kept, localToGlobal };
}

/** Orders words by count (descending), ties by code-unit order of the word, dropping unused ones. */
function rankByFrequency(words: string[], counts: Uint32Array): { order: number[]; rank: Uint32Array } {
  const order: number[] = [];
  for (let g = 0; g < words.length; g++) if (counts[g] > 0) order.push(g);
  order.sort((a, b) => counts[b] - counts[a] || (words[a] < words[b] ? -1 : words[a] > words[b] ? 1 : 0));
  const rank = new Uint32Array(words.length);
  order.forEach((g, r) => (rank[g] = r));
  return { order, rank };
}
