/**
 * What only browser mode needs, kept out of the engine: a browser cannot name files on
 * the server's machine, so it uploads them first and downloads what the lab writes.
 *
 *  - upload.begin makes a staging folder (<lab file>.uploads/<id>); a source
 *    { kind: 'upload' } becomes the path of that folder (one uploaded file: that file),
 *    and the folder is removed when the job that read it ends;
 *  - run.export, corpus.exportText and lab.backup write inside the export folder (<lab file>.exports): `out`
 *    is a name there, never a path elsewhere, and /api/download hands the file out;
 *  - app.info says 'browser', and whether the page may name folders by path.
 *
 * Every other call goes to the lab unchanged.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { LabError } from '../shared/labError.js';
import type { AppInfo, CallInput, CallName, CallOutput, ParsedInput } from '../shared/contract.js';
import { parseInput, isCallName } from '../shared/contract.js';
import type { Lab } from '../engine/lab.js';
import { resolveExportPath } from './exportFolder.js';

type Source = ParsedInput<'corpus.ingest'>['source'];

/** How many uploads may be open at once: each is a folder on disk until its import ends. */
export const DEFAULT_MAX_OPEN_UPLOADS = 16;
const UPLOAD_IDLE_MS = 3600_000;

export class BrowserLab {
  /** Open uploads: their folder and when a file last arrived (an upload no job took is dropped after UPLOAD_IDLE_MS). */
  private readonly uploads = new Map<string, { dir: string; touched: number }>();
  private readonly jobUploads = new Map<number, string>();
  private readonly unsubscribe: () => void;

  private constructor(
    readonly lab: Lab,
    readonly uploadsDir: string,
    readonly exportsDir: string,
    private readonly canReadServerPaths: boolean,
    private readonly maxOpenUploads: number,
  ) {
    this.unsubscribe = lab.on('job', (state) => {
      if (state.status !== 'running') this.releaseUploadOf(state.id, state.kind === 'import' && state.status === 'done' && state.result?.fastText?.subwords != null);
    });
  }

  static async create(lab: Lab, o: { canReadServerPaths?: boolean; maxOpenUploads?: number } = {}): Promise<BrowserLab> {
    const { dbPath } = await lab.call('app.info', {});
    const uploadsDir = `${dbPath}.uploads`;
    await sweepUploads(lab, uploadsDir);
    return new BrowserLab(lab, uploadsDir, `${dbPath}.exports`, o.canReadServerPaths ?? true, o.maxOpenUploads ?? DEFAULT_MAX_OPEN_UPLOADS);
  }

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    return this.dispatch(name, input) as Promise<CallOutput<N>>;
  }

  /** One call from the browser: the browser-only ones here, the rest relayed to the lab. */
  async dispatch(name: string, raw: unknown): Promise<unknown> {
    if (!isCallName(name)) throw new LabError(`Unknown call "${name}".`, 'invalid');
    switch (name) {
      case 'app.info':
        return { ...(await this.lab.call('app.info', {})), mode: 'browser', canReadServerPaths: this.canReadServerPaths } satisfies AppInfo;
      case 'upload.begin':
        return this.beginUpload();
      case 'corpus.ingest': {
        const input = parseInput(name, raw);
        const staged = this.staged(input.source, 'folder');
        const job = await this.lab.call(name, { ...input, source: staged.source, name: input.name ?? (staged.uploadId ? 'Uploaded files' : undefined) });
        if (staged.uploadId) this.jobUploads.set(job.id, staged.uploadId);
        return job;
      }
      case 'vectors.import': {
        const input = parseInput(name, raw);
        const staged = this.staged(input.source, 'file');
        const job = await this.lab.call(name, { ...input, source: staged.source });
        if (staged.uploadId) this.jobUploads.set(job.id, staged.uploadId);
        return job;
      }
      case 'run.export':
      case 'corpus.exportText':
      case 'lab.backup': {
        const input = parseInput(name, raw);
        mkdirSync(this.exportsDir, { recursive: true });
        // The browser names a file; it is written inside the export folder and then downloaded.
        const out = await resolveExportPath(this.exportsDir, input.out, { allowBase: false });
        if (name === 'run.export') return this.lab.call(name, { ...(input as CallInput<'run.export'>), out });
        if (name === 'corpus.exportText') return this.lab.call(name, { ...(input as CallInput<'corpus.exportText'>), out });
        return this.lab.call('lab.backup', { out });
      }
      default:
        return this.lab.dispatch(name, raw);
    }
  }

  /** The folder an upload's files go to (and the upload counts as in use now); null for an unknown id. */
  uploadDir(uploadId: string): string | null {
    const upload = this.uploads.get(uploadId);
    if (!upload) return null;
    upload.touched = Date.now();
    return upload.dir;
  }

  close(): void {
    this.unsubscribe();
    for (const { dir } of this.uploads.values()) rmSync(dir, { recursive: true, force: true });
    this.uploads.clear();
  }

  private beginUpload(): { uploadId: string } {
    this.dropIdleUploads();
    if (this.uploads.size >= this.maxOpenUploads) {
      throw new LabError(
        `There are already ${this.uploads.size} uploads open on this server, the most it keeps at once (${this.maxOpenUploads}). ` +
          'An upload closes when the import that reads it ends, or after an hour without files; wait for an import to finish, then try again.',
        'conflict',
      );
    }
    const uploadId = randomBytes(16).toString('hex');
    const dir = join(this.uploadsDir, uploadId);
    mkdirSync(dir, { recursive: true });
    this.uploads.set(uploadId, { dir, touched: Date.now() });
    return { uploadId };
  }

  /** Uploads that no job reads and that got no file for UPLOAD_IDLE_MS (a tab closed mid-upload): removed. */
  private dropIdleUploads(): void {
    const taken = new Set(this.jobUploads.values());
    for (const [id, { dir, touched }] of this.uploads) {
      if (taken.has(id) || Date.now() - touched < UPLOAD_IDLE_MS) continue;
      this.uploads.delete(id);
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** An upload as the path the lab reads (a folder; for a file import, its one file), or the path source as allowed. */
  private staged(source: Source, as: 'folder' | 'file'): { source: Source; uploadId?: string } {
    if (source.kind === 'path') {
      if (!this.canReadServerPaths) throw new LabError('This lab does not read files or folders by path; upload them instead.', 'invalid', 'source');
      return { source };
    }
    const dir = this.uploads.get(source.uploadId)?.dir;
    if (!dir) throw new LabError(`There is no upload with id ${source.uploadId}; start one with upload.begin.`, 'not-found', 'source');
    if (as === 'folder') return { source: { kind: 'path', path: dir, label: 'uploaded files' }, uploadId: source.uploadId };
    // One uploaded file is the file; several (vectors.tsv + metadata.tsv, vectors.npy + vocab.txt) are a folder.
    const entries = readdirSync(dir);
    const one = entries.length === 1;
    return { source: { kind: 'path', path: one ? join(dir, entries[0]) : dir, label: one ? entries[0] : 'uploaded files' }, uploadId: source.uploadId };
  }

  /**
   * An upload is deleted once its job ends, except an imported fastText model with n-grams: its run
   * reads the n-gram rows from that file for words outside the vocabulary, so the file stays where
   * the run's params point (in the lab's uploads folder, beside the lab file).
   */
  private releaseUploadOf(jobId: number, keep: boolean): void {
    const uploadId = this.jobUploads.get(jobId);
    if (!uploadId) return;
    this.jobUploads.delete(jobId);
    const dir = this.uploads.get(uploadId)?.dir;
    this.uploads.delete(uploadId);
    if (dir && !keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Upload folders a killed server left behind: removed at the next start, except those a run
 * reads from (an imported fastText model's n-gram rows) and any touched in the last hour (a
 * second server on the same lab may be receiving it).
 */
export async function sweepUploads(lab: Lab, uploadsDir: string, staleMs = 3600_000): Promise<number> {
  let entries: string[];
  try {
    entries = readdirSync(uploadsDir);
  } catch {
    return 0;
  }
  const used = (await lab.call('run.list', {})).map((r) => (r.params.subwords as { file?: string } | null | undefined)?.file).filter((f): f is string => typeof f === 'string');
  let n = 0;
  for (const name of entries) {
    const dir = join(uploadsDir, name);
    if (used.some((f) => f.startsWith(dir + sep))) continue;
    if (Date.now() - statSync(dir).mtimeMs < staleMs) continue;
    rmSync(dir, { recursive: true, force: true });
    n++;
  }
  return n;
}
