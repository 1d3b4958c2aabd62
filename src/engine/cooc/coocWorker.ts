/** A counting thread: counts its share of the segments, flushing sorted runs as its buffer fills. */
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import type { CountScratch } from '../kernels/coocKernel.js';
import { coocKernel } from '../kernels/registry.js';
import { writeRunFile } from './sparseRuns.js';
import type { CountReply, CountTask, RunHandle } from './coocProtocol.js';

const task = workerData as CountTask;
const kernel = coocKernel();
const post = (m: CountReply, transfer: ArrayBuffer[] = []): void => parentPort!.postMessage(m, transfer);

function run(): void {
  const ids = new Uint32Array(task.ids, 0, task.length);
  const s: CountScratch = {
    dense: new Float64Array(task.denseRows * task.vocab),
    denseRows: task.denseRows,
    vocab: task.vocab,
    sparse: new Float64Array(task.sparseCapacity),
    sparseFill: 0,
  };
  const runs: RunHandle[] = [];
  let runBytes = 0;
  const flush = (): void => {
    if (s.sparseFill === 0) return;
    const pairs = new Float64Array(s.sparseFill);
    const values = new Float32Array(s.sparseFill);
    const n = kernel.reduce(s.sparse.subarray(0, s.sparseFill), task.weights, pairs, values);
    s.sparseFill = 0;
    if (runBytes + n * 12 > task.runBudgetBytes) {
      const path = join(task.spillDir, `run-${process.pid}-${task.segFrom}-${runs.length}.bin`);
      writeRunFile(path, pairs.subarray(0, n), values.subarray(0, n));
      runs.push({ kind: 'file', path, length: n });
    } else {
      runs.push({ kind: 'memory', pairs: pairs.slice(0, n), values: values.slice(0, n) });
      runBytes += n * 12;
    }
  };
  let done = 0;
  let reported = 0;
  for (let g = task.segFrom; g < task.segTo; g++) {
    const start = task.segStarts[g];
    const end = g + 1 < task.segStarts.length ? task.segStarts[g + 1] : task.length;
    let p = start;
    while (p < end) {
      p = kernel.countRange(ids, p, end, end, task.window, task.weights, s);
      if (p < end) flush();
    }
    done += end - start;
    if (done - reported > 1 << 20) {
      post({ type: 'progress', tokens: done - reported });
      reported = done;
    }
  }
  flush();
  post({ type: 'progress', tokens: done - reported });
  const transfer: ArrayBuffer[] = [s.dense.buffer as ArrayBuffer];
  for (const r of runs) if (r.kind === 'memory') transfer.push(r.pairs.buffer as ArrayBuffer, r.values.buffer as ArrayBuffer);
  post({ type: 'done', dense: s.dense, runs }, transfer);
}

try {
  run();
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
