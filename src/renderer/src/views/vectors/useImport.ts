/**
 * The import panel's state: what was chosen (picked files, a picked folder or a
 * typed server path), then the upload and the vectors.import job it starts.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type MutableRefObject } from 'react';
import type { CallInput, JobState, LabClient, ReadFormat } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { filesFromInput, type PickedFile } from '../../api/folderFiles.js';
import type { UploadProgress } from '../../api/upload.js';
import { fmtBytes } from '../../format.js';
import { cancellableUpload } from '../cancellableUpload.js';
import { useJob } from './useJob.js';

type ImportSource = CallInput<'vectors.import'>['source'];

/** What was chosen: uploaded files (browser) or a path on the lab's machine. */
export type Chosen = { kind: 'files'; label: string; files: PickedFile[]; folder: string | null } | { kind: 'path'; label: string; path: string };

/**
 * An upload lands in a temporary folder of the lab's; the engine's message names that path.
 * Show the name the person picked instead.
 */
export function friendlier(message: string, chosen: Chosen | null): string {
  if (chosen?.kind !== 'files') return message;
  let out = message;
  for (const f of chosen.files) {
    const name = f.path.split('/').pop()!;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?:[A-Za-z]:)?[^\\s"']*[\\\\/]${escaped}(?=[:\\s,.)]|$)`, 'g'), f.path);
  }
  return out.replace(/(?:[A-Za-z]:)?[^\s"']*\.uploads[\\/][0-9a-f]{32}(?=[\s:,.)]|$)/g, chosen.label);
}

/** The file and folder pickers (hidden inputs in the browser, the app's dialog on the desktop) and the server path. */
export function useImportSource(setError: (message: string | null) => void) {
  const { transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [serverPath, setServerPath] = useState('');
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);

  const pickFiles = (input: HTMLInputElement | null, folder: boolean): void => {
    if (!input?.files?.length) return;
    const picked = filesFromInput(input.files);
    input.value = '';
    const files = picked.files;
    if (desktop) {
      const path = folder ? null : desktop.pathForFile(files[0].file);
      if (!path) return setError('The app could not tell where that file lives on disk.');
      setChosen({ kind: 'path', label: files[0].path, path });
    } else {
      const bytes = files.reduce((s, f) => s + f.file.size, 0);
      const label = folder ? `${picked.name ?? 'folder'}/ (${files.length} files, ${fmtBytes(bytes)})` : files.length === 1 ? `${files[0].path} (${fmtBytes(bytes)})` : `${files.length} files (${fmtBytes(bytes)})`;
      setChosen({ kind: 'files', label, files, folder: folder ? picked.name : null });
    }
    setError(null);
  };

  const chooseFolder = async (): Promise<void> => {
    if (!desktop) return folderInput.current?.click();
    const path = await desktop.pickFolder();
    if (path) {
      setChosen({ kind: 'path', label: path, path });
      setError(null);
    }
  };

  /** Once imported, the choice is spent; after a failure it stays, to retry with another format or limit. */
  const spend = useCallback((): void => {
    setChosen(null);
    setServerPath('');
  }, []);

  const showServerPath = !desktop && info?.canReadServerPaths === true;
  return { desktop, fileInput, folderInput, chosen, serverPath, setServerPath, showServerPath, pickFiles, chooseFolder, spend };
}

export type ImportSourceState = ReturnType<typeof useImportSource>;

/** The engine's source for what was chosen: a path as it is, files once uploaded (null when the upload failed or was cancelled). */
async function importSource(
  client: LabClient,
  what: Chosen,
  setUpload: (p: UploadProgress | null) => void,
  abort: MutableRefObject<AbortController | null>,
  setError: (message: string) => void,
): Promise<ImportSource | null> {
  if (what.kind === 'path') return { kind: 'path', path: what.path };
  const uploadId = await cancellableUpload(client, what.files, setUpload, abort, setError);
  setUpload(null);
  return uploadId == null ? null : { kind: 'upload', uploadId };
}

/** Format, name and limit; Import uploads what was chosen if need be, then starts vectors.import and follows it. */
export function useImportJob(source: ImportSourceState, setError: (message: string | null) => void) {
  const { client } = useLab();
  const [format, setFormat] = useState<'auto' | ReadFormat>('auto');
  const [name, setName] = useState('');
  const [limit, setLimit] = useState('');
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [started, setStarted] = useState<{ job: JobState; chosen: Chosen } | null>(null);
  const job = useJob(started?.job ?? null);
  const { spend } = source;
  useEffect(() => {
    if (job?.status === 'done') spend();
  }, [job?.status, spend]);

  const limitN = limit.trim() === '' ? undefined : Number(limit);
  const limitValid = limitN === undefined || (Number.isInteger(limitN) && limitN >= 1);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    const typed = source.serverPath.trim();
    const what: Chosen | null = typed ? { kind: 'path', label: typed, path: typed } : source.chosen;
    if (!what) return setError(source.showServerPath ? 'Choose a file or folder, or type a path on the server.' : 'Choose a file (or a folder for TSV or .npy pairs) first.');
    if (!limitValid) return setError('Limit must be a whole number of at least 1, or empty for every word.');
    const src = await importSource(client, what, setUpload, abort, setError);
    if (!src) return;
    // An uploaded folder is named after itself (the engine would see only its temporary copy).
    const defaultName = what.kind === 'files' ? (what.folder ?? undefined) : undefined;
    try {
      const next = await client.call('vectors.import', { source: src, format, name: name.trim() || defaultName, limit: limitN });
      setStarted({ job: next, chosen: what });
      setName('');
    } catch (err) {
      setError(friendlier(`Could not start the import: ${messageOf(err)}`, what));
    }
  };

  const running = job?.status === 'running' || upload != null;
  const cancelUpload = (): void => abort.current?.abort();
  return { format, setFormat, name, setName, limit, setLimit, limitValid, upload, cancelUpload, job, started, running, result: resultOf(job, 'import'), submit };
}

export type ImportJob = ReturnType<typeof useImportJob>;
