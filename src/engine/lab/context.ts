/** What the lab's call handlers share: the store, the job runner, events and the vectors cache. */
import type { AppInfo, CallName, CallOutputs, EventName, EventPayloads, ParsedInput } from '../../shared/contract.js';
import type { Db } from '../store/db.js';
import type { JobLimits, JobRunner } from '../jobs/jobRunner.js';
import type { KeyedVectors } from '../vectors/keyedVectors.js';
import type { StoreWatch } from './storeWatch.js';

export interface LabOptions {
  dbPath: string;
  /** What app.info reports: 'desktop' (the engine host), 'browser' (the local server) or 'cli'. */
  mode: AppInfo['mode'];
  /** How many jobs run at once (jobs/jobRunner.ts has the defaults). */
  jobLimits?: Partial<JobLimits>;
  /**
   * How often (ms) to look for changes other processes made to the lab file (lab/storeWatch.ts);
   * 0: never. By default 300, except for the CLI, whose commands do not stay to listen.
   */
  watchMs?: number;
}

export interface LabContext {
  db: Db;
  jobs: JobRunner;
  /** Other processes' changes and jobs; null when this Lab does not watch. */
  watch: StoreWatch | null;
  options: LabOptions;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** A finished run's vectors (cached). */
  vectors(runId: number): KeyedVectors;
  forgetVectors(runId: number): void;
}

/** The handler of every call, typed by the contract. */
export type CallHandlers = { [N in CallName]: (input: ParsedInput<N>) => CallOutputs[N] | Promise<CallOutputs[N]> };
