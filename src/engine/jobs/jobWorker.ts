/**
 * The thread a long job runs in. It opens its own connection to the lab file,
 * runs the job, and reports progress and the outcome to the runner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../store/db.js';
import { ingestFolder } from '../corpus/ingest.js';
import { trainRun } from '../runs/trainRun.js';
import { evaluateRun } from '../eval/evaluateRun.js';
import { importVectorsAsRun } from '../formats/importRun.js';
import { exportRun } from '../formats/exportRun.js';
import { runClusterJob, runProjectJob } from '../projection/job.js';
import { generateCorpus } from '../randwalk/store.js';
import { summarizeTheory } from '../randwalk/theory.js';
import { Cancelled } from '../base/errors.js';
import { throttledProgress } from '../base/progress.js';
import type { JobMessage, JobWorkerData } from './jobProtocol.js';

const { dbPath, spec } = workerData as JobWorkerData;
const post = (m: JobMessage): void => parentPort!.postMessage(m);
const abort = new AbortController();
parentPort!.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') abort.abort();
});

async function run(): Promise<Record<string, unknown>> {
  const db = openDb(dbPath, { migrate: false });
  try {
    const progress = throttledProgress((p) => post({ type: 'progress', progress: p }));
    switch (spec.kind) {
      case 'ingest': {
        const result = await ingestFolder(db, spec.params, progress, abort.signal);
        progress.flush();
        return { ...result };
      }
      case 'eval': {
        const result = await evaluateRun(db, spec.params, progress, abort.signal);
        progress.flush();
        return { ...result };
      }
      case 'import': {
        const result = await importVectorsAsRun(db, spec.params.file, { ...spec.params, progress, signal: abort.signal });
        progress.flush();
        return { ...result };
      }
      case 'export': {
        const result = await exportRun(db, spec.params.runId, { ...spec.params.options, progress, signal: abort.signal });
        progress.flush();
        return { ...result };
      }
      case 'project': {
        const result = await runProjectJob(db, spec.params, progress, abort.signal);
        progress.flush();
        return result;
      }
      case 'cluster': {
        const result = await runClusterJob(db, spec.params, progress, abort.signal);
        progress.flush();
        return result;
      }
      case 'train': {
        const result = await trainRun(db, spec.params.runId, progress, abort.signal);
        progress.flush();
        return { ...result };
      }
      case 'randwalk': {
        const r = await generateCorpus(db, spec.params, progress, abort.signal);
        progress.flush();
        return { corpusId: r.corpusId, theory: summarizeTheory(r.theory), stats: r.stats };
      }
    }
  } finally {
    db.close();
  }
}

run().then(
  (result) => post({ type: 'done', result }),
  (e: unknown) => post(e instanceof Cancelled || abort.signal.aborted ? { type: 'cancelled' } : { type: 'failed', error: (e as Error).message }),
);
