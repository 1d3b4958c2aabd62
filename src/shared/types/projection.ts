/** Projections (PCA, UMAP, t-SNE, custom axes) and clusterings of a run's vectors. */
import { z } from 'zod/v3';
import type { JobState } from './jobs.js';

const Id = z.number().int().positive();

/** Projections and clusters (the Projector): shared fields of every projection request. */
const projectionBase = {
  runId: Id,
  /** The N most frequent words of the run. */
  top: z.number().int().min(10).max(100_000).default(10_000),
  dims: z.union([z.literal(2), z.literal(3)]).default(3),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /**
   * Only these words of the run (the Projector's Isolate), in place of the top N:
   * unknown words are refused; the lab keeps them in the vocabulary's spelling,
   * each once, most frequent first.
   */
  words: z.array(z.string().trim().min(1).max(100)).min(1).max(100_000).optional(),
};
const axisWords = z.array(z.string().trim().min(1).max(100)).max(1000);
export const projectionAxis = z
  .object({ plus: axisWords.min(1, 'needs at least one word'), minus: axisWords.default([]) })
  .strict();
export const projectionStart = z
  .discriminatedUnion('method', [
    z.object({ ...projectionBase, method: z.literal('pca'), params: z.object({}).strict().default({}) }).strict(),
    z
      .object({
        ...projectionBase,
        method: z.literal('umap'),
        params: z
          .object({
            nNeighbors: z.number().int().min(2).max(200).default(15),
            minDist: z.number().min(0).max(1).default(0.1),
            /** 0: umap-js's default for the size (200 above 10,000 points, up to 500 below). */
            epochs: z.number().int().min(0).max(2000).default(0),
          })
          .strict()
          .default({ nNeighbors: 15, minDist: 0.1, epochs: 0 }),
      })
      .strict(),
    z
      .object({
        ...projectionBase,
        method: z.literal('tsne'),
        params: z
          .object({
            perplexity: z.number().min(2).max(100).default(30),
            iterations: z.number().int().min(50).max(5000).default(1000),
            theta: z.number().min(0.1).max(1).default(0.5),
          })
          .strict()
          .default({ perplexity: 30, iterations: 1000, theta: 0.5 }),
        /** Continue a paused (cancelled) t-SNE with the same parameters from its stored state. */
        resume: z.boolean().optional(),
      })
      .strict(),
    z
      .object({
        ...projectionBase,
        method: z.literal('axes'),
        params: z
          .object({
            /** One axis per output dimension: direction = mean(plus) − mean(minus). */
            axes: z.array(projectionAxis).min(2).max(3),
            /** Gram–Schmidt the directions in order (x kept, y made orthogonal to x, …); off: raw scores on each direction. */
            orthogonalize: z.boolean().default(false),
          })
          .strict(),
      })
      .strict(),
  ])
  .superRefine((v, ctx) => {
    if (v.method === 'axes' && v.params.axes.length !== v.dims) {
      ctx.addIssue({ code: 'custom', path: ['params', 'axes'], message: `${v.dims} dimensions need ${v.dims} axes, not ${v.params.axes.length}` });
    }
    const distinct = v.words ? new Set(v.words).size : Infinity;
    if (distinct <= v.dims) {
      ctx.addIssue({ code: 'custom', path: ['words'], message: `a ${v.dims}D projection needs at least ${v.dims + 1} distinct words, not ${distinct}` });
    }
  });

/** vectors.cluster: k-means of a run's top N words (or of the listed words only). */
export const clusterStart = z
  .object({
    runId: Id,
    top: projectionBase.top,
    k: z.number().int().min(2).max(100),
    seed: projectionBase.seed,
    maxIterations: z.number().int().min(1).max(1000).default(100),
    words: projectionBase.words,
  })
  .strict()
  .superRefine((v, ctx) => {
    const distinct = v.words ? new Set(v.words).size : Infinity;
    if (distinct < v.k) ctx.addIssue({ code: 'custom', path: ['words'], message: `k = ${v.k} clusters need at least ${v.k} distinct words, not ${distinct}` });
  });

/** What reproduces a projection: the validated request, defaults filled in. */
export type ProjectionSpec = z.output<typeof projectionStart>;
export type ProjectionMethod = ProjectionSpec['method'];

/** The answer to projection.start or vectors.cluster: ready now (fetch it by id), or a job to follow. */
export interface ProjectionStarted {
  /** A hash of (runId, parameters): the same request gives the same id. */
  id: string;
  status: 'ready' | 'running';
  job: JobState | null;
}

export interface ProjectionSummary {
  id: string;
  spec: ProjectionSpec;
  /** 'paused': a cancelled t-SNE whose state was kept; start it again with resume: true. */
  status: 'done' | 'paused';
  points: number;
  createdAt: string;
  seconds: number;
}

export interface ProjectionAxisInfo {
  label: string;
  plus: string[];
  minus: string[];
  /** Words of the lists that are not in the run's vocabulary (left out). */
  missing: string[];
}

export interface Projection extends ProjectionSummary {
  runName: string;
  /** Dimension of the original vectors. */
  vectorDim: number;
  dims: 2 | 3;
  words: string[];
  counts: number[];
  /** Only for a subset (spec.words): each point's row in the run's vocabulary (a top-N projection's point i is row i). */
  vocabIndex?: number[];
  /** Row-major, points × dims. */
  coords: number[];
  /** PCA: the share of the variance of the N unit vectors on each axis. */
  explainedVariance?: number[];
  axes?: ProjectionAxisInfo[];
  /** Method figures shown with the view (iterations done, KL divergence, neighbour space…). */
  info: Record<string, number | string>;
}

export interface Clustering {
  id: string;
  spec: z.output<typeof clusterStart>;
  /** Cluster of each of the top N (or listed) words, in the projection's word order. */
  labels: number[];
  sizes: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
  seconds: number;
}
