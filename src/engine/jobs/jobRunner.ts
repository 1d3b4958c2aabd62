/**
 * Runs long jobs in worker threads and keeps their state for the UI. A job that
 * does not stop within a grace period after cancel is terminated: the store's
 * transactions make that safe.
 *
 * Jobs wait their turn: at most `limits.heavy` of the kinds that use every core
 * (ingestion, training, generation) run at once, and at most `limits.light` of the
 * others, so that thirty exports do not start thirty threads. A waiting job is
 * 'running' in phase 'queued' (it has been accepted, and can be cancelled).
 */
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { JobKind, JobResults, JobState, JobStateOf } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import { QUIET_HEAP, startWorker } from '../base/workers.js';
import { PROCESS_TOKEN } from '../base/processToken.js';
import type { JobMessage, JobSpecOf, JobWorkerData } from './jobProtocol.js';

const CANCEL_GRACE_MS = 3000;
const HEAVY_KINDS: ReadonlySet<JobKind> = new Set(['ingest', 'train', 'randwalk', 'experiment']);

export interface JobLimits {
  /** Ingestion, training and RAND-WALK generation at once (default: one per two cores). */
  heavy: number;
  /** Every other kind at once (default: one per core, at least two). */
  light: number;
}

/** The defaults, overridden by EMBEDLAB_HEAVY_JOBS and EMBEDLAB_LIGHT_JOBS. */
export function defaultJobLimits(cores = availableParallelism()): JobLimits {
  const fromEnv = (name: string, fallback: number): number => {
    const v = Number(process.env[name]);
    return Number.isInteger(v) && v >= 1 ? v : fallback;
  };
  return { heavy: fromEnv('EMBEDLAB_HEAVY_JOBS', Math.max(1, Math.floor(cores / 2))), light: fromEnv('EMBEDLAB_LIGHT_JOBS', Math.max(2, cores)) };
}

interface Job {
  state: JobState;
  spec: JobSpecOf<JobKind>;
  pool: keyof JobLimits;
  worker: Worker | null;
  finished: Promise<JobState>;
  finish(patch: { status: JobState['status']; result?: unknown; error?: string }): void;
  cancelRequested: boolean;
}

export class JobRunner {
  /** This runner on the job board: its jobs are posted under it, and its Lab reads every other runner's. */
  readonly runnerId = `${PROCESS_TOKEN}/${randomBytes(6).toString('hex')}`;
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly waiting: Job[] = [];

  constructor(
    private readonly dbPath: string,
    private readonly onChange: (state: JobState) => void,
    private readonly limits: JobLimits = defaultJobLimits(),
  ) {}

  start<K extends JobKind>(spec: JobSpecOf<K>, title: string, subject?: Record<string, number>): JobStateOf<K> {
    const id = this.nextId++;
    const state = {
      id, kind: spec.kind, title, subject, status: 'running', startedAt: new Date().toISOString(),
      progress: { phase: 'starting', done: 0, total: 0, unit: '', detail: {}, elapsed: 0, eta: null },
    } as JobState;
    const pool: keyof JobLimits = HEAVY_KINDS.has(spec.kind) ? 'heavy' : 'light';
    const job: Job = { state, spec: spec as JobSpecOf<JobKind>, pool, worker: null, cancelRequested: false, finished: Promise.resolve(state), finish: () => {} };
    job.finished = new Promise<JobState>((resolve) => {
      job.finish = (patch) => {
        if (state.status !== 'running') return;
        Object.assign(state, patch);
        this.onChange({ ...state });
        void job.worker?.terminate();
        resolve({ ...state });
        this.launchWaiting();
      };
    });
    this.jobs.set(id, job);
    if (this.active(job.pool) < this.limits[job.pool]) this.launch(job);
    else {
      this.waiting.push(job);
      state.progress = { ...state.progress, phase: 'queued', detail: { ahead: this.waiting.filter((j) => j.pool === job.pool).length - 1 } };
    }
    this.onChange({ ...state });
    return { ...state } as JobStateOf<K>;
  }

  list(): JobState[] {
    return [...this.jobs.values()].map((j) => ({ ...j.state })).reverse();
  }

  get(id: number): JobState {
    return { ...this.job(id).state };
  }

  /** Resolves when the job has finished, whatever the outcome (typed by the job's kind when given the job). */
  wait<K extends JobKind>(job: JobStateOf<K>): Promise<JobStateOf<K>>;
  wait(id: number): Promise<JobState>;
  wait(job: number | JobState): Promise<JobState> {
    return this.job(typeof job === 'number' ? job : job.id).finished;
  }

  cancel(id: number): JobState {
    const job = this.job(id);
    if (job.state.status !== 'running') return { ...job.state };
    job.cancelRequested = true;
    if (!job.worker) {
      this.waiting.splice(this.waiting.indexOf(job), 1);
      job.finish({ status: 'cancelled' });
      return { ...job.state };
    }
    job.worker.postMessage({ type: 'cancel' });
    const timer = setTimeout(() => {
      if (job.state.status === 'running') void job.worker?.terminate(); // 'exit' then marks it cancelled
    }, CANCEL_GRACE_MS);
    timer.unref();
    return { ...job.state };
  }

  async close(): Promise<void> {
    this.waiting.length = 0;
    await Promise.all([...this.jobs.values()].map((j) => j.worker?.terminate()));
  }

  private active(pool: keyof JobLimits): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.pool === pool && j.worker && j.state.status === 'running') n++;
    return n;
  }

  private launchWaiting(): void {
    for (const job of [...this.waiting]) {
      if (this.active(job.pool) >= this.limits[job.pool]) continue;
      this.waiting.splice(this.waiting.indexOf(job), 1);
      this.launch(job);
      job.state.progress = { ...job.state.progress, phase: 'starting', detail: {} };
      this.onChange({ ...job.state });
    }
  }

  private launch(job: Job): void {
    const { id, kind, title, subject, startedAt } = job.state;
    const board: JobWorkerData['board'] = { owner: PROCESS_TOKEN, runner: this.runnerId, jobId: id, kind, title, subject, startedAt };
    const worker = startWorker('job', {
      workerData: { dbPath: this.dbPath, spec: job.spec, board },
      // Training holds its big arrays outside the JS heap; other jobs (projections, imports) make many objects.
      ...(job.spec.kind === 'train' || job.spec.kind === 'experiment' ? { resourceLimits: QUIET_HEAP } : {}),
    });
    job.worker = worker;
    worker.on('message', (m: JobMessage) => {
      if (m.type === 'progress') {
        if (job.state.status !== 'running') return;
        job.state.progress = m.progress;
        this.onChange({ ...job.state });
      } else if (m.type === 'done') job.finish({ status: 'done', result: m.result as JobResults[JobKind] });
      else if (m.type === 'cancelled') job.finish({ status: 'cancelled' });
      else job.finish({ status: 'failed', error: m.error });
    });
    worker.on('error', (e) => job.finish({ status: 'failed', error: e.message }));
    worker.on('exit', (code) =>
      job.finish(job.cancelRequested ? { status: 'cancelled' } : { status: 'failed', error: `The job's thread stopped unexpectedly (exit code ${code}).` }),
    );
  }

  private job(id: number): Job {
    const job = this.jobs.get(id);
    if (!job) throw new LabError(`There is no job with id ${id}.`, 'not-found');
    return job;
  }
}
