/**
 * Runs long jobs in worker threads and keeps their state for the UI. A job that
 * does not stop within a grace period after cancel is terminated: the store's
 * transactions make that safe.
 */
import type { Worker } from 'node:worker_threads';
import type { JobKind, JobResults, JobState, JobStateOf } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import { QUIET_HEAP, startWorker } from '../base/workers.js';
import type { JobMessage, JobSpecOf } from './jobProtocol.js';

const CANCEL_GRACE_MS = 3000;

interface RunningJob {
  state: JobState;
  worker: Worker;
  finished: Promise<JobState>;
  cancelRequested: boolean;
}

export class JobRunner {
  private nextId = 1;
  private readonly jobs = new Map<number, RunningJob>();

  constructor(
    private readonly dbPath: string,
    private readonly onChange: (state: JobState) => void,
  ) {}

  start<K extends JobKind>(spec: JobSpecOf<K>, title: string, subject?: Record<string, number>): JobStateOf<K> {
    const id = this.nextId++;
    const state = {
      id, kind: spec.kind, title, subject, status: 'running', startedAt: new Date().toISOString(),
      progress: { phase: 'starting', done: 0, total: 0, unit: '', detail: {}, elapsed: 0, eta: null },
    } as JobStateOf<K>;
    const worker = startWorker('job', {
      workerData: { dbPath: this.dbPath, spec },
      // Training holds its big arrays outside the JS heap; other jobs (projections, imports) make many objects.
      ...(spec.kind === 'train' ? { resourceLimits: QUIET_HEAP } : {}),
    });
    const job: RunningJob = { state: state as JobState, worker, finished: Promise.resolve(state as JobState), cancelRequested: false };
    job.finished = new Promise<JobState>((resolve) => {
      const finish = (patch: { status: JobState['status']; result?: JobResults[K]; error?: string }): void => {
        if (state.status !== 'running') return;
        Object.assign(state, patch);
        this.onChange({ ...state } as JobState);
        void worker.terminate();
        resolve({ ...state } as JobState);
      };
      worker.on('message', (m: JobMessage) => {
        if (m.type === 'progress') {
          if (state.status !== 'running') return;
          state.progress = m.progress;
          this.onChange({ ...state } as JobState);
        } else if (m.type === 'done') finish({ status: 'done', result: m.result as JobResults[K] });
        else if (m.type === 'cancelled') finish({ status: 'cancelled' });
        else finish({ status: 'failed', error: m.error });
      });
      worker.on('error', (e) => finish({ status: 'failed', error: e.message }));
      worker.on('exit', (code) =>
        finish(job.cancelRequested ? { status: 'cancelled' } : { status: 'failed', error: `The job's thread stopped unexpectedly (exit code ${code}).` }),
      );
    });
    this.jobs.set(id, job);
    this.onChange({ ...state } as JobState);
    return { ...state };
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
    if (job.state.status === 'running') {
      job.cancelRequested = true;
      job.worker.postMessage({ type: 'cancel' });
      const timer = setTimeout(() => {
        if (job.state.status === 'running') void job.worker.terminate(); // 'exit' then marks it cancelled
      }, CANCEL_GRACE_MS);
      timer.unref();
    }
    return { ...job.state };
  }

  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.worker.terminate()));
  }

  private job(id: number): RunningJob {
    const job = this.jobs.get(id);
    if (!job) throw new LabError(`There is no job with id ${id}.`, 'not-found');
    return job;
  }
}
