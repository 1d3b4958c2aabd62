/**
 * The lab: the engine's one way in. It owns the store connection and the job
 * runner and implements every call of the contract (lab/calls.ts), typed by the
 * contract: call<N>(name, input) answers CallOutput<N>. Transports (the engine host,
 * the HTTP server, the CLI) import this module and nothing else of the engine;
 * dispatch() validates raw input first.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LabError } from '../shared/labError.js';
import { parseInput, isCallName, type AppInfo, type JobState, type CallInput, type CallName, type CallOutput, type EventName, type EventPayloads, type LabClient } from '../shared/contract.js';
import { openDb, type Db } from './store/db.js';
import { defaultJobLimits, JobRunner } from './jobs/jobRunner.js';
import { endRun, markInterruptedRuns, readRunVectors, getRunSummary } from './store/runs.js';
import { KeyedVectors } from './vectors/keyedVectors.js';
import { defaultDbPath } from './base/paths.js';
import { labCalls } from './lab/calls.js';
import { experimentJobEvents } from './lab/experimentCalls.js';
import { markInterruptedExperiments } from './store/experiments.js';
import { restoreLab } from './store/backup.js';
import { clearDeadOwners, endRunnerJobs, postOutcome, stillPosted } from './store/jobBoard.js';
import { StoreWatch } from './lab/storeWatch.js';
import type { CallHandlers, LabOptions } from './lab/context.js';

export type { LabOptions };

/** Labs open in this process, by file, and how many times. */
const openLabs = new Map<string, number>();

export interface OpenLabOptions {
  /** The lab file; by default $EMBEDLAB_DB, else lab.db in the user's data directory. */
  db?: string;
  mode: AppInfo['mode'];
  /** Create the file's folder when it does not exist (the default location always may be created). */
  create?: boolean;
}

export class Lab implements LabClient {
  /** For the engine's own modules and tests; transports use call() and on(). */
  readonly db: Db;
  readonly jobs: JobRunner;
  /** Changes and jobs of other processes on the same file; null when not watching (the CLI). */
  readonly watch: StoreWatch | null;
  private readonly events = new EventEmitter();
  private readonly handlers: CallHandlers;

  /**
   * Opens a lab file, refusing a path whose folder does not exist unless asked to create it: a mistyped
   * --db must not make an empty lab that looks like lost data.
   */
  static open(o: OpenLabOptions): Lab {
    return new Lab({ dbPath: Lab.pathOf(o), mode: o.mode });
  }

  /**
   * Replaces the lab file with a checked backup (store/backup.ts). No Lab may be open on
   * it, in this process or another: restoring is not a call on a lab, since it swaps the file.
   */
  static restore(o: Omit<OpenLabOptions, 'mode'>, file: string): { lab: string; schemaVersion: number; kept: string | null } {
    const lab = Lab.pathOf({ ...o, mode: 'cli' });
    return { lab, ...restoreLab(lab, file) };
  }

  /** The lab file's path: --db, else $EMBEDLAB_DB, else the user data folder; a mistyped folder is refused, not created. */
  private static pathOf(o: OpenLabOptions): string {
    const explicit = o.db ?? process.env.EMBEDLAB_DB;
    const dbPath = resolve(explicit ?? defaultDbPath());
    const folder = dirname(dbPath);
    if (!existsSync(folder)) {
      if (explicit && !o.create) {
        throw new LabError(`There is no folder ${folder} for the lab file ${dbPath}. Check the path, or create the folder first.`, 'not-found');
      }
      mkdirSync(folder, { recursive: true });
    } else if (!statSync(folder).isDirectory()) {
      throw new LabError(`${folder} is a file, not a directory, so the lab file ${dbPath} cannot be there.`, 'invalid');
    }
    return dbPath;
  }

  constructor(readonly options: LabOptions) {
    this.db = openDb(options.dbPath);
    // Runs of this process are interrupted too when no other Lab here has the file open: none of our jobs is behind them.
    markInterruptedRuns(this.db, !openLabs.has(this.key));
    markInterruptedExperiments(this.db, !openLabs.has(this.key));
    const experimentEvents = experimentJobEvents(this.db, (event, payload) => this.emit(event, payload));
    clearDeadOwners(this.db);
    openLabs.set(this.key, (openLabs.get(this.key) ?? 0) + 1);
    this.jobs = new JobRunner(options.dbPath, (state) => {
      if (state.status !== 'running') this.endTerminated(state);
      experimentEvents(state);
      this.emit('job', state);
      if (state.status !== 'running') this.emit('changed', { what: state.kind === 'ingest' || state.kind === 'randwalk' ? 'corpora' : 'runs' });
    }, { ...defaultJobLimits(), ...options.jobLimits });
    this.events.setMaxListeners(100);
    const watchMs = options.watchMs ?? (options.mode === 'cli' ? 0 : 300);
    this.watch = watchMs > 0 ? new StoreWatch(this.db, this.jobs.runnerId, (event, payload) => this.emit(event, payload), watchMs) : null;
    this.handlers = labCalls({
      db: this.db,
      jobs: this.jobs,
      watch: this.watch,
      options: this.options,
      emit: (event, payload) => this.emit(event, payload),
      vectors: (runId) => this.vectors(runId),
      forgetVectors: (runId) => this.vectorCache.delete(runId),
    });
  }

  /** One call of the contract, typed; the input is validated like any other. */
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    return this.dispatch(name, input) as Promise<CallOutput<N>>;
  }

  /** One call from a transport: an unknown name or bad input becomes LabError('invalid'). */
  async dispatch(name: string, rawInput: unknown): Promise<unknown> {
    if (!isCallName(name)) throw new LabError(`Unknown call "${name}".`, 'invalid');
    const input = parseInput(name, rawInput);
    return (this.handlers[name] as (i: unknown) => unknown)(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  async close(): Promise<void> {
    this.watch?.close();
    await this.jobs.close();
    endRunnerJobs(this.db, this.jobs.runnerId);
    this.db.close();
    const n = (openLabs.get(this.key) ?? 1) - 1;
    if (n > 0) openLabs.set(this.key, n);
    else openLabs.delete(this.key);
  }

  /**
   * The job's thread normally ends its run and its board entry itself; this covers a thread that was
   * terminated or died (a read first: the write is rarely needed).
   */
  private endTerminated(state: JobState): void {
    if (state.kind === 'train' && state.subject?.runId) {
      endRun(this.db, state.subject.runId, state.status === 'cancelled' ? 'cancelled' : 'failed', state.error ?? null);
    }
    const key = { runner: this.jobs.runnerId, jobId: state.id };
    if (state.status !== 'running' && stillPosted(this.db, key)) postOutcome(this.db, key, { status: state.status, error: state.error, result: state.result });
  }

  private get key(): string {
    return resolve(this.options.dbPath);
  }

  private readonly vectorCache = new Map<number, { createdAt: string; kv: KeyedVectors }>();

  /** A run's vectors, kept for the last few runs queried (loading 100k × 300 takes longer than a query). */
  private vectors(runId: number): KeyedVectors {
    const createdAt = getRunSummary(this.db, runId).createdAt;
    let hit = this.vectorCache.get(runId);
    if (hit && hit.createdAt === createdAt) {
      this.vectorCache.delete(runId);
    } else {
      hit = { createdAt, kv: KeyedVectors.from(readRunVectors(this.db, runId)) };
      if (this.vectorCache.size >= 4) this.vectorCache.delete(this.vectorCache.keys().next().value!);
    }
    this.vectorCache.set(runId, hit);
    return hit.kv;
  }

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.emit(event, payload);
  }
}
