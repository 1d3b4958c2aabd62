/**
 * Co-occurrence counting over a training stream, in parallel and in bounded memory.
 *
 * Threads take contiguous shares of the segments. Each counts the pairs of
 * frequent rows in a dense table and the rest in sorted runs (spilled to disk
 * past a budget); this thread sums the dense tables, merges the runs, and
 * returns the upper triangle as CSR.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { spillDirPath, sweepSpillDirs } from '../base/leftovers.js';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { QUIET_HEAP, startWorker } from '../base/workers.js';
import type { ProgressSink } from '../base/progress.js';
import type { TrainingStream } from '../corpus/trainingStream.js';
import { pairWeights, type CoocOptions } from './options.js';
import { fileRun, memoryRun, mergeRuns, type Run } from './sparseRuns.js';
import type { CountReply, CountTask, RunHandle } from './coocProtocol.js';
import { Cancelled } from '../base/errors.js';

/** Upper triangle (i ≤ j) of the symmetric count matrix: U[i][j] = weighted occurrences of the pair. */
export interface UpperCounts {
  vocab: number;
  rowPtr: Float64Array;
  cols: Uint32Array;
  vals: Float32Array;
}

/** What a count wrote to disk because its sorted runs outgrew their memory budget. */
export interface SpillStats {
  runs: number;
  bytes: number;
}

/** A fresh count: the table, and how much of it went through disk on the way. */
export interface CountedPairs extends UpperCounts {
  spill: SpillStats;
}

export interface CountLimits {
  threads?: number;
  /** Bytes of dense table per thread. */
  denseBytes?: number;
  /** Bytes of sorted runs each thread may keep in memory before spilling to disk. */
  runBudgetBytes?: number;
  sparseCapacity?: number;
}

export async function countCooccurrences(
  stream: TrainingStream, vocab: number, opts: Pick<CoocOptions, 'window' | 'weighting'>,
  progress: ProgressSink, signal: AbortSignal, limits: CountLimits = {},
): Promise<CountedPairs> {
  const segs = stream.segStarts.length;
  const threads = Math.max(1, Math.min(limits.threads ?? availableParallelism(), 16, Math.max(1, segs)));
  const denseRows = Math.min(vocab, Math.floor((limits.denseBytes ?? 96e6) / 8 / Math.max(1, vocab)));
  const weights = pairWeights(opts);
  let shared = stream.ids.buffer as SharedArrayBuffer;
  if (!(shared instanceof SharedArrayBuffer) || stream.ids.byteOffset !== 0) {
    shared = new SharedArrayBuffer(Math.max(4, stream.ids.byteLength));
    new Uint32Array(shared).set(stream.ids);
  }
  sweepSpillDirs(); // what killed counts left in the temp folder
  const spillDir = spillDirPath();
  mkdirSync(spillDir);
  progress.phase('counting', stream.ids.length, 'tokens');

  // Equal shares of tokens, cut at segment starts.
  const bounds: number[] = [0];
  for (let t = 1; t < threads; t++) {
    const target = (stream.ids.length * t) / threads;
    let g = bounds[t - 1];
    while (g < segs && stream.segStarts[g] < target) g++;
    bounds.push(g);
  }
  bounds.push(segs);

  const workers: Worker[] = [];
  let processed = 0;
  try {
    const replies = await Promise.all(
      Array.from({ length: threads }, (_, t) =>
        new Promise<{ dense: Float64Array; runs: RunHandle[] }>((resolve, reject) => {
          const task: CountTask = {
            ids: shared, length: stream.ids.length, segStarts: stream.segStarts, segFrom: bounds[t], segTo: bounds[t + 1],
            vocab, window: opts.window, weights, denseRows,
            sparseCapacity: limits.sparseCapacity ?? 1 << 22,
            runBudgetBytes: (limits.runBudgetBytes ?? 400e6) / threads,
            spillDir,
          };
          const w = startWorker('cooc', { workerData: task, resourceLimits: QUIET_HEAP });
          workers.push(w);
          const onAbort = (): void => reject(new Cancelled());
          signal.addEventListener('abort', onAbort, { once: true });
          if (signal.aborted) onAbort(); // a cancel that came before the listener
          w.on('message', (m: CountReply) => {
            if (m.type === 'progress') {
              processed += m.tokens;
              progress.update(processed);
            } else if (m.type === 'done') {
              signal.removeEventListener('abort', onAbort);
              resolve(m);
            } else reject(new Error(m.message));
          });
          w.on('error', reject);
        }),
      ),
    );
    progress.phase('merging counts', replies.length, 'threads');
    const dense = replies[0].dense;
    for (let t = 1; t < replies.length; t++) {
      const other = replies[t].dense;
      for (let k = 0; k < dense.length; k++) dense[k] += other[k];
      replies[t].dense = new Float64Array(0);
    }
    const handles = replies.flatMap((r) => r.runs);
    const spilled = handles.filter((h) => h.kind === 'file');
    // A file run holds 8 bytes of pair index and 4 of value per entry (sparseRuns.ts).
    const spill = { runs: spilled.length, bytes: spilled.reduce((sum, h) => sum + h.length * 12, 0) };
    const runs: Run[] = handles.map((h) => (h.kind === 'memory' ? memoryRun(h.pairs, h.values) : fileRun(h.path, h.length)));
    try {
      return { ...assemble(vocab, denseRows, dense, runs), spill };
    } finally {
      for (const r of runs) r.dispose();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    rmSync(spillDir, { recursive: true, force: true });
  }
}

function assemble(V: number, denseRows: number, dense: Float64Array, runs: Run[]): UpperCounts {
  const rowPtr = new Float64Array(V + 1);
  let cap = 1 << 20;
  let cols = new Uint32Array(cap);
  let vals = new Float32Array(cap);
  let n = 0;
  const push = (col: number, value: number): void => {
    if (n === cap) {
      cap *= 2;
      const c = new Uint32Array(cap);
      c.set(cols);
      cols = c;
      const v = new Float32Array(cap);
      v.set(vals);
      vals = v;
    }
    cols[n] = col;
    vals[n++] = value;
  };
  for (let a = 0; a < denseRows; a++) {
    rowPtr[a] = n;
    const base = a * V;
    for (let b = a; b < V; b++) {
      const x = dense[base + b];
      if (x !== 0) push(b, x);
    }
  }
  let row = denseRows;
  rowPtr[row] = n;
  mergeRuns(runs, (pair, value) => {
    const a = Math.floor(pair / V);
    while (row < a) rowPtr[++row] = n;
    push(pair - a * V, value);
  });
  while (row < V) rowPtr[++row] = n;
  return { vocab: V, rowPtr, cols: cols.slice(0, n), vals: vals.slice(0, n) };
}
