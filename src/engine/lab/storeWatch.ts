/**
 * What other processes do to the lab file, as the contract's events. A CLI run, an
 * ingestion or a removal made by another process commits to the same SQLite file;
 * SQLite's `PRAGMA data_version` on this Lab's connection changes exactly when another
 * connection has committed, so a cheap poll of it tells when to look. Then the corpora
 * and runs are compared by a fingerprint ('changed' when they differ), and the job
 * board's rows of other runners become 'job' events, so that their progress and their
 * end reach every open view as a job of this Lab's would.
 */
import type { EventName, EventPayloads, JobState } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import { clearDeadOwners, pidOf, readBoard, type PostedJob } from '../store/jobBoard.js';
import { markInterruptedRuns } from '../store/runs.js';
import { ownerAlive } from '../base/processToken.js';

type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** One line per stored thing that a view shows: any insert, removal, rename or change of status alters it. */
const FINGERPRINTS: Record<'corpora' | 'runs' | 'experiments', string> = {
  corpora: `SELECT coalesce(group_concat(id || ':' || name, '|'), '') AS f FROM (SELECT id, name FROM corpora ORDER BY id)`,
  runs: `SELECT coalesce(group_concat(x, '|'), '') || '/' || (SELECT count(*) FROM run_evals) || ':' || (SELECT coalesce(max(created_at), '') FROM run_evals) AS f
    FROM (SELECT r.id || ':' || r.status || ':' || r.name || ':' || coalesce(k.saved_at, '') AS x
          FROM runs r LEFT JOIN run_checkpoints k ON k.run_id = r.id ORDER BY r.id)`,
  experiments: `SELECT coalesce(group_concat(x, '|'), '') AS f FROM (SELECT e.id || ':' || e.status || ':' || e.name || ':' ||
    (SELECT count(run_id) FROM experiment_runs WHERE experiment_id = e.id) AS x FROM experiments e ORDER BY e.id)`,
};

/** How often the owners of foreign running jobs are checked when nothing is written (a killed process writes nothing). */
const OWNER_CHECK_MS = 2000;

export class StoreWatch {
  private version: number;
  private readonly prints = new Map<string, string>();
  /** Foreign jobs seen running, by id, with when their thread last wrote. */
  private readonly running = new Map<number, PostedJob>();
  private readonly waiters = new Map<number, ((s: JobState) => void)[]>();
  private readonly timer: ReturnType<typeof setInterval>;
  private lastOwnerCheck = Date.now();

  constructor(private readonly db: Db, private readonly runner: string, private readonly emit: Emit, intervalMs = 300) {
    this.version = this.dataVersion();
    for (const what of Object.keys(FINGERPRINTS)) this.prints.set(what, this.print(what as keyof typeof FINGERPRINTS));
    this.readJobs();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** Foreign jobs running now. */
  list(): JobState[] {
    return [...this.running.values()].map((j) => j.state).reverse();
  }

  get(id: number): JobState {
    const job = this.running.get(id) ?? readBoard(this.db, this.runner).find((j) => j.state.id === id);
    if (!job) throw new LabError(`There is no job with id ${id}.`, 'not-found');
    return job.state;
  }

  /** Resolves when a foreign job has ended (as this watcher learns it). */
  wait(id: number): Promise<JobState> {
    const state = this.get(id);
    if (state.status !== 'running') return Promise.resolve(state);
    this.timer.ref(); // someone waits: the poll keeps the process up until the job ends
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  cancel(id: number): never {
    const state = this.get(id);
    const pid = state.elsewhere?.pid;
    throw new LabError(`Job ${id} (${state.title}) runs in another process (pid ${pid}); stop it there (Ctrl+C in its terminal, or kill ${pid}).`, 'invalid');
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** One poll: look when another connection committed; otherwise, now and then, whether the owners of foreign jobs still live. */
  tick(): void {
    try {
      const v = this.dataVersion();
      if (v !== this.version) {
        this.version = v;
        this.compare();
      } else if (this.running.size > 0 && Date.now() - this.lastOwnerCheck >= OWNER_CHECK_MS) {
        this.checkOwners();
      }
    } catch {
      // The file is busy or closing: the next tick looks again.
    }
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private print(what: keyof typeof FINGERPRINTS): string {
    return (this.db.prepare(FINGERPRINTS[what]).get() as { f: string }).f;
  }

  private compare(): void {
    for (const what of Object.keys(FINGERPRINTS) as (keyof typeof FINGERPRINTS)[]) {
      const f = this.print(what);
      if (f === this.prints.get(what)) continue;
      this.prints.set(what, f);
      this.emit('changed', { what });
    }
    this.readJobs();
  }

  /** Emits every foreign job that moved, and the end of those that ended or vanished. */
  private readJobs(): void {
    const board = readBoard(this.db, this.runner);
    const present = new Set<number>();
    for (const job of board) {
      const id = job.state.id;
      present.add(id);
      const seen = this.running.get(id);
      if (job.state.status === 'running') {
        if (seen?.updatedAt === job.updatedAt || !ownerAlive(job.owner)) continue;
        this.running.set(id, job);
        this.emit('job', job.state);
      } else if (seen) {
        this.ended(job.state);
      }
    }
    for (const [id, job] of this.running) {
      if (!present.has(id)) this.ended(gone(job));
    }
  }

  /** A process killed mid-job writes nothing: its jobs end here, and its runs are marked interrupted as a restart would. */
  private checkOwners(): void {
    this.lastOwnerCheck = Date.now();
    const dead = [...this.running.values()].filter((j) => !ownerAlive(j.owner));
    if (dead.length === 0) return;
    for (const job of dead) this.ended(gone(job));
    clearDeadOwners(this.db);
    markInterruptedRuns(this.db);
    this.compare(); // this connection's own writes leave data_version alone
  }

  private ended(state: JobState): void {
    this.running.delete(state.id);
    this.emit('job', state);
    for (const resolve of this.waiters.get(state.id) ?? []) resolve(state);
    this.waiters.delete(state.id);
    if (this.waiters.size === 0) this.timer.unref();
  }
}

/** The end of a job whose process stopped without saying how. */
function gone(job: PostedJob): JobState {
  return {
    ...job.state, status: 'failed', progress: { ...job.state.progress, eta: null },
    error: `The process running it (pid ${pidOf(job.owner)}) stopped before it finished.`,
  };
}
