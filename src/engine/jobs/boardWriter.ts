/**
 * The job thread's side of the job board (store/jobBoard.ts): it posts the job's
 * progress at most once per interval (twice a second by default), the latest figures
 * winning, and how the job ended. It writes on a connection of its own that never
 * waits for the write lock: when another connection holds it (this job's own saving
 * transaction, or another process's), the write is skipped and the next one carries
 * the news, so the board can never slow the job down.
 */
import type { JobProgress, JobStatus } from '../../shared/contract.js';
import { openDb, type Db } from '../store/db.js';
import { postJob, postOutcome, postProgress, type BoardJob } from '../store/jobBoard.js';

export interface BoardWriter {
  /** The job's progress, as its sink emits it; written now or within the interval. */
  report(p: JobProgress): void;
  /** How the job ended (waits up to two seconds for the write lock: the last word must land). */
  end(o: { status: Exclude<JobStatus, 'running'>; error?: string; result?: unknown }): void;
  /** Rows written so far (for tests of the throttle). */
  readonly writes: number;
}

const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown })?.code ?? ''));

export function openBoardWriter(dbPath: string, job: BoardJob, intervalMs = 500): BoardWriter {
  let db: Db | null = openDb(dbPath, { migrate: false });
  db.pragma('busy_timeout = 0');
  // Copying the write-ahead log into the file is left to the other connections: a commit here stays a few
  // tens of microseconds, where one that set off a checkpoint could take as long as the log is big.
  db.pragma('wal_autocheckpoint = 0');
  let posted = false;
  let latest: JobProgress | null = null;
  let lastWrite = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writes = 0;

  const write = (): void => {
    timer = null;
    if (!db || !latest) return;
    try {
      if (posted) postProgress(db, job, latest);
      else postJob(db, job, latest);
      posted = true;
      writes++;
      latest = null;
    } catch (e) {
      if (!isBusy(e)) db = null; // a board that fails otherwise is left alone: the job matters more
    }
    lastWrite = performance.now();
    if (latest) schedule(); // busy: try again after the interval
  };
  const schedule = (): void => {
    if (timer) return;
    timer = setTimeout(write, Math.max(0, intervalMs - (performance.now() - lastWrite)));
    timer.unref();
  };

  return {
    report(p) {
      latest = p;
      if (performance.now() - lastWrite >= intervalMs) write();
      else schedule();
    },
    end(o) {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!db) return;
      try {
        if (posted) {
          db.pragma('busy_timeout = 2000');
          // The last figures (the final elapsed time) with the outcome: a reader shows them as the job's end.
          if (latest) postProgress(db, job, latest);
          postOutcome(db, job, o);
        }
      } catch {
        // The runner posts the outcome too when this one did not land.
      } finally {
        db.close();
        db = null;
      }
    },
    get writes() {
      return writes;
    },
  };
}
