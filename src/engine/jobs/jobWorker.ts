/**
 * The thread a long job runs in. It opens its own connection to the lab file, runs
 * the job's entry of the job table, and reports progress and the outcome to the runner,
 * and to the job board, where Labs in other processes read them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobKind, JobResults } from '../../shared/contract.js';
import { openDb } from '../store/db.js';
import { Cancelled } from '../base/errors.js';
import { throttledProgress } from '../base/progress.js';
import { jobTable } from './jobTable.js';
import { openBoardWriter, type BoardWriter } from './boardWriter.js';
import type { JobMessage, JobSpecOf, JobWorkerData } from './jobProtocol.js';

const { dbPath, spec, board: boardJob } = workerData as JobWorkerData;
const post = (m: JobMessage): void => parentPort!.postMessage(m);
const abort = new AbortController();
parentPort!.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') abort.abort();
});

/** No board is no reason to fail a job (a lab file opened read-only, say): its progress then stays in this process. */
function openBoard(): BoardWriter | null {
  try {
    return openBoardWriter(dbPath, boardJob);
  } catch {
    return null;
  }
}
const board = openBoard();

async function run<K extends JobKind>(job: JobSpecOf<K>) {
  const db = openDb(dbPath, { migrate: false });
  try {
    const progress = throttledProgress((p) => {
      post({ type: 'progress', progress: p });
      board?.report(p);
    });
    const result = await (jobTable[job.kind] as (typeof jobTable)[K])(db, job.params, progress, abort.signal);
    progress.flush();
    return result;
  } finally {
    db.close();
  }
}

run(spec).then(
  (result: JobResults[JobKind]) => {
    board?.end({ status: 'done', result });
    post({ type: 'done', result });
  },
  (e: unknown) => {
    if (e instanceof Cancelled || abort.signal.aborted) {
      board?.end({ status: 'cancelled' });
      return post({ type: 'cancelled' });
    }
    const err = e as { message?: string; name?: string; code?: unknown; field?: unknown };
    const lab = err?.name === 'LabError';
    const error = err?.message ?? String(e);
    board?.end({ status: 'failed', error });
    post({ type: 'failed', error, code: lab ? String(err.code) : undefined, field: lab && typeof err.field === 'string' ? err.field : undefined });
  },
);
