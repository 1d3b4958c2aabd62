/**
 * What each kind of job runs, in its worker thread: one entry per kind, typed by the
 * job's parameters (jobProtocol.ts) and its result (the contract's JobResults).
 * Only the job thread imports this table; the runner knows the kinds by type alone.
 */
import type { JobKind, JobResults } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import type { ProgressSink } from '../base/progress.js';
import { ingestFolder } from '../corpus/ingest.js';
import { exportCorpusText } from '../corpus/exportText.js';
import { trainRun } from '../runs/trainRun.js';
import { evaluateRun } from '../eval/evaluateRun.js';
import { importVectorsAsRun } from '../formats/importRun.js';
import { exportRun } from '../formats/exportRun.js';
import { runClusterJob, runProjectJob } from '../projection/job.js';
import { generateCorpus } from '../randwalk/store.js';
import { summarizeTheory } from '../../shared/randwalkText.js';
import { backupLab } from '../store/backup.js';
import { runExperiment } from '../experiments/runner.js';
import { explainPair } from '../explain/explainPair.js';
import type { JobParams } from './jobProtocol.js';

type JobFunction<K extends JobKind> = (db: Db, params: JobParams[K], progress: ProgressSink, signal: AbortSignal) => Promise<JobResults[K]>;

export const jobTable: { [K in JobKind]: JobFunction<K> } = {
  ingest: (db, p, progress, signal) => ingestFolder(db, p, progress, signal),
  train: (db, p, progress, signal) => trainRun(db, p.runId, progress, signal, p.resume === true),
  eval: (db, p, progress, signal) => evaluateRun(db, p, progress, signal),
  import: (db, p, progress, signal) => importVectorsAsRun(db, p.file, { ...p, progress, signal }),
  export: (db, p, progress, signal) => exportRun(db, p.runId, { ...p.options, progress, signal }),
  exportText: (db, p, progress, signal) => exportCorpusText(db, p.corpusId, p.out, { progress, signal }),
  project: (db, p, progress, signal) => runProjectJob(db, p, progress, signal),
  cluster: (db, p, progress, signal) => runClusterJob(db, p, progress, signal),
  randwalk: async (db, p, progress, signal) => {
    const r = await generateCorpus(db, p, progress, signal);
    return { corpusId: r.corpusId, theory: summarizeTheory(r.theory), stats: r.stats };
  },
  backup: (db, p, progress, signal) => backupLab(db, p.out, progress, signal),
  experiment: (db, p, progress, signal) => runExperiment(db, p, progress, signal),
  explain: async (db, p, progress) => {
    progress.phase('counting', 0, 'steps');
    return explainPair(db, p);
  },
};
