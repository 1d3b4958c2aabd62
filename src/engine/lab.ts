/**
 * The lab: the engine's one entry point. It owns the store connection and the
 * job runner, and implements every call of the contract. Transports (IPC,
 * HTTP/WS, the CLI) hand it raw input; it validates before anything else.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  parseInput, isCallName, LabError,
  type CallName, type CallOutputs, type ParsedInput, type EventName, type EventPayloads, type AppInfo,
} from '../shared/contract.js';
import { openDb, type Db } from './store/db.js';
import { getCorpusDetail, listCorpora, removeCorpus } from './store/corpora.js';
import { JobRunner } from './jobs/jobRunner.js';
import { APP_VERSION } from './version.js';

export interface LabOptions {
  dbPath: string;
  mode: AppInfo['mode'];
  /** Whether clients may name folders on this machine (true for the desktop app, the CLI and the local server). */
  canReadServerPaths?: boolean;
}

type Handlers = { [N in CallName]: (input: ParsedInput<N>) => CallOutputs[N] | Promise<CallOutputs[N]> };

export class Lab {
  readonly db: Db;
  readonly jobs: JobRunner;
  private readonly events = new EventEmitter();
  private readonly uploads = new Map<string, string>();
  readonly uploadsDir: string;

  constructor(private readonly options: LabOptions) {
    this.db = openDb(options.dbPath);
    this.uploadsDir = `${resolve(options.dbPath)}.uploads`;
    this.jobs = new JobRunner(options.dbPath, (state) => {
      this.emit('job', state);
      if (state.status === 'done') this.emit('changed', { what: 'corpora' });
      if (state.status !== 'running') this.releaseUploadOf(state.id);
    });
    this.events.setMaxListeners(100);
  }

  /** Validates and runs one call. Unknown names and bad input become LabError('invalid'). */
  async call(name: string, rawInput: unknown): Promise<unknown> {
    if (!isCallName(name)) throw new LabError(`Unknown call "${name}".`, 'invalid');
    const input = parseInput(name, rawInput);
    return (this.handlers[name] as (i: unknown) => unknown)(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** The folder an upload's files go to; null for an unknown id. */
  uploadDir(uploadId: string): string | null {
    return this.uploads.get(uploadId) ?? null;
  }

  async close(): Promise<void> {
    await this.jobs.close();
    this.db.close();
    for (const dir of this.uploads.values()) rmSync(dir, { recursive: true, force: true });
  }

  private emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.emit(event, payload);
  }

  private readonly jobUploads = new Map<number, string>();
  private releaseUploadOf(jobId: number): void {
    const uploadId = this.jobUploads.get(jobId);
    if (!uploadId) return;
    this.jobUploads.delete(jobId);
    const dir = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  private readonly handlers: Handlers = {
    'app.info': () => ({
      version: APP_VERSION,
      dbPath: resolve(this.options.dbPath),
      mode: this.options.mode,
      cores: availableParallelism(),
      canReadServerPaths: this.options.canReadServerPaths ?? true,
    }),
    'corpus.list': () => listCorpora(this.db),
    'corpus.get': ({ id }) => getCorpusDetail(this.db, id),
    'corpus.remove': ({ id }) => {
      getCorpusDetail(this.db, id, 0); // not-found error for a wrong id
      const removed = removeCorpus(this.db, id);
      this.emit('changed', { what: 'corpora' });
      return { removed };
    },
    'corpus.ingest': ({ source, name, minCount, lowercase, threads }) => {
      let root: string;
      let label: string;
      if (source.kind === 'path') {
        if (this.options.canReadServerPaths === false) throw new LabError('This lab does not read folders by path; upload the files instead.', 'invalid');
        root = resolve(source.path);
        label = root;
      } else {
        const dir = this.uploads.get(source.uploadId);
        if (!dir) throw new LabError(`There is no upload with id ${source.uploadId}; start one with upload.begin.`, 'not-found');
        root = dir;
        label = 'uploaded files';
      }
      const job = this.jobs.start(
        { kind: 'ingest', params: { root, name: name ?? (source.kind === 'upload' ? 'Uploaded files' : undefined), source: label, minCount: minCount ?? 5, lowercase: lowercase ?? true, threads } },
        `Ingest ${name ?? (source.kind === 'path' ? root : 'uploaded files')}`,
      );
      if (source.kind === 'upload') this.jobUploads.set(job.id, source.uploadId);
      return job;
    },
    'upload.begin': () => {
      const uploadId = randomBytes(16).toString('hex');
      const dir = join(this.uploadsDir, uploadId);
      mkdirSync(dir, { recursive: true });
      this.uploads.set(uploadId, dir);
      return { uploadId };
    },
    'job.list': () => this.jobs.list(),
    'job.cancel': ({ id }) => this.jobs.cancel(id),
  };
}
