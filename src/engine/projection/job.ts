/**
 * The job side of projections and clustering (inside a job's worker thread):
 * read the run's vectors, compute, and write the result to a file the lab reads
 * back. Coordinates go through a file rather than the job's result, because the
 * job's result is broadcast to every client with each job event.
 */
import { writeFileSync } from 'node:fs';
import type { ProjectionSpec } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import { readRunVectors } from '../store/runs.js';
import { linalgKernels } from '../kernels/registry.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';
import { gatherUnitRows, subsetIndices, topIndices, yielder } from './rows.js';
import { projectJob, type Points } from './compute.js';
import { kmeans } from './kmeans.js';
import type { TsneState } from './tsne.js';

export interface ProjectJobParams {
  key: string;
  spec: ProjectionSpec;
  outPath: string;
  /** A paused t-SNE's state and the seconds it had run. */
  resume?: TsneState & { seconds: number };
}

export interface ClusterSpec {
  runId: number;
  top: number;
  k: number;
  seed: number;
  maxIterations: number;
  /** Only these words (in the vocabulary's spelling, as the lab resolved them) in place of the top N. */
  words?: string[];
}

export interface ClusterJobParams {
  key: string;
  spec: ClusterSpec;
  outPath: string;
}

/** The run's top N words, or the listed ones (resolved by the lab to the vocabulary's spelling), as unit rows. */
export function loadPoints(db: Db, runId: number, top: number, words?: readonly string[]): Points {
  const v = readRunVectors(db, runId);
  const size = v.words.length;
  let idx: Int32Array;
  if (words) {
    const index = new Map(v.words.map((w, i) => [w, i]));
    idx = subsetIndices(words, (w) => index.get(w), v.counts, runId);
  } else idx = topIndices(v.counts, size, top);
  return {
    words: Array.from(idx, (i) => v.words[i]),
    counts: Array.from(idx, (i) => v.counts[i] ?? 0),
    indices: idx,
    X: gatherUnitRows(v.W, v.dim, idx, true),
    n: idx.length,
    d: v.dim,
  };
}

/** Binary sidecar for a paused t-SNE: Y, update and gains, one after another. */
export function stateFile(outPath: string): string {
  return `${outPath}.state`;
}

export async function runProjectJob(db: Db, p: ProjectJobParams, progress: ProgressSink, signal: AbortSignal): Promise<{ projectionId: string }> {
  const t0 = performance.now();
  progress.phase('loading vectors', 0, '');
  const points = loadPoints(db, p.spec.runId, p.spec.top, p.spec.words);
  const what = p.spec.words ? 'The chosen words are' : `Run ${p.spec.runId} has`;
  if (points.n <= 3) throw new Error(`${what} only ${points.n} words: too few to project.`);
  if (p.spec.method === 'umap' && points.n <= p.spec.params.nNeighbors) {
    throw new Error(`UMAP with ${p.spec.params.nNeighbors} neighbours needs more than ${p.spec.params.nNeighbors} points; ${what.toLowerCase()} ${points.n}. Lower Neighbours, or project more words.`);
  }
  const r = await projectJob(points, p.spec, linalgKernels(), progress, signal, p.resume);
  const seconds = (performance.now() - t0) / 1000 + (p.resume?.seconds ?? 0);
  if (r.tsneState) {
    const s = r.tsneState;
    const all = new Float64Array(s.Y.length * 3);
    all.set(s.Y, 0);
    all.set(s.update, s.Y.length);
    all.set(s.gains, 2 * s.Y.length);
    writeFileSync(stateFile(p.outPath), Buffer.from(all.buffer));
  }
  writeFileSync(
    p.outPath,
    JSON.stringify({
      status: r.status, words: points.words, counts: points.counts, vocabIndex: p.spec.words ? Array.from(points.indices) : undefined, vectorDim: points.d, coords: Array.from(r.coords),
      explainedVariance: r.explainedVariance, axes: r.axes, info: r.info, seconds, iteration: r.tsneState?.iteration,
    }),
  );
  if (r.status === 'paused') throw new Cancelled();
  return { projectionId: p.key };
}

export async function runClusterJob(db: Db, p: ClusterJobParams, progress: ProgressSink, signal: AbortSignal): Promise<{ clusterId: string }> {
  const t0 = performance.now();
  progress.phase('loading vectors', 0, '');
  const points = loadPoints(db, p.spec.runId, p.spec.top, p.spec.words);
  if (p.spec.k > points.n) throw new Error(`k = ${p.spec.k} is more than the ${points.n} words ${p.spec.words ? 'chosen' : 'of this run'}.`);
  progress.phase('k-means', p.spec.maxIterations, 'iterations');
  const r = await kmeans(points.X, points.n, points.d, p.spec.k, p.spec.seed, p.spec.maxIterations, linalgKernels(), {
    onIteration: (it, changed) => progress.update(it, { changed }),
    signal,
    pause: yielder(),
  });
  writeFileSync(
    p.outPath,
    JSON.stringify({ labels: Array.from(r.labels), sizes: r.sizes, inertia: r.inertia, iterations: r.iterations, converged: r.converged, seconds: (performance.now() - t0) / 1000 }),
  );
  return { clusterId: p.key };
}
