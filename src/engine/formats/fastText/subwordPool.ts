/**
 * The vocabulary's sum of n-gram rows during a fastText import, inline or on threads. The threads
 * share W (words × dim) and split the words into ranges of about equal n-gram counts, each with its
 * own bucket → words index, so that no two write the same row. The main thread streams the file into
 * two row buffers in turn: while the threads add one, it reads the next.
 *
 * Both ways add, for each word, its n-gram rows in bucket order, element by element, so the threads
 * give the same floats as the inline pass (the tests check it).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { LabError } from '../../../shared/labError.js';
import { QUIET_HEAP, startWorker, workerAvailable } from '../../base/workers.js';
import { addBucketRows, bucketIndex, divideRowRange } from './subwordKernel.js';
import type { SubwordThreadOp, SubwordThreadReply } from './subwordProtocol.js';

/** Below this many additions (words' n-grams × dim) threads cost more than they save. */
const THREADED_WORK = 1 << 26;
const MAX_THREADS = 4;

export interface SubwordSumOptions {
  /** Threads for the sum; by default up to 4 (as many as the machine has) when the work is large, else 1 (inline). */
  threads?: number;
  /** Rows per buffer. */
  chunkRows: number;
}

export class SubwordSum {
  private readonly workers: Worker[] = [];
  private readonly chunks: Float32Array[] = [];
  private readonly busy: (Promise<void> | null)[] = [];
  private inline: { bucketStart: Uint32Array; wordIds: Uint32Array } | null = null;
  private next = 0;
  private failed: Error | null = null;

  /** The vocabulary's matrix: the caller writes the words' own rows into it first. */
  readonly W: Float32Array;

  /**
   * For `words` words of `dim` dimensions whose n-gram buckets are ids[wordStart[w] .. wordStart[w + 1])
   * among `bucket` buckets. The ids may be dropped once this returns.
   */
  constructor(readonly dim: number, private wordStart: Uint32Array, ids: Uint32Array, readonly words: number, bucket: number, o: SubwordSumOptions) {
    const work = wordStart[words] * dim;
    const wanted = o.threads ?? (work >= THREADED_WORK ? Math.min(MAX_THREADS, availableParallelism()) : 1);
    const threads = Math.max(1, Math.min(wanted, words)) > 1 && workerAvailable('fasttext') ? Math.min(wanted, words) : 1;
    if (threads === 1) {
      this.W = new Float32Array(words * dim);
      this.inline = bucketIndex(wordStart, ids, 0, words, bucket);
      this.chunks.push(new Float32Array(o.chunkRows * dim));
      this.busy.push(null);
      return;
    }
    const sharedU32 = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(Math.max(4, 4 * n)));
    this.W = new Float32Array(new SharedArrayBuffer(Math.max(4, 4 * words * dim)));
    const start = sharedU32(words + 1);
    start.set(wordStart.subarray(0, words + 1));
    this.wordStart = start;
    for (let c = 0; c < 2; c++) {
      this.chunks.push(new Float32Array(new SharedArrayBuffer(4 * o.chunkRows * dim)));
      this.busy.push(null);
    }
    // Word ranges with about the same number of n-grams each.
    const cuts = [0];
    for (let t = 1, w = 0; t < threads; t++) {
      const target = (wordStart[words] * t) / threads;
      while (w < words && wordStart[w] < target) w++;
      cuts.push(w);
    }
    cuts.push(words);
    const inits: Promise<void>[] = [];
    for (let t = 0; t < threads; t++) {
      const index = bucketIndex(wordStart, ids, cuts[t], cuts[t + 1], bucket, sharedU32);
      const worker = startWorker('fasttext', { resourceLimits: QUIET_HEAP });
      worker.on('error', (e) => (this.failed ??= e));
      this.workers.push(worker);
      inits.push(this.send(worker, {
        op: 'init', W: this.W.buffer as SharedArrayBuffer, dim, from: cuts[t], to: cuts[t + 1],
        bucketStart: index.bucketStart.buffer as SharedArrayBuffer, wordIds: index.wordIds.buffer as SharedArrayBuffer,
        wordStart: start.buffer as SharedArrayBuffer, chunks: this.chunks.map((c) => c.buffer as SharedArrayBuffer),
      }));
    }
    this.busy[1] = quiet(Promise.all(inits).then(() => undefined));
  }

  get threads(): number {
    return Math.max(1, this.workers.length);
  }

  /** The next row buffer (chunkRows × dim), once the threads are done with it. */
  async buffer(): Promise<Float32Array> {
    const c = this.next;
    if (this.busy[c]) await this.busy[c];
    this.busy[c] = null;
    return this.chunks[c];
  }

  /** Adds the `count` rows just written to buffer() (buckets first..first + count − 1) to their words. */
  async add(first: number, count: number): Promise<void> {
    const c = this.next;
    if (this.inline) {
      addBucketRows(this.inline.bucketStart, this.inline.wordIds, this.chunks[0], first, count, this.dim, this.W);
      return;
    }
    // The other buffer's work (and the start-up) must be done before this one's is sent: no thread
    // then holds work on both while the main thread overwrites one.
    const other = this.busy[1 - c];
    if (other) await other;
    this.busy[1 - c] = null;
    this.busy[c] = quiet(this.all({ op: 'add', chunk: c, first, count }));
    this.next = 1 - c;
  }

  /** Waits for every addition, divides each row by 1 + its n-gram count, and returns W. */
  async finish(): Promise<Float32Array> {
    if (this.inline) {
      divideRowRange(this.W, this.dim, this.wordStart, 0, this.words);
      return this.W;
    }
    await Promise.all(this.busy);
    await this.all({ op: 'divide' });
    return this.W;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private all(m: SubwordThreadOp): Promise<void> {
    return Promise.all(this.workers.map((w) => this.send(w, m))).then(() => undefined);
  }

  private send(w: Worker, m: SubwordThreadOp): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failed) return reject(threadError(this.failed));
      const onExit = (): void => reject(threadError(this.failed ?? new Error('the thread stopped')));
      w.once('exit', onExit);
      w.once('message', (r: SubwordThreadReply) => {
        w.off('exit', onExit);
        if (r.ok) resolve();
        else reject(threadError(new Error(r.message)));
      });
      w.postMessage(m);
    });
  }
}

/** The promise, with a handler attached so that a failure nobody awaits yet (the import stopped) is not an unhandled rejection. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

function threadError(e: Error): LabError {
  return new LabError(`The n-gram sum of the fastText import failed in a thread: ${e.message}`, 'failed');
}
