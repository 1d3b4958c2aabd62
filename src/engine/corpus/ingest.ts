/**
 * Ingestion: folder → tokens → one corpus in the store.
 *
 * Files are tokenized by a pool of threads, each with its own vocabulary, which
 * keep the token ids they read. This orchestrator merges their vocabularies into
 * one, drops duplicate files, ranks words by frequency, and has each thread
 * renumber and encode its own files; then it stores everything in a single
 * transaction. Until that transaction commits nothing is written, so a cancel or
 * a crash leaves no partial corpus.
 */
import { availableParallelism, totalmem } from 'node:os';
import { basename, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { SkippedFile } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { insertCorpusAsChunksArrive, setIngestSeconds, type StoredFile } from '../store/corpora.js';
import { ChunkAssembler } from '../store/chunkAssembler.js';
import { startWorker } from '../base/workers.js';
import { walkTextFiles, type FoundFile } from './walk.js';
import type { FileReply, FileTask, FromTokenizer, ToTokenizer, CountsReply, EncodedReply, EncodedSegment } from './tokenizeProtocol.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { LabError } from '../../shared/labError.js';
import { printable } from '../../shared/printable.js';

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
  const files = walk.files;
  checkFitsInMemory(root, files);
  const skipped: SkippedFile[] = [...walk.skipped];
  const pool = new TokenizerPool(Math.max(1, Math.min(opts.threads ?? availableParallelism(), files.length, 8)), opts.lowercase, signal);
  try {
    const results = await pool.tokenize(files, progress);

    progress.phase('building vocabulary', 0, 'steps');
    const { kept, duplicates } = keptFiles(files, results, skipped);
    const localCounts = await pool.counts(duplicates);
    const { words, counts, localToGlobal } = mergeVocabularies(results, localCounts);
    if (kept.length === 0) {
      const why = files.length === 0 ? 'no .txt, .md or .text files (or their .gz) were found' : 'none of its files held any words';
      throw new Error(`Nothing to ingest in ${root}: ${why}.${skipped.length ? ` ${skipped.length} item(s) were skipped.` : ''}`);
    }
    const order = rankByFrequency(counts);
    const rank = new Uint32Array(words.length);
    order.forEach((g, r) => (rank[g] = r));

    const storedFiles: StoredFile[] = [];
    // Typed and sized up front: a number[] of every paragraph start cost 8–16 bytes a paragraph.
    const breaks = new Uint32Array(kept.reduce((n, d) => n + 1 + (d.reply as Extract<FileReply, { ok: true }>).breaks.length, 0));
    let nBreaks = 0;
    const placement: { idx: number; firstToken: number }[][] = localToGlobal.map(() => []);
    let offset = 0;
    for (const d of kept) {
      const reply = d.reply as Extract<FileReply, { ok: true }>;
      breaks[nBreaks++] = offset;
      for (const b of reply.breaks) breaks[nBreaks++] = offset + b;
      storedFiles.push({ path: d.file.path, bytes: d.file.bytes, tokens: reply.tokens, firstToken: offset, encoding: reply.encoding, sha1: reply.sha1 });
      placement[d.worker].push({ idx: reply.idx, firstToken: offset });
      offset += reply.tokens;
    }
    // Each thread's local → global → rank map, so that it renumbers its files in one pass.
    const localToRank = localToGlobal.map((map) => {
      const out = new Uint32Array(map.length);
      for (let l = 0; l < map.length; l++) out[l] = rank[map[l]];
      return out;
    });
    // The threads encode the stream while the rest of the corpus is written; each chunk is stored once complete.
    const assembler = new ChunkAssembler(offset);
    const encoded = pool.encode(localToRank, placement, (segments) => assembler.add(segments));
    encoded.catch(() => {}); // a failure is met where it is awaited
    progress.phase('saving', 0, 'steps');
    const corpusId = await insertCorpusAsChunksArrive(db, {
      name: opts.name ?? (basename(root) || root),
      source: opts.source ?? root,
      minCount: opts.minCount,
      lowercase: opts.lowercase,
      ingestSeconds: (performance.now() - started) / 1000,
      files: storedFiles,
      skipped,
      words: Array.from(order, (g) => words[g]),
      counts: Uint32Array.from(order, (g) => counts[g]),
      breaks,
    }, offset, assembler, encoded);
    // The figure users see includes the save itself, which is only known now.
    setIngestSeconds(db, corpusId, (performance.now() - started) / 1000);
    return { corpusId };
  } finally {
    await pool.close();
  }
}

/**
 * What ingestion holds, measured (test/unit/corpus/bigInputs.test.ts): a part that stops growing past
 * a few MB of text (threads, buffers, the allocator's slack: 300–350 MB) and the token stream, kept
 * compactly until it is stored: about 0.4 bytes a byte of prose, 0.5 for one-letter words, the
 * densest text. The estimate allows 512 MB + 0.75 a byte. A gzip file counts 4 times its size.
 */
export const INGEST_FIXED_BYTES = 512 << 20;
export const INGEST_BYTES_PER_TEXT_BYTE = 0.75;
const GZIP_RATIO = 4;

/** The memory one ingestion may use: EMBEDLAB_INGEST_MEMORY_MB, else 80% of the machine's. */
function ingestMemoryLimit(): number {
  const mb = Number(process.env.EMBEDLAB_INGEST_MEMORY_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 0.8 * totalmem();
}

/** Refuses, before reading a byte, a corpus whose ingestion could need more memory than the limit. */
function checkFitsInMemory(root: string, files: FoundFile[]): void {
  let text = 0;
  let largest: FoundFile | null = null;
  for (const f of files) {
    text += f.gzip ? GZIP_RATIO * f.bytes : f.bytes;
    if (!largest || f.bytes > largest.bytes) largest = f;
  }
  const need = INGEST_FIXED_BYTES + INGEST_BYTES_PER_TEXT_BYTE * text;
  const limit = ingestMemoryLimit();
  if (need <= limit || !largest) return;
  const gb = (n: number): string => `${(n / 1e9).toFixed(2)} GB`;
  const what = files.length === 1 ? `${printable(typeof largest.absPath === 'string' ? largest.absPath : `${root}/${largest.path}`, 300)} is ${gb(text)} of text` :
    `${printable(root, 300)} holds ${gb(text)} of text in ${files.length.toLocaleString('en-US')} files (the largest: ${printable(largest.path, 200)}, ${gb(largest.bytes)})`;
  throw new LabError(
    `${what}; ingesting it may need ${gb(need)} of memory, more than the ${gb(limit)} allowed ` +
      `(80% of this machine's memory, or EMBEDLAB_INGEST_MEMORY_MB). Ingest a part of it.`,
    'invalid',
  );
}

/**
 * The tokenizer threads. Files are fed one at a time to whichever thread is free;
 * later requests go to every thread and wait for all the replies.
 */
class TokenizerPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;
  private readonly failed: Promise<never>;
  private onFile: (w: number, msg: FileReply) => void = () => {};
  private onBytes: (w: number, bytes: number) => void = () => {};
  private onSegments: (segments: EncodedSegment[]) => void = () => {};
  private readonly waiting = new Map<number, (msg: FromTokenizer) => void>();

  constructor(readonly size: number, lowercase: boolean, signal: AbortSignal) {
    let fail: (e: Error) => void = () => {};
    this.failed = new Promise<never>((_, reject) => (fail = reject));
    this.failed.catch(() => {}); // observed through the races below
    const stop = (e: Error): void => {
      this.failure ??= e;
      fail(this.failure);
    };
    signal.addEventListener('abort', () => stop(new Cancelled()), { once: true });
    for (let w = 0; w < size; w++) {
      const worker = startWorker('tokenize', { workerData: { lowercase } });
      worker.on('error', stop);
      worker.on('message', (msg: FromTokenizer) => {
        if (msg.type === 'file') this.onFile(w, msg);
        else if (msg.type === 'bytes') this.onBytes(w, msg.bytes);
        else if (msg.type === 'encoded-part') {
          try {
            this.onSegments(msg.segments);
          } catch (e) {
            stop(e as Error); // a segment that does not fit fails the ingestion, as a thread's error would
          }
        }
        else {
          const resolveReply = this.waiting.get(w);
          this.waiting.delete(w);
          resolveReply?.(msg);
        }
      });
      this.workers.push(worker);
    }
  }

  /** Tokenizes every file; resolves with the replies in walk order. */
  async tokenize(files: FoundFile[], progress: ProgressSink): Promise<(Done | undefined)[]> {
    const results: (Done | undefined)[] = new Array(files.length);
    if (files.length === 0) return results;
    const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
    // Identical files have identical sizes: only files that share a size are hashed.
    const sizeCounts = new Map<number, number>();
    for (const f of files) sizeCounts.set(f.bytes, (sizeCounts.get(f.bytes) ?? 0) + 1);
    const inflight = new Float64Array(this.size);
    let next = 0;
    let doneFiles = 0;
    let doneBytes = 0;
    let tokens = 0;
    progress.phase('tokenizing', totalBytes, 'bytes');
    const report = (): void => {
      const bytes = doneBytes + inflight.reduce((a, b) => a + b, 0);
      progress.update(Math.min(bytes, totalBytes), { files: doneFiles, filesTotal: files.length, tokens });
    };
    const feed = (w: number): void => {
      if (next >= files.length) return;
      const idx = next++;
      const f = files[idx];
      const task: FileTask = { idx, absPath: f.absPath, gzip: f.gzip, hash: (sizeCounts.get(f.bytes) ?? 0) > 1 };
      this.workers[w].postMessage(task satisfies ToTokenizer);
    };
    const allRead = new Promise<void>((resolveAll) => {
      this.onBytes = (w, bytes) => {
        inflight[w] += bytes;
        report();
      };
      this.onFile = (w, msg) => {
        inflight[w] = 0; // the bytes of its next file are reported from the start
        results[msg.idx] = { file: files[msg.idx], reply: msg, worker: w };
        doneFiles++;
        doneBytes += files[msg.idx].bytes;
        if (msg.ok) tokens += msg.tokens;
        report();
        if (doneFiles === files.length) resolveAll();
        else feed(w);
      };
    });
    // Two files queued per thread, so that none waits for the next one to arrive.
    for (let w = 0; w < this.size; w++) feed(w);
    for (let w = 0; w < this.size; w++) feed(w);
    await Promise.race([allRead, this.failed]);
    return results;
  }

  /** Every thread's counts, once the duplicate files it read are dropped. */
  counts(duplicates: Done[]): Promise<Uint32Array[]> {
    return this.ask((w) => ({ type: 'counts', drop: duplicates.filter((d) => d.worker === w).map((d) => d.reply.idx) }))
      .then((replies) => replies.map((r) => (r as CountsReply).counts));
  }

  /** Every thread's kept files, renumbered to ranks and encoded. */
  /** Has every thread encode its kept files; segments go to `onSegments` as they arrive. */
  async encode(localToRank: Uint32Array[], placement: { idx: number; firstToken: number }[][], onSegments: (s: EncodedSegment[]) => void): Promise<void> {
    this.onSegments = onSegments;
    const replies = await this.ask((w) => ({ type: 'encode', toRank: localToRank[w] ?? new Uint32Array(0), files: placement[w] ?? [] }));
    for (const r of replies) onSegments((r as EncodedReply).segments);
  }

  private async ask(request: (w: number) => ToTokenizer): Promise<FromTokenizer[]> {
    if (this.failure) throw this.failure;
    const replies = this.workers.map((worker, w) => new Promise<FromTokenizer>((resolveReply) => {
      this.waiting.set(w, resolveReply);
      worker.postMessage(request(w));
    }));
    return Promise.race([Promise.all(replies), this.failed]);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Sorts out the files that are stored (in walk order) from failures, empty files and duplicates. */
function keptFiles(files: FoundFile[], results: (Done | undefined)[], skipped: SkippedFile[]): { kept: Done[]; duplicates: Done[] } {
  const kept: Done[] = [];
  const duplicates: Done[] = [];
  const firstBySha = new Map<string, string>();
  files.forEach((file, i) => {
    const d = results[i];
    if (!d) return;
    const reply = d.reply;
    if (!reply.ok) {
      skipped.push({ path: file.path, reason: reply.reason });
      return;
    }
    if (file.bytes === 0 || reply.tokens === 0) {
      skipped.push({ path: file.path, reason: file.bytes === 0 ? 'empty file' : 'no words in the file' });
      return;
    }
    const twin = reply.sha1 ? firstBySha.get(reply.sha1) : undefined;
    if (twin !== undefined) {
      skipped.push({ path: file.path, reason: `duplicate of ${twin}` });
      duplicates.push(d);
      return;
    }
    if (reply.sha1) firstBySha.set(reply.sha1, file.path);
    kept.push(d);
  });
  return { kept, duplicates };
}

/**
 * Builds the global vocabulary from the threads' local ones, and its counts from
 * theirs. Files are visited in walk order, so global ids follow the order in which
 * words first occur in the folder, whichever thread read them.
 */
function mergeVocabularies(results: (Done | undefined)[], localCounts: Uint32Array[]) {
  const global = new Map<string, number>();
  const words: string[] = [];
  const localToGlobal: number[][] = localCounts.map(() => []);
  for (const d of results) {
    if (!d) continue;
    const map = localToGlobal[d.worker];
    if (d.reply.newWords === '') continue;
    for (const word of d.reply.newWords.split('\n')) {
      let g = global.get(word);
      if (g === undefined) {
        g = words.length;
        global.set(word, g);
        words.push(word);
      }
      map.push(g);
    }
  }
  const counts = new Uint32Array(words.length);
  localToGlobal.forEach((map, w) => {
    const local = localCounts[w];
    for (let l = 0; l < local.length; l++) counts[map[l]] += local[l];
  });
  return { words, counts, localToGlobal };
}

/**
 * Word ids by count, descending; ties keep the order of first occurrence (as
 * gensim's vocabulary does). Unused words are dropped. A counting sort: it is
 * linear in the vocabulary, where comparing strings for ties was not.
 */
export function rankByFrequency(counts: Uint32Array): Uint32Array {
  const SMALL = 1 << 16; // counts below this are bucketed; the few above are sorted
  const buckets = new Uint32Array(SMALL + 1);
  const large: number[] = [];
  for (let g = 0; g < counts.length; g++) {
    const c = counts[g];
    if (c >= SMALL) large.push(g);
    else if (c > 0) buckets[c]++;
  }
  large.sort((a, b) => counts[b] - counts[a] || a - b);
  // Bucket starts, from the largest small count down.
  const start = new Uint32Array(SMALL + 1);
  let at = large.length;
  for (let c = SMALL - 1; c >= 1; c--) {
    start[c] = at;
    at += buckets[c];
  }
  const order = new Uint32Array(at);
  order.set(large);
  for (let g = 0; g < counts.length; g++) {
    const c = counts[g];
    if (c > 0 && c < SMALL) order[start[c]++] = g;
  }
  return order;
}
