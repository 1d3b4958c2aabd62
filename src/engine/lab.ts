/**
 * The lab: the engine's one entry point. It owns the store connection and the
 * job runner, and implements every call of the contract. Transports (IPC,
 * HTTP/WS, the CLI) hand it raw input; it validates before anything else.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LabError } from '../shared/labError.js';
import { parseInput, isCallName, type CallName, type CallOutputs, type ParsedInput, type EventName, type EventPayloads, type AppInfo } from '../shared/contract.js';
import { openDb, type Db } from './store/db.js';
import { getCorpusDetail, getCorpusSummary, listCorpora, removeCorpus } from './store/corpora.js';
import { JobRunner } from './jobs/jobRunner.js';
import { createRun, endRun, getRunDetail, getRunSummary, listRuns, markInterruptedRuns, removeRun, renameRun } from './store/runs.js';
import { methodById, methods } from './methods/registry.js';
import { methodInfo, parseParams } from './methods/spec.js';
import { defaultEval } from './eval/evaluateRun.js';
import { loadAnalogies } from './eval/datasets.js';
import { loadEvals } from './store/evals.js';
import { KeyedVectors } from './vectors/keyedVectors.js';
import { neighborsOf, solveAnalogy } from './vectors/queries.js';
import { compareRuns } from './eval/compare.js';
import { readRunVectors } from './store/runs.js';
import { linalgKernels } from './kernels/linalgKernels.js';
import { resolveExportPath } from './formats/exportPath.js';
import { projectionService } from './projection/service.js';
import { APP_VERSION } from './base/version.js';
import { randWalkParams } from './randwalk/generator.js';
import { corpusRecovery, loadTheory, runRecovery } from './randwalk/store.js';

export interface LabOptions {
  dbPath: string;
  mode: AppInfo['mode'];
  /** Whether clients may name folders on this machine (true for the desktop app, the CLI and the local server). */
  canReadServerPaths?: boolean;
}

type Handlers = { [N in CallName]: (input: ParsedInput<N>) => CallOutputs[N] | Promise<CallOutputs[N]> };

export class Lab {
  readonly db: Db;
  readonly jobs: JobRunner;
  private readonly events = new EventEmitter();
  private readonly uploads = new Map<string, string>();
  readonly uploadsDir: string;
  /** Browser mode writes exports here, and the server hands them out as downloads. */
  readonly exportsDir: string;

  constructor(private readonly options: LabOptions) {
    this.db = openDb(options.dbPath);
    this.uploadsDir = `${resolve(options.dbPath)}.uploads`;
    this.exportsDir = `${resolve(options.dbPath)}.exports`;
    markInterruptedRuns(this.db);
    this.jobs = new JobRunner(options.dbPath, (state) => {
      if (state.kind === 'train' && state.status !== 'running' && state.subject?.runId) {
        // The job's thread normally ends its run itself; this covers a thread that was terminated or died.
        endRun(this.db, state.subject.runId, state.status === 'cancelled' ? 'cancelled' : 'failed', state.error ?? null);
      }
      this.emit('job', state);
      if (state.status !== 'running') this.emit('changed', { what: state.kind === 'ingest' || state.kind === 'randwalk' ? 'corpora' : 'runs' });
      if (state.status !== 'running') this.releaseUploadOf(state.id);
    });
    this.events.setMaxListeners(100);
  }

  /** Validates and runs one call. Unknown names and bad input become LabError('invalid'). */
  async call(name: string, rawInput: unknown): Promise<unknown> {
    if (!isCallName(name)) throw new LabError(`Unknown call "${name}".`, 'invalid');
    const input = parseInput(name, rawInput);
    return (this.handlers[name] as (i: unknown) => unknown)(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** The folder an upload's files go to; null for an unknown id. */
  uploadDir(uploadId: string): string | null {
    return this.uploads.get(uploadId) ?? null;
  }

  async close(): Promise<void> {
    await this.jobs.close();
    this.db.close();
    for (const dir of this.uploads.values()) rmSync(dir, { recursive: true, force: true });
  }

  private readonly vectorCache = new Map<number, KeyedVectors>();

  /** A run's vectors, kept for the last few runs queried (loading 100k × 300 takes longer than a query). */
  private vectors(runId: number): KeyedVectors {
    let kv = this.vectorCache.get(runId);
    if (kv) {
      this.vectorCache.delete(runId);
    } else {
      kv = KeyedVectors.from(readRunVectors(this.db, runId));
      if (this.vectorCache.size >= 4) this.vectorCache.delete(this.vectorCache.keys().next().value!);
    }
    this.vectorCache.set(runId, kv);
    return kv;
  }

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.emit(event, payload);
  }

  private readonly jobUploads = new Map<number, string>();
  private releaseUploadOf(jobId: number): void {
    const uploadId = this.jobUploads.get(jobId);
    if (!uploadId) return;
    this.jobUploads.delete(jobId);
    const dir = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  private readonly handlers: Handlers = {
    'app.info': () => ({
      version: APP_VERSION,
      dbPath: resolve(this.options.dbPath),
      mode: this.options.mode,
      cores: availableParallelism(),
      canReadServerPaths: this.options.canReadServerPaths ?? true,
    }),
    'corpus.list': () => listCorpora(this.db),
    'corpus.get': ({ id }) => getCorpusDetail(this.db, id),
    'corpus.remove': ({ id }) => {
      getCorpusDetail(this.db, id, 0); // not-found error for a wrong id
      const removed = removeCorpus(this.db, id);
      this.emit('changed', { what: 'corpora' });
      return { removed };
    },
    'corpus.ingest': ({ source, name, minCount, lowercase, threads }) => {
      let root: string;
      let label: string;
      if (source.kind === 'path') {
        if (this.options.canReadServerPaths === false) throw new LabError('This lab does not read folders by path; upload the files instead.', 'invalid');
        root = resolve(source.path);
        label = root;
      } else {
        const dir = this.uploads.get(source.uploadId);
        if (!dir) throw new LabError(`There is no upload with id ${source.uploadId}; start one with upload.begin.`, 'not-found');
        root = dir;
        label = 'uploaded files';
      }
      const job = this.jobs.start(
        { kind: 'ingest', params: { root, name: name ?? (source.kind === 'upload' ? 'Uploaded files' : undefined), source: label, minCount: minCount ?? 5, lowercase: lowercase ?? true, threads } },
        `Ingest ${name ?? (source.kind === 'path' ? root : 'uploaded files')}`,
      );
      if (source.kind === 'upload') this.jobUploads.set(job.id, source.uploadId);
      return job;
    },
    'upload.begin': () => {
      const uploadId = randomBytes(16).toString('hex');
      const dir = join(this.uploadsDir, uploadId);
      mkdirSync(dir, { recursive: true });
      this.uploads.set(uploadId, dir);
      return { uploadId };
    },
    'method.list': () => methods.map(methodInfo),
    'run.start': ({ corpusId, method, params, name }) => {
      const spec = methodById(method);
      const corpus = getCorpusSummary(this.db, corpusId);
      const parsed = parseParams(spec, params);
      const runName = name ?? `${spec.label} d=${parsed.dim ?? '?'} on ${corpus.name}`;
      const runId = createRun(this.db, { name: runName, corpusId, method: spec.id, params: parsed });
      this.emit('changed', { what: 'runs' });
      return this.jobs.start({ kind: 'train', params: { runId } }, `Train ${runName}`, { runId });
    },
    'run.list': ({ corpusId }) => listRuns(this.db, corpusId),
    'run.get': ({ id }) => getRunDetail(this.db, id),
    'run.remove': ({ id }) => {
      const run = getRunSummary(this.db, id);
      if (run.status === 'running') throw new LabError(`Run ${id} is still running; cancel it first.`, 'conflict');
      const removed = removeRun(this.db, id);
      this.vectorCache.delete(id);
      this.emit('changed', { what: 'runs' });
      return { removed };
    },
    'run.rename': ({ id, name }) => {
      renameRun(this.db, id, name);
      this.emit('changed', { what: 'runs' });
      return getRunSummary(this.db, id);
    },
    'eval.start': ({ runId, analogy, similarity, restrict, methods: m }) => {
      const run = getRunSummary(this.db, runId);
      if (run.status !== 'done') throw new LabError(`Run ${runId} is ${run.status}: only finished runs have vectors to evaluate.`, 'conflict');
      const params = { runId, analogy: analogy ?? defaultEval.analogy, similarity: similarity ?? defaultEval.similarity, restrict: restrict ?? defaultEval.restrict, methods: m ?? defaultEval.methods };
      return this.jobs.start({ kind: 'eval', params }, `Evaluate ${run.name}`, { runId });
    },
    'eval.get': ({ runId }) => {
      getRunSummary(this.db, runId);
      return loadEvals(this.db, runId);
    },
    'eval.questions': ({ set }) => {
      const { name, questions } = loadAnalogies(set);
      const counts = new Map<string, number>();
      for (const q of questions) counts.set(q.section, (counts.get(q.section) ?? 0) + 1);
      return {
        name,
        sections: [...counts].map(([section, count]) => ({ name: section, count })),
        questions: questions.map((q) => ({ section: q.section, a: q.words[0], b: q.words[1], c: q.words[2], d: q.words[3], line: q.line })),
      };
    },
    'vectors.neighbors': ({ runId, word, k }) => ({ runId, word, neighbors: neighborsOf(this.vectors(runId), word, k ?? 10, linalgKernels()) }),
    'vectors.analogy': ({ runIds, a, b, c, k }) => runIds.map((id) => solveAnalogy(id, this.vectors(id), a, b, c, k ?? 10, linalgKernels())),
    'run.compare': ({ a, b, k, probes }) => {
      const result = compareRuns(this.vectors(a), this.vectors(b), linalgKernels(), { k, probes });
      return { ...result, a: getRunSummary(this.db, a), b: getRunSummary(this.db, b), evalA: loadEvals(this.db, a), evalB: loadEvals(this.db, b) };
    },
    'run.export': async ({ id, out, ...options }) => {
      const run = getRunSummary(this.db, id);
      if (run.status !== 'done') throw new LabError(`Run ${id} is ${run.status}; only a finished run has vectors to export.`, 'conflict');
      let target = resolve(out);
      if (this.options.mode === 'browser') {
        // The browser names a file; it is written inside the export folder and then downloaded.
        mkdirSync(this.exportsDir, { recursive: true });
        target = await resolveExportPath(this.exportsDir, out, { allowBase: false });
      }
      return this.jobs.start({ kind: 'export', params: { runId: id, options: { ...options, out: target } } }, `Export ${run.name} as ${options.format}`, { runId: id });
    },
    'vectors.import': ({ source, format, name, limit }) => {
      let file: string;
      let sourceLabel: string | undefined;
      if (source.kind === 'path') {
        if (this.options.canReadServerPaths === false) throw new LabError('This lab does not read files by path; upload them instead.', 'invalid');
        file = resolve(source.path);
      } else {
        const dir = this.uploads.get(source.uploadId);
        if (!dir) throw new LabError(`There is no upload with id ${source.uploadId}; start one with upload.begin.`, 'not-found');
        const entries = readdirSync(dir);
        // One uploaded file is the file; several (vectors.tsv + metadata.tsv, vectors.npy + vocab.txt) are a folder.
        file = entries.length === 1 ? join(dir, entries[0]) : dir;
        sourceLabel = entries.length === 1 ? entries[0] : 'uploaded files';
      }
      const job = this.jobs.start({ kind: 'import', params: { file, format, name, limit, sourceLabel } }, `Import ${name ?? sourceLabel ?? file}`);
      if (source.kind === 'upload') this.jobUploads.set(job.id, source.uploadId);
      return job;
    },
    'job.list': () => this.jobs.list(),
    'job.cancel': ({ id }) => this.jobs.cancel(id),
    'randwalk.generate': ({ name, ...raw }) => {
      const p = randWalkParams(raw); // cross-field checks (planted words, overflow) answer before a job starts
      return this.jobs.start({ kind: 'randwalk', params: { ...p, name } }, `Generate RAND-WALK n=${p.vocab} d=${p.dim} T=${p.tokens.toLocaleString('en-US')}`);
    },
    'randwalk.get': ({ corpusId }) => {
      getCorpusSummary(this.db, corpusId);
      const t = loadTheory(this.db, corpusId);
      if (!t) throw new LabError(`Corpus ${corpusId} is not a RAND-WALK corpus: it has no ground truth.`, 'invalid');
      return { corpusId, ...t };
    },
    'randwalk.recovery': ({ runId }) => {
      const run = getRunSummary(this.db, runId);
      if (run.status !== 'done') throw new LabError(`Run ${runId} is ${run.status}: only finished runs have vectors to compare.`, 'conflict');
      return runRecovery(this.db, runId);
    },
    'randwalk.recoveryTable': ({ corpusId }) => {
      getCorpusSummary(this.db, corpusId);
      return corpusRecovery(this.db, corpusId);
    },
    // Projections and clusterings, kept in memory per lab (projection/service.ts).
    'projection.start': (spec) => projectionService(this, this.db, this.jobs, (id) => this.vectors(id)).start(spec),
    'projection.get': ({ id }) => projectionService(this, this.db, this.jobs, (r) => this.vectors(r)).get(id),
    'projection.list': ({ runId }) => projectionService(this, this.db, this.jobs, (r) => this.vectors(r)).list(runId),
    'vectors.cluster': (spec) => projectionService(this, this.db, this.jobs, (r) => this.vectors(r)).cluster(spec),
    'cluster.get': ({ id }) => projectionService(this, this.db, this.jobs, (r) => this.vectors(r)).getCluster(id),
  };
}
