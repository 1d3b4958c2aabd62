/**
 * Sorted runs of (pair, weight) and their k-way merge. A run lives in memory or,
 * past the memory budget, in a temporary file read back in blocks, so that a
 * pair table larger than memory still counts.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

export interface Run {
  length: number;
  /** Reads entries [at, at + n) into the given arrays. */
  read(at: number, n: number, pairs: Float64Array, values: Float32Array): void;
  dispose(): void;
}

export function memoryRun(pairs: Float64Array, values: Float32Array): Run {
  return {
    length: pairs.length,
    read(at, n, outPairs, outValues) {
      outPairs.set(pairs.subarray(at, at + n));
      outValues.set(values.subarray(at, at + n));
    },
    dispose() {},
  };
}

/** Writes a run to `path`: the pairs block, then the values block. */
export function writeRunFile(path: string, pairs: Float64Array, values: Float32Array): void {
  const fd = openSync(path, 'w');
  writeSync(fd, new Uint8Array(pairs.buffer, pairs.byteOffset, pairs.byteLength));
  writeSync(fd, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  closeSync(fd);
}

/** A run of `n` entries written by writeRunFile; disposing it deletes the file. */
export function fileRun(path: string, n: number): Run {
  const fd = openSync(path, 'r');
  return {
    length: n,
    read(at, count, outPairs, outValues) {
      readSync(fd, new Uint8Array(outPairs.buffer, outPairs.byteOffset, count * 8), 0, count * 8, at * 8);
      readSync(fd, new Uint8Array(outValues.buffer, outValues.byteOffset, count * 4), 0, count * 4, n * 8 + at * 4);
    },
    dispose() {
      closeSync(fd);
      rmSync(path, { force: true });
    },
  };
}

const BLOCK = 1 << 16;

/**
 * Merges runs in pair order, summing equal pairs, and calls `emit` once per
 * distinct pair. Memory: one block per run.
 */
export function mergeRuns(runs: Run[], emit: (pair: number, value: number) => void): void {
  const k = runs.length;
  const pairs = runs.map(() => new Float64Array(BLOCK));
  const values = runs.map(() => new Float32Array(BLOCK));
  const pos = new Float64Array(k); // position in the run of the block's first entry
  const fill = new Int32Array(k);
  const cursor = new Int32Array(k);
  const load = (r: number): boolean => {
    pos[r] += fill[r];
    const n = Math.min(BLOCK, runs[r].length - pos[r]);
    fill[r] = n;
    cursor[r] = 0;
    if (n > 0) runs[r].read(pos[r], n, pairs[r], values[r]);
    return n > 0;
  };
  // A binary heap of run indices ordered by their current pair.
  const heap: number[] = [];
  const key = (r: number): number => pairs[r][cursor[r]];
  const less = (x: number, y: number): boolean => key(heap[x]) < key(heap[y]);
  const swap = (x: number, y: number): void => {
    const t = heap[x];
    heap[x] = heap[y];
    heap[y] = t;
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) return;
      swap(i, p);
      i = p;
    }
  };
  for (let r = 0; r < k; r++) {
    if (load(r)) {
      heap.push(r);
      up(heap.length - 1);
    }
  }
  let current = -1;
  let acc = 0;
  while (heap.length) {
    const r = heap[0];
    const pair = pairs[r][cursor[r]];
    if (pair !== current) {
      if (current >= 0) emit(current, acc);
      current = pair;
      acc = 0;
    }
    acc += values[r][cursor[r]];
    cursor[r]++;
    if (cursor[r] === fill[r] && !load(r)) {
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        down(0);
      }
    } else down(0);
  }
  if (current >= 0) emit(current, acc);
}
