/**
 * The job board (schema 9, job_progress): each running job's thread writes what it is
 * doing here, so that a Lab in another process on the same lab file (an open UI while
 * the CLI trains) shows that job as it shows its own. A row is the job's last progress;
 * at the end its status says how the job ended, and it is removed a minute later.
 *
 * Jobs of another runner are told apart from a runner's own jobs by a job id of
 * FOREIGN_JOB_IDS + the row's id: a runner's own ids count from 1 and never get there.
 */
import type { JobKind, JobProgress, JobState, JobStatus } from '../../shared/contract.js';
import { ownerAlive } from '../base/processToken.js';
import type { Db } from './db.js';

export const FOREIGN_JOB_IDS = 1_000_000_000;

/** How long an ended job's row stays, for the readers that saw it running to learn its outcome. */
const ENDED_KEPT_MS = 60_000;

export function isForeignJobId(id: number): boolean {
  return id > FOREIGN_JOB_IDS;
}

/** Who posts a row: the process (token), its job runner and the job's id there. */
export interface BoardKey {
  owner: string;
  runner: string;
  jobId: number;
}

/** A job's row: its runner's and its id there. */
export type JobOnBoard = Pick<BoardKey, 'runner' | 'jobId'>;

/** What a job is, known when it starts. */
export interface BoardJob extends BoardKey {
  kind: JobKind;
  title: string;
  subject?: Record<string, number>;
  startedAt: string;
}

interface BoardRow {
  id: number;
  owner: string;
  runner: string;
  kind: JobKind;
  title: string;
  subject: string;
  started_at: string;
  status: JobStatus;
  error: string | null;
  result: string | null;
  phase: string;
  done: number;
  total: number;
  unit: string;
  detail: string;
  elapsed: number;
  eta: number | null;
  updated_at: number;
}

/** Puts a job on the board (replacing an earlier row of the same key), and clears rows that ended long ago. */
export function postJob(db: Db, job: BoardJob, p: JobProgress, now = Date.now()): void {
  db.transaction(() => {
    db.prepare(`DELETE FROM job_progress WHERE status <> 'running' AND updated_at < ?`).run(now - ENDED_KEPT_MS);
    db.prepare(
      `INSERT OR REPLACE INTO job_progress (owner, runner, job_id, kind, title, subject, started_at, status, phase, done, total, unit, detail, elapsed, eta, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(job.owner, job.runner, job.jobId, job.kind, job.title, JSON.stringify(job.subject ?? {}), job.startedAt,
      p.phase, p.done, p.total, p.unit, JSON.stringify(p.detail), p.elapsed, p.eta, now);
  })();
}

/** A running job's latest progress; false when its row is gone or has ended. */
export function postProgress(db: Db, key: JobOnBoard, p: JobProgress, now = Date.now()): boolean {
  return db.prepare(
    `UPDATE job_progress SET phase = ?, done = ?, total = ?, unit = ?, detail = ?, elapsed = ?, eta = ?, updated_at = ?
     WHERE runner = ? AND job_id = ? AND status = 'running'`,
  ).run(p.phase, p.done, p.total, p.unit, JSON.stringify(p.detail), p.elapsed, p.eta, now, key.runner, key.jobId).changes > 0;
}

/** How a job ended; only a row still 'running' changes, so the first outcome posted stands. */
export function postOutcome(db: Db, key: JobOnBoard, o: { status: Exclude<JobStatus, 'running'>; error?: string; result?: unknown }, now = Date.now()): boolean {
  return db.prepare(
    `UPDATE job_progress SET status = ?, error = ?, result = ?, eta = NULL, updated_at = ? WHERE runner = ? AND job_id = ? AND status = 'running'`,
  ).run(o.status, o.error ?? null, o.result === undefined ? null : JSON.stringify(o.result), now, key.runner, key.jobId).changes > 0;
}

/** Ends every job of a runner still 'running' on the board (its Lab is closing: its threads stop with it). */
export function endRunnerJobs(db: Db, runner: string, now = Date.now()): number {
  return db.prepare(
    `UPDATE job_progress SET status = 'cancelled', error = 'The lab running it was closed.', eta = NULL, updated_at = ? WHERE runner = ? AND status = 'running'`,
  ).run(now, runner).changes;
}

/** Whether a runner's job is still 'running' on the board (a cheap read before a write that is rarely needed). */
export function stillPosted(db: Db, key: JobOnBoard): boolean {
  return !!db.prepare(`SELECT 1 FROM job_progress WHERE runner = ? AND job_id = ? AND status = 'running'`).get(key.runner, key.jobId);
}

/** A job on the board as a client sees it, and the process that runs it. */
export interface PostedJob {
  state: JobState;
  owner: string;
  /** When its thread last wrote (ms since the epoch). */
  updatedAt: number;
}

/** The jobs of every runner but `runner`, as JobStates; elapsed and eta aged by the time since their last write. */
export function readBoard(db: Db, runner: string, now = Date.now()): PostedJob[] {
  const rows = db.prepare('SELECT * FROM job_progress WHERE runner <> ? ORDER BY id').all(runner) as BoardRow[];
  return rows.map((r) => ({ state: toJobState(r, now), owner: r.owner, updatedAt: r.updated_at }));
}

function toJobState(r: BoardRow, now: number): JobState {
  const age = r.status === 'running' ? Math.max(0, now - r.updated_at) / 1000 : 0;
  const progress: JobProgress = {
    phase: r.phase, done: r.done, total: r.total, unit: r.unit, detail: JSON.parse(r.detail) as Record<string, number>,
    elapsed: r.elapsed + age, eta: r.eta === null ? null : Math.max(0, r.eta - age),
  };
  const subject = JSON.parse(r.subject) as Record<string, number>;
  return {
    id: FOREIGN_JOB_IDS + r.id, kind: r.kind, title: r.title, subject: Object.keys(subject).length ? subject : undefined,
    status: r.status, progress, startedAt: r.started_at,
    ...(r.result !== null ? { result: JSON.parse(r.result) } : {}),
    ...(r.error !== null ? { error: r.error } : {}),
    elsewhere: { pid: pidOf(r.owner) },
  } as JobState;
}

/** The process id in an owner token (pid:start time). */
export function pidOf(owner: string): number {
  return Number(owner.split(':')[0]);
}

/** Removes the rows of processes that are gone (killed mid-job); answers how many went. */
export function clearDeadOwners(db: Db): number {
  const owners = db.prepare('SELECT DISTINCT owner FROM job_progress').all() as { owner: string }[];
  const dead = owners.map((o) => o.owner).filter((o) => !ownerAlive(o));
  if (dead.length === 0) return 0;
  const remove = db.prepare('DELETE FROM job_progress WHERE owner = ?');
  return db.transaction(() => dead.reduce((n, o) => n + remove.run(o).changes, 0))();
}
