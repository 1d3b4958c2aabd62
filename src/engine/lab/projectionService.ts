/**
 * Projections and clusterings on the lab's side: direct PCA and custom axes,
 * jobs for UMAP, t-SNE and k-means, and the results kept in memory keyed by a
 * hash of (run, its creation time, parameters), so the same request is answered
 * from memory and a result always carries what reproduces it. A paused t-SNE
 * keeps its optimiser state here, and resumes from it.
 *
 * Nothing is stored in the lab file yet: a restart forgets the results (their
 * parameters reproduce them; every method is seeded).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '../../shared/labError.js';
import type { Clustering, JobState, Projection, ProjectionSpec, ProjectionStarted, ProjectionSummary } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { KeyedVectors } from '../vectors/keyedVectors.js';
import { getRunSummary } from '../store/runs.js';
import { uint32FromBlob } from '../store/blobs.js';
import { linalgKernels } from '../kernels/registry.js';
import { gatherUnitRows, subsetIndices, topIndices } from '../projection/rows.js';
import { projectDirect } from '../projection/compute.js';
import { stateFile, type ClusterSpec } from '../projection/job.js';
import type { TsneState } from '../projection/tsne.js';

export interface LabSide {
  db: Db;
  jobs: JobRunner;
  vectors(runId: number): KeyedVectors;
}

const KEEP = 16;

interface Stored {
  projection: Projection;
  tsneState?: TsneState;
  lastUsed: number;
}

const METHOD_LABEL: Record<ProjectionSpec['method'], string> = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE', axes: 'Custom axes' };

export class ProjectionService {
  private readonly projections = new Map<string, Stored>();
  private readonly clusters = new Map<string, { clustering: Clustering; lastUsed: number }>();
  private readonly running = new Map<string, { jobId: number; outPath: string; kind: 'project' | 'cluster'; spec: unknown; runName: string }>();
  private readonly countsCache = new Map<number, { createdAt: string; counts: Uint32Array }>();
  private dir: string | null = null;
  private clock = 0;

  constructor(private readonly lab: LabSide) {}

  private workDir(): string {
    if (!this.dir) {
      const dir = mkdtempSync(join(tmpdir(), 'embedlab-projections-'));
      this.dir = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    return this.dir;
  }

  private finishedRun(runId: number) {
    const run = getRunSummary(this.lab.db, runId);
    if (run.status !== 'done') throw new LabError(`Run ${runId} is ${run.status}: only finished runs have vectors to project.`, 'conflict');
    return run;
  }

  private key(kind: string, createdAt: string, spec: unknown): string {
    return createHash('sha256').update(JSON.stringify({ kind, createdAt, spec })).digest('hex').slice(0, 16);
  }

  /**
   * A subset's words in the vocabulary's spelling, each once, most frequent first
   * (unknown words refused): the same set asked in any order or case is one request.
   */
  private resolveWords(runId: number, createdAt: string, words: readonly string[]): { words: string[]; indices: Int32Array } {
    const kv = this.lab.vectors(runId);
    const indices = subsetIndices(words, (w) => kv.indexOf(w), this.counts(runId, createdAt, kv.size), runId);
    return { words: Array.from(indices, (i) => kv.words[i]), indices };
  }

  start(input: ProjectionSpec & { resume?: boolean }): ProjectionStarted {
    const { resume, ...asked } = input as ProjectionSpec & { resume?: boolean };
    const run = this.finishedRun(asked.runId);
    const subset = asked.words ? this.resolveWords(asked.runId, run.createdAt, asked.words) : null;
    const spec: ProjectionSpec = subset ? { ...asked, words: subset.words } : asked;
    const id = this.key('projection', run.createdAt, spec);
    const stored = this.projections.get(id);
    if (stored && !(resume && stored.projection.status === 'paused')) {
      stored.lastUsed = ++this.clock;
      return { id, status: 'ready', job: null };
    }
    const busy = this.runningJob(id);
    if (busy) return { id, status: 'running', job: busy };
    if (resume && !stored) throw new LabError('There is no paused t-SNE with these parameters to resume; start it without resume.', 'not-found');

    if (spec.method === 'pca' || spec.method === 'axes') {
      const t0 = performance.now();
      const kv = this.lab.vectors(spec.runId);
      const counts = this.counts(spec.runId, run.createdAt, kv.size);
      const idx = subset ? subset.indices : topIndices(counts, kv.size, spec.top);
      if (idx.length <= spec.dims) throw new LabError(`${subset ? 'The chosen words are' : `Run ${spec.runId} has`} only ${idx.length} words: too few to project in ${spec.dims}D.`, 'invalid', subset ? 'words' : undefined);
      const X = gatherUnitRows(kv.unit, kv.dim, idx, false);
      const r = projectDirect({ words: [], counts: [], indices: idx, X, n: idx.length, d: kv.dim }, spec, linalgKernels(), kv);
      this.remember(id, {
        id, spec, status: 'done', points: idx.length, createdAt: new Date().toISOString(), seconds: (performance.now() - t0) / 1000,
        runName: run.name, vectorDim: kv.dim, dims: spec.dims, words: Array.from(idx, (i) => kv.words[i]), counts: Array.from(idx, (i) => counts[i] ?? 0),
        vocabIndex: subset ? Array.from(idx) : undefined,
        coords: rounded(r.coords), explainedVariance: r.explainedVariance, axes: r.axes, info: r.info,
      });
      return { id, status: 'ready', job: null };
    }

    const outPath = join(this.workDir(), `${id}.json`);
    const resumeState = resume && stored?.tsneState ? { ...stored.tsneState, seconds: stored.projection.seconds } : undefined;
    const title = `${METHOD_LABEL[spec.method]} of ${run.name} (${pointsTitle(spec)}, ${spec.dims}D)`;
    const job = this.lab.jobs.start({ kind: 'project', params: { key: id, spec, outPath, resume: resumeState } }, resumeState ? `Resume ${title}` : title, { runId: spec.runId });
    this.running.set(id, { jobId: job.id, outPath, kind: 'project', spec, runName: run.name });
    void this.lab.jobs.wait(job.id).then(() => this.collect(id));
    return { id, status: 'running', job };
  }

  get(id: string): Projection {
    if (!this.projections.has(id) && this.running.has(id)) this.collect(id, true);
    const stored = this.projections.get(id);
    if (!stored) {
      throw new LabError(
        this.running.has(id) ? `Projection ${id} is still being computed.` : `There is no projection ${id} in memory (the lab restarted or it was dropped); start it again: its parameters reproduce it.`,
        'not-found',
      );
    }
    stored.lastUsed = ++this.clock;
    return stored.projection;
  }

  list(runId?: number): ProjectionSummary[] {
    return [...this.projections.values()]
      .filter((s) => runId === undefined || s.projection.spec.runId === runId)
      .sort((a, b) => b.lastUsed - a.lastUsed)
      .map(({ projection: { id, spec, status, points, createdAt, seconds } }) => ({ id, spec, status, points, createdAt, seconds }));
  }

  cluster(asked: ClusterSpec): ProjectionStarted {
    const run = this.finishedRun(asked.runId);
    const spec: ClusterSpec = asked.words ? { ...asked, words: this.resolveWords(asked.runId, run.createdAt, asked.words).words } : asked;
    const id = this.key('cluster', run.createdAt, spec);
    const stored = this.clusters.get(id);
    if (stored) {
      stored.lastUsed = ++this.clock;
      return { id, status: 'ready', job: null };
    }
    const busy = this.runningJob(id);
    if (busy) return { id, status: 'running', job: busy };
    const outPath = join(this.workDir(), `${id}.json`);
    const job = this.lab.jobs.start({ kind: 'cluster', params: { key: id, spec, outPath } }, `k-means (k = ${spec.k}) of ${run.name} (${pointsTitle(spec)})`, { runId: spec.runId });
    this.running.set(id, { jobId: job.id, outPath, kind: 'cluster', spec, runName: run.name });
    void this.lab.jobs.wait(job.id).then(() => this.collect(id));
    return { id, status: 'running', job };
  }

  getCluster(id: string): Clustering {
    if (!this.clusters.has(id) && this.running.has(id)) this.collect(id, true);
    const stored = this.clusters.get(id);
    if (!stored) throw new LabError(`There is no clustering ${id} in memory; start it again: its parameters reproduce it.`, 'not-found');
    stored.lastUsed = ++this.clock;
    return stored.clustering;
  }

  private runningJob(id: string): JobState | null {
    const r = this.running.get(id);
    if (!r) return null;
    const state = this.lab.jobs.get(r.jobId);
    return state.status === 'running' ? state : null;
  }

  /** Reads what a finished job wrote (a result, a paused t-SNE, or nothing after a failure or a cancel). */
  private collect(id: string, onlyIfWritten = false): void {
    const r = this.running.get(id);
    if (!r) return;
    if (!existsSync(r.outPath)) {
      if (!onlyIfWritten) this.running.delete(id);
      return;
    }
    if (onlyIfWritten && this.runningJob(id)) return; // a paused t-SNE's file is written just before its job ends
    this.running.delete(id);
    try {
      const data = JSON.parse(readFileSync(r.outPath, 'utf8'));
      if (r.kind === 'cluster') {
        this.clusters.set(id, { clustering: { id, spec: r.spec as ClusterSpec, ...data }, lastUsed: ++this.clock });
        this.trim(this.clusters);
        return;
      }
      const spec = r.spec as ProjectionSpec;
      let tsneState: TsneState | undefined;
      if (data.status === 'paused' && existsSync(stateFile(r.outPath))) {
        const buf = readFileSync(stateFile(r.outPath));
        const all = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        const m = all.length / 3;
        tsneState = { Y: all.slice(0, m), update: all.slice(m, 2 * m), gains: all.slice(2 * m), iteration: data.iteration };
      }
      this.remember(id, {
        id, spec, status: data.status, points: data.words.length, createdAt: new Date().toISOString(), seconds: data.seconds,
        runName: r.runName, vectorDim: data.vectorDim, dims: spec.dims, words: data.words, counts: data.counts, vocabIndex: data.vocabIndex,
        coords: rounded(data.coords), explainedVariance: data.explainedVariance, axes: data.axes, info: data.info,
      }, tsneState);
    } finally {
      rmSync(r.outPath, { force: true });
      rmSync(stateFile(r.outPath), { force: true });
    }
  }

  private remember(id: string, projection: Projection, tsneState?: TsneState): void {
    this.projections.set(id, { projection, tsneState, lastUsed: ++this.clock });
    this.trim(this.projections);
  }

  private trim<T extends { lastUsed: number }>(map: Map<string, T>): void {
    while (map.size > KEEP) {
      let oldest: string | null = null;
      for (const [k, v] of map) if (oldest === null || v.lastUsed < map.get(oldest)!.lastUsed) oldest = k;
      map.delete(oldest!);
    }
  }

  private counts(runId: number, createdAt: string, size: number): Uint32Array {
    const hit = this.countsCache.get(runId);
    if (hit && hit.createdAt === createdAt && hit.counts.length === size) return hit.counts;
    const row = this.lab.db.prepare('SELECT counts FROM run_vectors WHERE run_id = ?').get(runId) as { counts: Buffer } | undefined;
    const counts = row ? uint32FromBlob(row.counts) : new Uint32Array(size);
    this.countsCache.set(runId, { createdAt, counts });
    return counts;
  }
}

/** Which points a job works on, for its title. */
function pointsTitle(spec: { top: number; words?: string[] }): string {
  return spec.words ? `${spec.words.length.toLocaleString('en-US')} chosen words` : `top ${spec.top.toLocaleString('en-US')}`;
}

/** Six significant digits relative to the largest coordinate: a third of the JSON, far below what a screen shows. */
function rounded(coords: ArrayLike<number>): number[] {
  let max = 0;
  for (let i = 0; i < coords.length; i++) max = Math.max(max, Math.abs(coords[i]));
  const q = max > 0 ? 10 ** (5 - Math.floor(Math.log10(max))) : 1;
  return Array.from(coords, (v) => Math.round(v * q) / q);
}
