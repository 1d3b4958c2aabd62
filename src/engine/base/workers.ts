/**
 * Where worker entry points live. From source (tsx: CLI, tests) they are the .ts
 * files; from the build (out/engine) each is its own bundle next to the caller.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// scripts/build-engine.mjs reads this list to bundle each worker: keep one `name: 'path',` per line (paths from src/engine).
const ENTRIES = {
  tokenize: 'corpus/tokenizeWorker',
  job: 'jobs/jobWorker',
  cooc: 'cooc/coocWorker',
  linalg: 'linalg/linalgWorker',
  word2vec: 'train/word2vecWorker',
  glove: 'train/gloveWorker',
  randwalk: 'randwalk/generateWorker',
  fasttext: 'formats/fastText/subwordWorker',
} as const;

export type WorkerName = keyof typeof ENTRIES;

const fromSource = import.meta.url.endsWith('.ts');

export function workerUrl(name: WorkerName): URL {
  return fromSource ? new URL(`../${ENTRIES[name]}.ts`, import.meta.url) : new URL(`./${name}Worker.js`, import.meta.url);
}

/**
 * For threads that spend their time in kernels over shared typed arrays and make
 * few JS objects: a small young generation. V8 otherwise grows it to tens of MB
 * per thread, which measured as a sixth of a word2vec run's peak memory.
 */
export const QUIET_HEAP: WorkerOptions['resourceLimits'] = { maxYoungGenerationSizeMb: 6 };

/** Whether the worker's entry exists (a partial build may lack a bundle; callers then run the work in their own thread). */
export function workerAvailable(name: WorkerName): boolean {
  return fromSource || existsSync(fileURLToPath(workerUrl(name)));
}

/** The threads a job asks for: its `threads` option, where 0 means every core. */
export function threadsOf(p: { threads: number }): number {
  return p.threads > 0 ? p.threads : availableParallelism();
}

export function startWorker(name: WorkerName, options: WorkerOptions = {}): Worker {
  if (!fromSource) return new Worker(workerUrl(name), options);
  const bootstrap = new URL('./tsWorkerBootstrap.mjs', import.meta.url);
  const data = { ...(options.workerData as object), __tsEntry: workerUrl(name).href };
  return new Worker(bootstrap, { ...options, workerData: data });
}
