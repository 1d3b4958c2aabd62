/**
 * "Import vectors" on the Runs view: pretrained vectors from a file (or a
 * folder: TSV or .npy pairs) become a run without a corpus. Browser mode
 * uploads the picked file(s) first; the desktop app and the server-path field
 * pass a path. Progress, then the new run or the engine's error (which names
 * the file and the line or byte offset).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FORMAT_LABELS, type CallInput, type ImportRunResult, type JobState, type ReadFormat } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { filesFromInput, type PickedFile } from '../../api/folderFiles.js';
import { uploadFiles, type UploadProgress } from '../../api/upload.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { href } from '../../route.js';
import { fmtBytes, fmtInt } from '../../format.js';
import { JobProgress } from './JobProgress.js';
import { useJob } from './useJob.js';
import { FORMATS } from './formats.js';
import './vectors.css';

type ImportSource = CallInput<'vectors.import'>['source'];

/** What was chosen: uploaded files (browser) or a path on the lab's machine. */
type Chosen = { kind: 'files'; label: string; files: PickedFile[]; folder: string | null } | { kind: 'path'; label: string; path: string };

/**
 * An upload lands in a temporary folder of the lab's; the engine's message names that path.
 * Show the name the person picked instead.
 */
function friendlier(message: string, chosen: Chosen | null): string {
  if (chosen?.kind !== 'files') return message;
  let out = message;
  for (const f of chosen.files) {
    const name = f.path.split('/').pop()!;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?:[A-Za-z]:)?[^\\s"']*[\\\\/]${escaped}(?=[:\\s,.)]|$)`, 'g'), f.path);
  }
  return out.replace(/(?:[A-Za-z]:)?[^\s"']*\.uploads[\\/][0-9a-f]{32}(?=[\s:,.)]|$)/g, chosen.label);
}

export function ImportPanel() {
  const { client, transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [serverPath, setServerPath] = useState('');
  const [format, setFormat] = useState<'auto' | ReadFormat>('auto');
  const [name, setName] = useState('');
  const [limit, setLimit] = useState('');
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [started, setStarted] = useState<{ job: JobState; chosen: Chosen } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(started?.job ?? null);

  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);
  // Once imported, the choice is spent; after a failure it stays, to retry with another format or limit.
  useEffect(() => {
    if (job?.status === 'done') {
      setChosen(null);
      setServerPath('');
    }
  }, [job?.status]);

  const limitN = limit.trim() === '' ? undefined : Number(limit);
  const limitValid = limitN === undefined || (Number.isInteger(limitN) && limitN >= 1);
  const running = job?.status === 'running' || upload != null;
  const showServerPath = !desktop && info?.canReadServerPaths === true;

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

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    const typed = serverPath.trim();
    const what: Chosen | null = typed ? { kind: 'path', label: typed, path: typed } : chosen;
    if (!what) return setError(showServerPath ? 'Choose a file or folder, or type a path on the server.' : 'Choose a file (or a folder for TSV or .npy pairs) first.');
    if (!limitValid) return setError('Limit must be a whole number of at least 1, or empty for every word.');
    let source: ImportSource;
    if (what.kind === 'path') source = { kind: 'path', path: what.path };
    else {
      const controller = new AbortController();
      abort.current = controller;
      try {
        const uploadId = await uploadFiles(client, what.files, setUpload, controller.signal);
        source = { kind: 'upload', uploadId };
      } catch (err) {
        if (!controller.signal.aborted) setError(`Upload failed: ${messageOf(err)}`);
        return;
      } finally {
        abort.current = null;
        setUpload(null);
      }
    }
    // An uploaded folder is named after itself (the engine would see only its temporary copy).
    const defaultName = what.kind === 'files' ? (what.folder ?? undefined) : undefined;
    try {
      const next = await client.call('vectors.import', { source, format, name: name.trim() || defaultName, limit: limitN });
      setStarted({ job: next, chosen: what });
      setName('');
    } catch (err) {
      setError(friendlier(`Could not start the import: ${messageOf(err)}`, what));
    }
  };

  const result: ImportRunResult | undefined = job?.kind === 'import' && job.status === 'done' ? job.result : undefined;

  return (
    <section className="card vx-import" aria-labelledby={`${ids}-title`} data-testid="import-panel">
      <h2 id={`${ids}-title`}>Import vectors</h2>
      <p className="muted small vx-intro">
        Pretrained vectors become a run without a corpus, ready to evaluate, project and compare: word2vec text or binary, GloVe text, Embedding Projector TSV
        (vectors.tsv + metadata.tsv) or NumPy (vectors.npy + vocab.txt), also gzip-compressed; and fastText models (.bin), whose n-grams also give vectors for words outside the vocabulary.
      </p>
      <form className="vx-import-form" onSubmit={(e) => void submit(e)}>
        <div className="vx-import-source">
          <div className="vx-pick">
            <button type="button" className="btn" onClick={() => fileInput.current?.click()} disabled={running}>
              Choose file…
            </button>
            <button type="button" className="btn" onClick={() => void chooseFolder()} disabled={running}>
              Choose folder…
            </button>
            <span className={`vx-chosen ${chosen ? '' : 'muted'}`} data-testid="import-chosen" title={chosen?.label}>
              {chosen ? chosen.label : 'No file chosen'}
            </span>
            <input ref={fileInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="import-file-input" onChange={(e) => pickFiles(e.currentTarget, false)} />
            {!desktop && (
              <input ref={folderInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="import-folder-input" onChange={(e) => pickFiles(e.currentTarget, true)} />
            )}
          </div>
          <p className="muted small">One file, or for TSV and .npy the pair of files (or their folder).</p>
          {showServerPath && (
            <label className="field">
              <span>
                Or a path on the server's machine <span className="muted">(file or folder)</span>
              </span>
              <input type="text" value={serverPath} onChange={(e) => setServerPath(e.target.value)} placeholder="/home/me/glove.6B.100d.txt.gz" spellCheck={false} autoComplete="off" disabled={running} />
            </label>
          )}
        </div>
        <div className="vx-import-options">
          <label className="field">
            <span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | ReadFormat)} disabled={running}>
              <option value="auto">Auto-detect</option>
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
              <option value="fasttext-bin">{FORMAT_LABELS['fasttext-bin']}</option>
            </select>
          </label>
          <label className="field">
            <span>
              Name <span className="muted">(optional)</span>
            </span>
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="the file's name" maxLength={200} disabled={running} />
          </label>
          <label className="field">
            <span>
              Limit <span className="muted">(optional)</span>
            </span>
            <input type="number" min={1} step={1} value={limit} onChange={(e) => setLimit(e.target.value)} placeholder="every word" aria-invalid={!limitValid} disabled={running} />
          </label>
          <div className="vx-import-go">
            <button type="submit" className="btn btn-primary" disabled={running}>
              {upload ? 'Uploading…' : job?.status === 'running' ? 'Importing…' : 'Import'}
            </button>
          </div>
        </div>
      </form>
      <p className="muted small">Limit reads only the first N words (files list the most frequent first). A duplicate word keeps its first vector, with a warning.</p>

      {error && (
        <p className="form-error vx-import-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {upload && (
        <div className="vx-progress" aria-live="polite">
          <div className="vx-progress-head">
            <span className="vx-phase">Uploading</span>
            <span className="muted small">
              {fmtBytes(upload.bytesDone)} / {fmtBytes(upload.bytesTotal)}
            </span>
            <span className="vx-elapsed" />
            <button type="button" className="btn btn-small" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </div>
          <ProgressBar fraction={upload.bytesTotal ? upload.bytesDone / upload.bytesTotal : null} label="Upload" />
        </div>
      )}
      {job?.status === 'running' && <JobProgress job={job} label="Import" onError={setError} />}
      {job?.status === 'failed' && (
        <div className="vx-outcome vx-outcome-failed" role="alert" data-testid="import-failed">
          <p className="vx-outcome-title">Import failed; nothing was stored.</p>
          <p className="run-error">{friendlier(job.error ?? 'The import stopped without saying why.', started?.chosen ?? null)}</p>
        </div>
      )}
      {job?.status === 'cancelled' && <p className="vx-outcome muted">Import cancelled; nothing was stored.</p>}
      {result && (
        <div className="vx-outcome" data-testid="import-done" aria-live="polite">
          <p>
            Imported <strong>{result.name}</strong>: {fmtInt(result.words)} words × {fmtInt(result.dim)} dimensions ({FORMATS.find((f) => f.id === result.format)?.label ?? FORMAT_LABELS[result.format]}
            {result.gzip ? ', gzip' : ''}). <a href={href('runs', result.runId)}>Open run #{result.runId} →</a>
          </p>
          {result.fastText && <p className="muted small" data-testid="import-fasttext">{result.fastText.description}</p>}
          {result.warnings.length > 0 && (
            <ul className="vx-warnings">
              {result.warnings.slice(0, 5).map((w) => (
                <li key={w}>{friendlier(w, started?.chosen ?? null)}</li>
              ))}
              {result.warnings.length > 5 && <li>…and {fmtInt(result.warnings.length - 5)} more (see the run's log).</li>}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
