/**
 * The one API contract. Every call the UI, the CLI or a test can make is declared
 * here once: its input schema (validated at every transport boundary) and its
 * output type. Electron IPC and HTTP/WebSocket are two transports over it.
 *
 * This file is shared by the engine, the transports and the renderer, so it may
 * import nothing but zod (and its own error class).
 */
import { z } from 'zod/v3'; // zod 4's classic API: a fifth of zod 4's memory and start-up time in every process
import { LabError } from './labError.js';

export { LabError };

const Id = z.number().int().positive();
const Name = z.string().trim().min(1, 'must not be empty').max(200);

export const ingestSource = z.discriminatedUnion('kind', [
  /** A folder on the machine that runs the engine. */
  z.object({ kind: z.literal('path'), path: z.string().min(1, 'a folder path is required') }).strict(),
  /** Files the browser uploaded first (drag-and-drop in browser mode). */
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'an upload id') }).strict(),
]);

/** Projections and clusters (the Projector): shared fields of every projection request. */
const projectionBase = {
  runId: Id,
  /** The N most frequent words of the run. */
  top: z.number().int().min(10).max(100_000).default(10_000),
  dims: z.union([z.literal(2), z.literal(3)]).default(3),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
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
  });

export const calls = {
  'app.info': z.object({}).strict(),
  'corpus.list': z.object({}).strict(),
  'corpus.get': z.object({ id: Id }).strict(),
  'corpus.remove': z.object({ id: Id }).strict(),
  'corpus.ingest': z
    .object({
      source: ingestSource,
      name: Name.optional(),
      minCount: z.number().int().min(1).max(1_000_000).optional(),
      lowercase: z.boolean().optional(),
      threads: z.number().int().min(1).max(64).optional(),
    })
    .strict(),
  'upload.begin': z.object({}).strict(),
  'method.list': z.object({}).strict(),
  'run.start': z
    .object({
      corpusId: Id,
      method: z.string().min(1),
      /** Checked against the method's option spec (method.list) before anything runs. */
      params: z.record(z.string(), z.unknown()).default({}),
      name: Name.optional(),
    })
    .strict(),
  'run.list': z.object({ corpusId: Id.optional() }).strict(),
  'run.get': z.object({ id: Id }).strict(),
  'run.remove': z.object({ id: Id }).strict(),
  'run.rename': z.object({ id: Id, name: Name }).strict(),
  'run.export': z
    .object({
      id: Id,
      format: z.enum(['w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy']),
      /** Desktop and CLI: the path chosen in a save dialog. Browser mode: a file name inside the server's export folder, then downloaded. */
      out: z.string().min(1).max(4096),
      top: z.number().int().min(1).max(1_000_000_000).optional(),
      normalize: z.boolean().optional(),
      contexts: z.boolean().optional(),
      spaces: z.enum(['keep', 'underscore']).optional(),
    })
    .strict(),
  'vectors.import': z
    .object({
      source: ingestSource,
      format: z.enum(['auto', 'w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy']).default('auto'),
      name: Name.optional(),
      limit: z.number().int().min(1).max(1_000_000_000).optional(),
    })
    .strict(),
  'eval.start': z
    .object({
      runId: Id,
      /** Shipped set names (google, msr) or paths of files in the same format. */
      analogy: z.array(z.string().min(1)).optional(),
      /** Shipped set names (ws353, ws353_similarity, ws353_relatedness, simlex999, men3000, rw) or paths. */
      similarity: z.array(z.string().min(1)).optional(),
      restrict: z.number().int().min(1).max(10_000_000).optional(),
      methods: z.array(z.enum(['add', 'mul'])).min(1).optional(),
    })
    .strict(),
  'eval.get': z.object({ runId: Id }).strict(),
  /** The questions of an analogy set (a shipped name or a path), for stepping through a section. */
  'eval.questions': z.object({ set: z.string().min(1) }).strict(),
  'vectors.neighbors': z.object({ runId: Id, word: z.string().min(1), k: z.number().int().min(1).max(1000).optional() }).strict(),
  'vectors.analogy': z
    .object({ runIds: z.array(Id).min(1).max(8), a: z.string().min(1), b: z.string().min(1), c: z.string().min(1), k: z.number().int().min(1).max(100).optional() })
    .strict(),
  'run.compare': z.object({ a: Id, b: Id, k: z.number().int().min(1).max(100).optional(), probes: z.number().int().min(10).max(20000).optional() }).strict(),
  'job.list': z.object({}).strict(),
  'job.cancel': z.object({ id: Id }).strict(),
  /** Generates a RAND-WALK corpus (a job); every field has a default (RandWalkParamsInfo). */
  'randwalk.generate': z
    .object({
      name: Name.optional(),
      vocab: z.number().int().min(2).max(1_000_000).optional(),
      dim: z.number().int().min(1).max(2000).optional(),
      tokens: z.number().int().min(1).max(500_000_000).optional(),
      norms: z.enum(['uniform', 'zipf']).optional(),
      normMin: z.number().min(0).max(1e4).optional(),
      normMax: z.number().min(0).max(1e4).optional(),
      zipfExponent: z.number().min(0).max(10).optional(),
      drift: z.number().min(0).max(100).optional(),
      tokensPerStep: z.number().int().min(1).max(1_000_000).optional(),
      planted: z.number().int().min(0).max(10_000).optional(),
      plantedPairs: z.number().int().min(2).max(100_000).optional(),
      relationNorm: z.number().min(0).max(1e4).optional(),
      plantedNoise: z.number().min(0).max(100).optional(),
      paragraphTokens: z.number().int().min(1).max(1_000_000_000).optional(),
      documentTokens: z.number().int().min(1).max(1_000_000_000).optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
      threads: z.number().int().min(0).max(256).optional(),
    })
    .strict(),
  /** A RAND-WALK corpus's parameters, theory checks (with plot data) and generation figures. */
  'randwalk.get': z.object({ corpusId: Id }).strict(),
  /** Recovery of the truth by one finished run on a RAND-WALK corpus. */
  'randwalk.recovery': z.object({ runId: Id }).strict(),
  /** Recovery by every finished run on a RAND-WALK corpus (the table across methods). */
  'randwalk.recoveryTable': z.object({ corpusId: Id }).strict(),
  'projection.start': projectionStart,
  'projection.get': z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'a projection id') }).strict(),
  'projection.list': z.object({ runId: Id.optional() }).strict(),
  'vectors.cluster': z
    .object({
      runId: Id,
      top: z.number().int().min(10).max(100_000).default(10_000),
      k: z.number().int().min(2).max(100),
      seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
      maxIterations: z.number().int().min(1).max(1000).default(100),
    })
    .strict(),
  'cluster.get': z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'a cluster id') }).strict(),
} as const;

export type CallName = keyof typeof calls;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]>;
export type ParsedInput<N extends CallName> = z.output<(typeof calls)[N]>;

export interface AppInfo {
  version: string;
  dbPath: string;
  /** 'desktop' (Electron), 'browser' (the local web server) or 'cli'. */
  mode: 'desktop' | 'browser' | 'cli';
  cores: number;
  /** Browser mode can read folders on the server's machine by path. */
  canReadServerPaths: boolean;
}

export interface CorpusSummary {
  id: number;
  name: string;
  source: string;
  createdAt: string;
  files: number;
  bytes: number;
  tokens: number;
  types: number;
  hapax: number;
  minCount: number;
  /** Types whose count reaches minCount: the vocabulary runs will see by default. */
  typesAtMinCount: number;
  lowercase: boolean;
  ingestSeconds: number;
  skippedCount: number;
  synthetic: boolean;
}

export interface CorpusFile {
  path: string;
  bytes: number;
  tokens: number;
  encoding: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CorpusDetail extends CorpusSummary {
  top: { word: string; count: number }[];
  /** Rank–frequency curve, sampled log-uniformly in rank: [rank, count] with rank from 1. */
  zipf: [number, number][];
  fileList: CorpusFile[];
  skipped: SkippedFile[];
}

/** One option of a training method: the only place an option exists (CLI flag, form field, validation, stored params). */
export interface OptionSpec {
  key: string;
  label: string;
  help: string;
  type: 'int' | 'number' | 'boolean' | 'choice';
  default: number | boolean | string;
  min?: number;
  max?: number;
  choices?: string[];
  /** Shown in an "advanced" group. */
  advanced?: boolean;
}

export interface MethodInfo {
  id: string;
  label: string;
  summary: string;
  options: OptionSpec[];
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface RunSummary {
  id: number;
  name: string;
  corpusId: number | null;
  corpusName: string | null;
  method: string;
  params: Record<string, unknown>;
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  seconds: number | null;
  dim: number | null;
  vocab: number | null;
  /** Seconds per phase, in order. */
  phases: Record<string, number>;
  metrics: Record<string, number>;
  error: string | null;
}

export interface RunDetail extends RunSummary {
  /** Curves and spectra: name → array of numbers or [x, y] pairs. */
  series: Record<string, number[] | [number, number][]>;
  log: string;
}

export interface SectionScore {
  correct: number;
  total: number;
  accuracy: number;
}

export interface AnalogySummary {
  method: 'add' | 'mul';
  restrict: number;
  accuracy: number;
  correct: number;
  total: number;
  oov: number;
  questions: number;
  sections: Record<string, SectionScore>;
  groups?: Record<'semantic' | 'syntactic', SectionScore>;
}

export interface SimilaritySummary {
  /** Null when no pair of the set is in the vocabulary. */
  spearman: number | null;
  pearson: number | null;
  pairs: number;
  oov: number;
  oovRatio: number;
}

export interface EvalReport {
  analogy: Record<string, { add?: AnalogySummary; mul?: AnalogySummary }>;
  similarity: Record<string, SimilaritySummary>;
}

export interface NeighborItem {
  word: string;
  cosine: number;
}

export interface AnalogyAnswer {
  runId: number;
  /** Null when a query word is not in the run's vocabulary (named in `missing`). */
  add: (NeighborItem & { score: number })[] | null;
  mul: (NeighborItem & { score: number })[] | null;
  missing: string[];
}

export interface CompareReport {
  a: RunSummary;
  b: RunSummary;
  sharedWords: number;
  overlapK: number;
  probes: number;
  meanOverlap: number;
  changedMost: { word: string; overlap: number; neighborsA: string[]; neighborsB: string[] }[];
  procrustes: { applicable: boolean; residual: number | null; residualBefore: number | null; words: number; reason?: string };
  evalA: EvalReport;
  evalB: EvalReport;
}

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  phase: string;
  /** Units of `unit` done and in all (total 0 when unknown). */
  done: number;
  total: number;
  unit: string;
  /** Free-form figures shown beside the bar (files, tokens, MB/s...). */
  detail: Record<string, number>;
  /** Seconds since the job started, and the estimate of what is left (null when unknown). */
  elapsed: number;
  eta: number | null;
}

export interface JobState {
  id: number;
  kind: 'ingest' | 'train' | 'eval' | 'import' | 'export' | 'project' | 'cluster' | 'randwalk';
  title: string;
  /** What the job works on, known from the start (for example { runId: 4 }). */
  subject?: Record<string, number>;
  status: JobStatus;
  progress: JobProgress;
  startedAt: string;
  /** Set when status is 'done': what the job made, for example { corpusId: 3 }. */
  result?: Record<string, unknown>;
  error?: string;
}

export interface CallOutputs {
  'app.info': AppInfo;
  'corpus.list': CorpusSummary[];
  'corpus.get': CorpusDetail;
  'corpus.remove': { removed: boolean };
  'corpus.ingest': JobState;
  'upload.begin': { uploadId: string };
  'method.list': MethodInfo[];
  'run.start': JobState;
  'run.list': RunSummary[];
  'run.get': RunDetail;
  'run.remove': { removed: boolean };
  'run.rename': RunSummary;
  'run.export': JobState;
  'vectors.import': JobState;
  'eval.start': JobState;
  'eval.get': EvalReport;
  'eval.questions': { name: string; sections: { name: string; count: number }[]; questions: { section: string; a: string; b: string; c: string; d: string; line: number }[] };
  'vectors.neighbors': { runId: number; word: string; neighbors: NeighborItem[] };
  'vectors.analogy': AnalogyAnswer[];
  'run.compare': CompareReport;
  'job.list': JobState[];
  'job.cancel': JobState;
  'randwalk.generate': JobState;
  'randwalk.get': RandWalkInfo;
  'randwalk.recovery': RecoveryInfo & { runId: number; corpusId: number };
  'randwalk.recoveryTable': (RecoveryInfo & { runId: number; name: string; method: string; dim: number })[];
  'projection.start': ProjectionStarted;
  'projection.get': Projection;
  'projection.list': ProjectionSummary[];
  'vectors.cluster': ProjectionStarted;
  'cluster.get': Clustering;
}

export type CallOutput<N extends CallName> = CallOutputs[N];

/** RAND-WALK: the generator's parameters and its reports (src/engine/randwalk names these types too). */
export interface RandWalkParamsInfo {
  /** Vocabulary size n. */
  vocab: number;
  /** Dimension d. */
  dim: number;
  /** Corpus length T in tokens. */
  tokens: number;
  /**
   * How the squared norms s_w² = ‖v_w‖²/d are spread:
   * uniform: s_w uniform in [√normMin, √normMax] (uniform in norm);
   * zipf: s_w² = normMin + 2·zipfExponent·ln(n/r) for a random rank r, so p(w) ∝ r^(−zipfExponent).
   */
  norms: 'uniform' | 'zipf';
  normMin: number;
  normMax: number;
  zipfExponent: number;
  /** Discourse drift δ per step. */
  drift: number;
  tokensPerStep: number;
  /** Planted analogies: relations r_1..r_m, each with `plantedPairs` pairs v_b = v_a + r + ε. */
  planted: number;
  plantedPairs: number;
  /** ‖r‖²/d of each relation direction. */
  relationNorm: number;
  /** Noise of a planted pair relative to its relation: E‖ε‖ ≈ plantedNoise·‖r‖. */
  plantedNoise: number;
  /** A paragraph break every this many tokens. */
  paragraphTokens: number;
  /** A new document (a fresh walk from the stationary law) every this many tokens. */
  documentTokens: number;
  seed: number;
  /** Generating threads (0: all cores; 1: this thread). */
  threads: number;
}

export interface LinearFitInfo {
  slope: number;
  intercept: number;
  r2: number;
  /** Pearson correlation of x and y. */
  correlation: number;
  count: number;
}

export interface RandWalkTheory {
  tokens: number;
  /** Words that occurred (the corpus vocabulary). */
  words: number;
  dim: number;
  /** log p(w) against ‖v_w‖²/2d; the law predicts slope ≈ 1 and intercept ≈ −logZ. */
  frequency: LinearFitInfo & {
    /** log of the mean of Z_c over the sampled discourse vectors. */
    logZ: number;
    /** (‖v_w‖²/2d, log p(w)), at most maxPoints of them. */
    points: [number, number][];
    line: [[number, number], [number, number]];
  };
  /** PMI against ⟨v_w, v_w'⟩/d: over co-occurring pairs of the top words, and over the most co-occurring pairs. */
  pmi: {
    window: number;
    weighting: 'uniform';
    /** Every co-occurring pair (w ≠ w') among the topWords most frequent words. */
    topWords: LinearFitInfo & { words: number };
    /** The topPairs pairs (w ≠ w') with the largest counts. */
    topPairs: LinearFitInfo & { pairs: number };
    /** (⟨v_w, v_w'⟩/d, PMI) for pairs of the topWords set, at most maxPoints. */
    points: [number, number][];
    line: [[number, number], [number, number]];
  };
  /** Z_c over random discourse vectors. */
  partition: {
    samples: number;
    mean: number;
    std: number;
    /** std/mean: small when Z_c concentrates. */
    cv: number;
    min: number;
    max: number;
    bins: { lo: number; hi: number; count: number }[];
  };
}

export interface RandWalkInfo {
  corpusId: number;
  params: RandWalkParamsInfo;
  theory: RandWalkTheory;
  stats: { seconds: number; tokensPerSecond: number; acceptance: number; threads: number; documents: number };
}

export interface RecoveryInfo {
  sharedWords: number;
  alignedWords: number;
  alignedCosine: number;
  gramWords: number;
  gramPairs: number;
  gramCorrelation: number;
  analogy: {
    relations: number;
    questions: number;
    /** Questions whose four words are all in the vocabulary. */
    answered: number;
    correct: number;
    /** correct / answered; null when no question could be asked. */
    accuracy: number | null;
    /** 1/(V − 3): a uniform guess among the allowed answers. */
    chance: number;
    /** The truth's own score on the same questions (null without planted analogies). */
    truthAccuracy: number | null;
  };
}

/** Events pushed to every client. */
export interface EventPayloads {
  job: JobState;
  /** Something in the store changed; views refetch what they show. */
  changed: { what: 'corpora' | 'runs' };
}
export type EventName = keyof EventPayloads;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** Validates a call's input; throws LabError('invalid') naming the field and the problem. */
export function parseInput<N extends CallName>(name: N, input: unknown): ParsedInput<N> {
  const result = calls[name].safeParse(input ?? {});
  if (result.success) return result.data as ParsedInput<N>;
  const issues = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`);
  throw new LabError(`Invalid arguments to ${name}: ${issues.join('; ')}`, 'invalid');
}

/** The shape every transport exposes to the renderer. */
export interface LabClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

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
  spec: { runId: number; top: number; k: number; seed: number; maxIterations: number };
  /** Cluster of each of the top N words, in the projection's word order. */
  labels: number[];
  sizes: number[];
  inertia: number;
  iterations: number;
  converged: boolean;
  seconds: number;
}
