/**
 * Run by memory.test.ts in its own process: imports one file and prints, as JSON, the growth of the
 * peak resident set size over the baseline taken just before the import.
 */
import { importVectors } from '../../../src/engine/formats/index.js';

const file = process.argv[2];
(globalThis as { gc?: () => void }).gc?.();
const base = process.memoryUsage().rss;
let updates = 0;
let last = 0;
let monotonic = true;
let total = 0;
const v = await importVectors(file, {
  progress: {
    phase: (_name, t) => {
      total = t;
    },
    update: (done) => {
      if (done < last) monotonic = false;
      last = done;
      updates++;
    },
  },
});
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ words: v.words.length, dim: v.dim, matrixBytes: v.W.byteLength, growth: peak - base, updates, monotonic, last, total }) + '\n');
