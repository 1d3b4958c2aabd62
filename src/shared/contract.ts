/**
 * The one API contract. Every call the UI, the CLI or a test can make is declared
 * here once: its input schema (validated at every transport boundary) and its
 * output type (CallOutputs). The engine's Lab implements it; Electron IPC, HTTP/WS
 * and the CLI are thin transports over it; the wire format is ./wire.ts.
 *
 * This folder is shared by the engine, the transports and the renderer, so it may
 * import nothing but zod and its own modules.
 */
import { z } from 'zod/v3'; // zod 4's classic API: a fifth of zod 4's memory and start-up time in every process
import { LabError } from './labError.js';
import { describeIssues, readableInputErrors } from './inputErrors.js';
import type { OptionSpec } from './options.js';
import type { CorpusDetail, CorpusSummary } from './types/corpora.js';
import type { MethodInfo, RunDetail, RunSummary } from './types/runs.js';
import type { AnalogyAnswer, CompareReport, EvalReport, NeighborItem } from './types/evaluation.js';
import type { JobState, JobStateOf } from './types/jobs.js';
import type { VectorQueryAnswer } from './types/vectorQueries.js';
import type { PlantedRelationsInfo, RandWalkInfo, RecoveryInfo } from './types/randwalk.js';
import type { DynamicsBackendInfo, DynamicsSpectrum } from './types/dynamics.js';
import { clusterStart, projectionStart, type Clustering, type Projection, type ProjectionStarted, type ProjectionSummary } from './types/projection.js';
import { IMPORT_FORMATS, VECTOR_FORMATS } from './types/vectors.js';
import type { ExperimentDetail, ExperimentPlan, ExperimentSummary } from './types/experiments.js';

export { LabError };
export type { OptionSpec };
export type * from './types/corpora.js';
export type * from './types/runs.js';
export type * from './types/evaluation.js';
export type * from './types/vectorQueries.js';
export type * from './types/explain.js';
export type * from './types/jobs.js';
export type * from './types/experiments.js';
export type * from './types/randwalk.js';
export * from './types/projection.js';
export * from './types/vectors.js';
export * from './types/dynamics.js';
export { resultOf } from './jobResult.js';

const Id = z.number().int().positive();
const Name = z.string().trim().min(1, 'must not be empty').max(200);
const Word = z.string().min(1, 'a word must not be empty').max(1000);

/** A grid: per parameter (an option key, as method.list names it), the values to try. */
const GridValues = z.array(z.union([z.number().finite(), z.string().min(1).max(200), z.boolean()])).min(1, 'needs at least one value').max(100);
const Grid = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a parameter is an option key such as dim or window'), GridValues);
const MethodIds = z.array(z.string().min(1).max(40)).max(20);
/** An experiment's grid: corpora × methods × the values of each parameter, and the evaluation after every run. */
const experimentGrid = z
  .object({
    corpora: z.array(Id).min(1, 'needs at least one corpus').max(20),
    methods: MethodIds.min(1, 'needs at least one method'),
    /** Values per parameter; a parameter applies to every chosen method whose options have it. */
    grid: Grid.default({}),
    /** Values per parameter for one method only (method id → parameter → values). */
    methodGrid: z.record(z.string().min(1).max(40), Grid).default({}),
    /** Shipped set names (google, msr, ws353, simlex999, men3000, rw…) or paths; sorted into analogy and similarity sets by the engine. */
    eval: z.array(z.string().min(1).max(4096)).max(20).default([]),
    restrict: z.number().int().min(1).max(10_000_000).default(30000),
    analogyMethods: z.array(z.enum(['add', 'mul'])).min(1).max(2).default(['add']),
  })
  .strict();

export const ingestSource = z.discriminatedUnion('kind', [
  /** A folder (or file) on the machine that runs the engine; `label` is how it is shown (default: the path). */
  z.object({ kind: z.literal('path'), path: z.string().min(1, 'a folder path is required'), label: z.string().min(1).max(200).optional() }).strict(),
  /** Files the browser uploaded first (drag-and-drop in browser mode; the browser transport turns it into a path). */
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'an upload id') }).strict(),
]);

/** Every call: its name and its input schema. */
export const calls = {
  'app.info': z.object({}).strict(),
  /** A consistent copy of the lab file through SQLite's online backup, safe while jobs run; never overwrites. */
  'lab.backup': z.object({ out: z.string().min(1).max(4096) }).strict(),
  'corpus.list': z.object({}).strict(),
  'corpus.get': z.object({ id: Id }).strict(),
  'corpus.remove': z.object({ id: Id }).strict(),
  /** Writes the corpus's tokens as plain text, one paragraph per line (a job): what gensim, fastText or word2vec.c read. */
  'corpus.exportText': z.object({ id: Id, out: z.string().min(1).max(4096) }).strict(),
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
  /** Continues an interrupted or cancelled run from its last checkpoint (from the start where it has none). */
  'run.resume': z.object({ id: Id }).strict(),
  'run.remove': z.object({ id: Id }).strict(),
  'run.rename': z.object({ id: Id, name: Name }).strict(),
  'run.export': z
    .object({
      id: Id,
      format: z.enum(VECTOR_FORMATS),
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
      format: z.enum(['auto', ...IMPORT_FORMATS]).default('auto'),
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
  /** Explains a word pair (a light job): the corpus counts, PMI, PPMI, SPPMI_k and M*_wc in the first run's window, windows of the corpus where both occur, and each run's cosine and w·c. */
  'pair.explain': z.object({
    runIds: z.array(Id).min(1).max(8), w: Word, c: Word,
    contexts: z.number().int().min(0).max(50).optional(), topn: z.number().int().min(1).max(100).optional(),
  }).strict(),
  'vectors.neighbors': z.object({ runId: Id, word: z.string().min(1), k: z.number().int().min(1).max(1000).optional() }).strict(),
  'vectors.analogy': z
    .object({ runIds: z.array(Id).min(1).max(8), a: z.string().min(1), b: z.string().min(1), c: z.string().min(1), k: z.number().int().min(1).max(100).optional() })
    .strict(),
  /** gensim's queries: most_similar (3CosAdd or 3CosMul, several positive and negative words), doesnt_match, similarity, n_similarity. */
  'vectors.query': z.discriminatedUnion('query', [
    z.object({
      query: z.literal('most_similar'), runId: Id, positive: z.array(Word).max(50).default([]), negative: z.array(Word).max(50).default([]),
      topn: z.number().int().min(1).max(1000).optional(), method: z.enum(['3cosadd', '3cosmul']).optional(),
      /** 3CosAdd only (as gensim's restrict_vocab): search the most frequent words only. */
      restrict: z.number().int().min(1).optional(),
    }).strict(),
    z.object({ query: z.literal('doesnt_match'), runId: Id, words: z.array(Word).min(2).max(1000) }).strict(),
    z.object({ query: z.literal('similarity'), runId: Id, a: Word, b: Word }).strict(),
    z.object({ query: z.literal('n_similarity'), runId: Id, ws1: z.array(Word).min(1).max(1000), ws2: z.array(Word).min(1).max(1000) }).strict(),
  ]),
  'run.compare': z.object({ a: Id, b: Id, k: z.number().int().min(1).max(100).optional(), probes: z.number().int().min(10).max(20000).optional() }).strict(),
  'job.list': z.object({}).strict(),
  'job.get': z.object({ id: Id }).strict(),
  /** Answers when the job has finished (done, failed or cancelled), with its final state. */
  'job.wait': z.object({ id: Id }).strict(),
  'job.cancel': z.object({ id: Id }).strict(),
  /**
   * Generates a RAND-WALK corpus (a job). The generator's options (randwalkOptions.ts; every one has a
   * default) are checked by the engine against their spec, so each error names its field.
   */
  'randwalk.generate': z.object({ name: Name.optional() }).catchall(z.unknown()),
  /** A RAND-WALK corpus's parameters, theory checks (with plot data) and generation figures. */
  'randwalk.get': z.object({ corpusId: Id }).strict(),
  /** Recovery of the truth by one finished run on a RAND-WALK corpus. */
  'randwalk.recovery': z.object({ runId: Id }).strict(),
  /** Recovery by every finished run on a RAND-WALK corpus (the table across methods). */
  'randwalk.recoveryTable': z.object({ corpusId: Id }).strict(),
  /** A RAND-WALK corpus's planted relations, each with its word pairs (the Projector colours words by them). */
  'randwalk.planted': z.object({ corpusId: Id }).strict(),
  /** The compute backends of the learning dynamics: which work here (installed, started, self-checked), on what device. */
  'dynamics.backends': z.object({}).strict(),
  /** M*'s top eigenvalues and the top words (both signs) of each eigenvector, with no training (the Dynamics view's Spectrum tab). */
  'dynamics.spectrum': z
    .object({
      corpusId: Id,
      vocab: z.number().int().min(10).max(20000).optional(),
      modes: z.number().int().min(1).max(200).optional(),
      words: z.number().int().min(1).max(50).optional(),
      minCount: z.number().int().min(1).max(1e9).optional(),
      window: z.number().int().min(1).max(31).optional(),
    })
    .strict(),
  'projection.start': projectionStart,
  'projection.get': z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'a projection id') }).strict(),
  'projection.list': z.object({ runId: Id.optional() }).strict(),
  'vectors.cluster': clusterStart,
  'cluster.get': z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'a cluster id') }).strict(),
  /** A grid's dry run: its cells, how many, the work they share (counts, SVDs) and an estimate of the time. Nothing is stored. */
  'experiment.plan': experimentGrid,
  /** Stores the experiment and runs its grid (a job): each cell trained, evaluated and stored as an ordinary run linked to it. */
  'experiment.start': experimentGrid.extend({ name: Name.optional() }).strict(),
  'experiment.list': z.object({}).strict(),
  /** The experiment and its table: one row per cell with its parameters, every metric, time, memory, status and run. */
  'experiment.get': z.object({ id: Id }).strict(),
  /** Continues an interrupted, cancelled or failed experiment: finished cells are kept, the others run (again). */
  'experiment.resume': z.object({ id: Id }).strict(),
  /** Adds corpora, methods or values to an experiment's grid; the new cells run (unless dryRun), the existing ones are kept. */
  'experiment.extend': z
    .object({ id: Id, corpora: z.array(Id).max(20).optional(), methods: MethodIds.optional(), grid: Grid.optional(), methodGrid: z.record(z.string().min(1).max(40), Grid).optional(), dryRun: z.boolean().optional() })
    .strict(),
  /** Stops a running experiment (as job.cancel on its job): the finished cells stay, `experiment.resume` continues it. */
  'experiment.cancel': z.object({ id: Id }).strict(),
  /** Removes the experiment; its runs are ordinary runs and are kept unless runs is 'remove'. */
  'experiment.remove': z.object({ id: Id, runs: z.enum(['keep', 'remove']).default('keep') }).strict(),
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

/** What each call answers. */
export interface CallOutputs {
  'app.info': AppInfo;
  'lab.backup': JobStateOf<'backup'>;
  'corpus.list': CorpusSummary[];
  'corpus.get': CorpusDetail;
  'corpus.remove': { removed: boolean };
  'corpus.exportText': JobStateOf<'exportText'>;
  'corpus.ingest': JobStateOf<'ingest'>;
  'upload.begin': { uploadId: string };
  'method.list': MethodInfo[];
  'run.start': JobStateOf<'train'>;
  'run.list': RunSummary[];
  'run.get': RunDetail;
  'run.resume': JobStateOf<'train'>;
  'run.remove': { removed: boolean };
  'run.rename': RunSummary;
  'run.export': JobStateOf<'export'>;
  'vectors.import': JobStateOf<'import'>;
  'eval.start': JobStateOf<'eval'>;
  'eval.get': EvalReport;
  'pair.explain': JobStateOf<'explain'>;
  'eval.questions': { name: string; sections: { name: string; count: number }[]; questions: { section: string; a: string; b: string; c: string; d: string; line: number }[] };
  /** outOfVocabulary: the word is not in the run; its vector came from a fastText model's character n-grams. */
  'vectors.neighbors': { runId: number; word: string; neighbors: NeighborItem[]; outOfVocabulary?: boolean };
  'vectors.analogy': AnalogyAnswer[];
  'vectors.query': VectorQueryAnswer;
  'run.compare': CompareReport;
  'job.list': JobState[];
  'job.get': JobState;
  'job.wait': JobState;
  'job.cancel': JobState;
  'randwalk.generate': JobStateOf<'randwalk'>;
  'randwalk.get': RandWalkInfo;
  'randwalk.recovery': RecoveryInfo & { runId: number; corpusId: number };
  'randwalk.recoveryTable': (RecoveryInfo & { runId: number; name: string; method: string; dim: number })[];
  'randwalk.planted': PlantedRelationsInfo;
  'dynamics.backends': DynamicsBackendInfo[];
  'dynamics.spectrum': DynamicsSpectrum;
  'projection.start': ProjectionStarted;
  'projection.get': Projection;
  'projection.list': ProjectionSummary[];
  'vectors.cluster': ProjectionStarted;
  'cluster.get': Clustering;
  'experiment.plan': ExperimentPlan;
  'experiment.start': { experiment: ExperimentSummary; plan: ExperimentPlan; job: JobStateOf<'experiment'> };
  'experiment.list': ExperimentSummary[];
  'experiment.get': ExperimentDetail;
  'experiment.resume': JobStateOf<'experiment'>;
  /** plan: the new cells only; job: null for a dry run. */
  'experiment.extend': { plan: ExperimentPlan; job: JobStateOf<'experiment'> | null };
  'experiment.cancel': JobStateOf<'experiment'>;
  'experiment.remove': { removed: boolean; runsRemoved: number };
}

export type CallOutput<N extends CallName> = CallOutputs[N];

/** Events pushed to every client. */
export interface EventPayloads {
  job: JobState;
  /** Something in the store changed; views refetch what they show. */
  changed: { what: 'corpora' | 'runs' | 'experiments' };
}
export type EventName = keyof EventPayloads;

/** Every call's name, for clients that list or test them all. */
export const CALL_NAMES = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** Validates a call's input; throws LabError('invalid') naming the field (its path) and the problem. */
export function parseInput<N extends CallName>(name: N, input: unknown): ParsedInput<N> {
  // Messages in words (inputErrors.ts): they reach people through forms and the command line.
  const result = calls[name].safeParse(input ?? {}, { errorMap: readableInputErrors });
  if (result.success) return result.data as ParsedInput<N>;
  const field = result.error.issues[0]?.path.join('.') || undefined;
  throw new LabError(`Invalid arguments to ${name}: ${describeIssues(result.error.issues)}.`, 'invalid', field);
}

/** The typed client every transport offers: a call of the contract, and its events. */
export interface LabClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
