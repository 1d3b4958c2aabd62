/** Every call of the contract, by the part of the lab it concerns. */
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { getCorpusSummary } from '../store/corpora.js';
import { APP_VERSION } from '../base/version.js';
import { randWalkParams } from '../randwalk/generator.js';
import { corpusRecovery, loadPlanted, loadTheory, runRecovery } from '../randwalk/store.js';
import { isForeignJobId } from '../store/jobBoard.js';
import { corpusCalls } from './corpusCalls.js';
import { runCalls, finishedRun } from './runCalls.js';
import { vectorCalls } from './vectorCalls.js';
import { dynamicsCalls } from './dynamicsCalls.js';
import { experimentCalls } from './experimentCalls.js';
import type { CallHandlers, LabContext } from './context.js';

export type { CallHandlers };

function jobAndRandWalkCalls(lab: LabContext): Pick<CallHandlers, 'app.info' | 'lab.backup' | 'job.list' | 'job.get' | 'job.wait' | 'job.cancel' | 'randwalk.generate' | 'randwalk.get' | 'randwalk.recovery' | 'randwalk.recoveryTable' | 'randwalk.planted'> {
  return {
    'app.info': () => ({
      version: APP_VERSION, dbPath: resolve(lab.options.dbPath), mode: lab.options.mode, cores: availableParallelism(), canReadServerPaths: true,
    }),
    'lab.backup': ({ out }) => lab.jobs.start({ kind: 'backup', params: { out: resolve(out) } }, `Back up the lab to ${basename(out)}`),
    // Jobs of other processes on the lab file (lab/storeWatch.ts) have ids of their own range.
    'job.list': () => [...lab.jobs.list(), ...(lab.watch?.list() ?? [])],
    'job.get': ({ id }) => (lab.watch && isForeignJobId(id) ? lab.watch.get(id) : lab.jobs.get(id)),
    'job.wait': ({ id }) => (lab.watch && isForeignJobId(id) ? lab.watch.wait(id) : lab.jobs.wait(id)),
    'job.cancel': ({ id }) => (lab.watch && isForeignJobId(id) ? lab.watch.cancel(id) : lab.jobs.cancel(id)),
    'randwalk.generate': ({ name, ...raw }) => {
      const p = randWalkParams(raw); // every option and the cross-field checks answer before a job starts
      return lab.jobs.start({ kind: 'randwalk', params: { ...p, name } }, `Generate RAND-WALK n=${p.vocab} d=${p.dim} T=${p.tokens.toLocaleString('en-US')}`);
    },
    'randwalk.get': ({ corpusId }) => {
      getCorpusSummary(lab.db, corpusId);
      const t = loadTheory(lab.db, corpusId);
      if (!t) throw new LabError(`Corpus ${corpusId} is not a RAND-WALK corpus: it has no ground truth.`, 'invalid');
      return { corpusId, ...t };
    },
    'randwalk.recovery': ({ runId }) => {
      finishedRun(lab, runId, 'compare');
      return runRecovery(lab.db, runId);
    },
    'randwalk.recoveryTable': ({ corpusId }) => {
      getCorpusSummary(lab.db, corpusId);
      return corpusRecovery(lab.db, corpusId);
    },
    'randwalk.planted': ({ corpusId }) => {
      getCorpusSummary(lab.db, corpusId);
      const relations = loadPlanted(lab.db, corpusId);
      if (!relations) throw new LabError(`Corpus ${corpusId} is not a RAND-WALK corpus: it has no planted relations.`, 'invalid');
      return { corpusId, relations };
    },
  };
}

export function labCalls(lab: LabContext): CallHandlers {
  return { ...jobAndRandWalkCalls(lab), ...corpusCalls(lab), ...runCalls(lab), ...vectorCalls(lab), ...dynamicsCalls(lab), ...experimentCalls(lab) };
}
