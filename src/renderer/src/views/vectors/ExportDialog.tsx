/**
 * Export on a finished run's page: an Export… button that opens a dialog with
 * the format, top N, normalisation, W or W + C and the file name; then the
 * job's progress, and the files: download links in browser mode (the server
 * writes them into the lab's export folder), the written paths in the desktop app.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { JobState, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { fmtBytes, fmtInt } from '../../format.js';
import { JobProgress } from './JobProgress.js';
import { useJob } from './useJob.js';
import { FORMATS, baseName, fileStem, formatInfo, hasContexts, type VectorFormat } from './formats.js';
import './vectors.css';

interface ExportResult {
  files: string[];
  words: number;
  dim: number;
  bytes: number;
  warnings: string[];
}

/** Renders nothing unless the run finished (only a finished run has vectors). */
export function ExportVectors({ run }: { run: RunSummary }) {
  const [open, setOpen] = useState(false);
  if (run.status !== 'done') return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="export-open">
        Export…
      </button>
      <ExportDialog key={run.id} run={run} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : `${folder}${sep}${name}`;
}

function parentFolder(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}

function ExportDialog({ run, open, onClose }: { run: RunSummary; open: boolean; onClose: () => void }) {
  const { client, transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const contextsAvailable = hasContexts(run);

  const [format, setFormat] = useState<VectorFormat>('w2v-text');
  const [top, setTop] = useState('');
  const [normalize, setNormalize] = useState(false);
  const [contexts, setContexts] = useState(false);
  const [underscore, setUnderscore] = useState(false);
  const [gzip, setGzip] = useState(false);
  const [stem, setStem] = useState(() => fileStem(run.name, run.id));
  const [folder, setFolder] = useState<string | null>(null);
  const [started, setStarted] = useState<JobState | null>(null);
  const [requested, setRequested] = useState<{ out: string; folder: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(started);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const f = formatInfo(format);
  const ext = f.folder ? f.suffix : `${f.suffix}${gzip ? '.gz' : ''}`;
  const name = `${stem.trim()}${ext}`;
  // The lab file's folder exists; the engine does not create a missing folder for a single file.
  const defaultFolder = info ? parentFolder(info.dbPath) : '';
  const target = desktop ? joinPath(folder ?? defaultFolder, name) : name;

  const topN = top.trim() === '' ? undefined : Number(top);
  const topValid = topN === undefined || (Number.isInteger(topN) && topN >= 1);
  const running = job?.status === 'running';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    if (!topValid) return setError('Top N must be a whole number of at least 1, or empty for every word.');
    if (!stem.trim()) return setError('The export needs a file name.');
    setBusy(true);
    try {
      const next = await client.call('run.export', {
        id: run.id,
        format,
        out: target,
        top: topN,
        normalize: normalize || undefined,
        contexts: contextsAvailable && contexts ? true : undefined,
        spaces: f.spaced && underscore ? 'underscore' : undefined,
      });
      setRequested({ out: target, folder: f.folder });
      setStarted(next);
    } catch (err) {
      setError(`Could not start the export: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const result = job?.status === 'done' ? (job.result as unknown as ExportResult | undefined) : undefined;

  return (
    <dialog ref={dialog} className="vx-dialog" aria-labelledby={`${ids}-title`} onClose={onClose} data-testid="export-dialog">
      <form className="vx-form" onSubmit={(e) => void submit(e)}>
        <header className="vx-dialog-head">
          <h2 id={`${ids}-title`}>Export vectors</h2>
          <p className="muted small">
            {run.name} · {run.vocab != null ? `${fmtInt(run.vocab)} words` : 'vectors'}
            {run.dim != null && ` × ${fmtInt(run.dim)} dimensions`}
          </p>
        </header>

        <fieldset className="vx-formats" disabled={running}>
          <legend>Format</legend>
          {FORMATS.map((fmt) => (
            <label key={fmt.id} className={`vx-format ${format === fmt.id ? 'vx-format-chosen' : ''}`}>
              <input
                type="radio"
                name={`${ids}-format`}
                value={fmt.id}
                checked={format === fmt.id}
                onChange={() => setFormat(fmt.id)}
                aria-labelledby={`${ids}-${fmt.id}-label`}
                aria-describedby={`${ids}-${fmt.id}-help`}
              />
              <span className="vx-format-text">
                <span id={`${ids}-${fmt.id}-label`} className="vx-format-label">
                  {fmt.label}
                </span>
                <span id={`${ids}-${fmt.id}-help`} className="muted small">
                  {fmt.help}
                </span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="vx-options" disabled={running}>
          <legend>Options</legend>
          <div className="vx-option-row">
            <label className="field vx-top">
              <span>Top N words</span>
              <input
                type="number"
                min={1}
                step={1}
                value={top}
                onChange={(e) => setTop(e.target.value)}
                placeholder={run.vocab != null ? `all ${fmtInt(run.vocab)}` : 'all'}
                aria-invalid={!topValid}
                aria-describedby={`${ids}-top-help`}
              />
            </label>
            <p id={`${ids}-top-help`} className="muted small vx-help">The most frequent words first; empty exports every word.</p>
          </div>
          <label className="check">
            <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} />
            L2-normalise each vector (unit length; cosine becomes a dot product)
          </label>
          {contextsAvailable ? (
            <label className="check">
              <input type="checkbox" checked={contexts} onChange={(e) => setContexts(e.target.checked)} />
              W + C: add the context vectors to the word vectors
            </label>
          ) : (
            <p className="muted small">W + C is not offered: this run stored no separate context vectors.</p>
          )}
          {f.spaced && (
            <label className="check">
              <input type="checkbox" checked={underscore} onChange={(e) => setUnderscore(e.target.checked)} />
              Write spaces inside words as underscores (gensim and word2vec.c end a word at a space)
            </label>
          )}
          {!f.folder && (
            <label className="check">
              <input type="checkbox" checked={gzip} onChange={(e) => setGzip(e.target.checked)} />
              Compress with gzip (.gz)
            </label>
          )}
        </fieldset>

        <fieldset className="vx-where" disabled={running}>
          <legend>{desktop ? 'Where' : f.folder ? 'Save as folder' : 'Save as file'}</legend>
          <div className="field-row">
            {desktop && (
              <label className="field grow">
                <span>Folder</span>
                <input type="text" value={folder ?? defaultFolder} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
              </label>
            )}
            <label className="field grow">
              {desktop && <span>{f.folder ? 'Folder name' : 'File name'}</span>}
              <span className="vx-name">
                <input type="text" value={stem} onChange={(e) => setStem(e.target.value)} spellCheck={false} aria-label="Export name" />
                <code className="vx-ext">{ext}</code>
              </span>
            </label>
            {desktop && (
              <button
                type="button"
                className="btn"
                onClick={() => void desktop.pickFolder().then((p) => p && setFolder(p))}
              >
                Choose folder…
              </button>
            )}
          </div>
          <p className="muted small">
            {desktop ? (
              <>
                The {f.folder ? 'files are' : 'file is'} written to <code>{target}</code>
                {f.folder && <> (a folder holding {format === 'tsv' ? 'vectors.tsv, metadata.tsv and projector_config.json' : 'vectors.npy and vocab.txt'})</>}.
              </>
            ) : f.folder ? (
              <>The lab writes {format === 'tsv' ? 'vectors.tsv, metadata.tsv and projector_config.json' : 'vectors.npy and vocab.txt'}; each is then offered as a download.</>
            ) : (
              <>The lab writes the file, then offers it as a download.</>
            )}
          </p>
        </fieldset>

        {error && (
          <p className="form-error" role="alert" data-testid="export-error">
            {error}
          </p>
        )}

        {job && running && <JobProgress job={job} label="Export" onError={setError} />}
        {job?.status === 'failed' && (
          <div className="vx-outcome vx-outcome-failed" role="alert" data-testid="export-failed">
            <p className="text-danger">{job.error ?? 'The export stopped without saying why.'}</p>
          </div>
        )}
        {job?.status === 'cancelled' && <p className="vx-outcome muted">Export cancelled; no file was left behind.</p>}
        {result && requested && (
          <ExportOutcome result={result} requested={requested} desktop={desktop != null} />
        )}

        <footer className="vx-dialog-foot">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {result ? 'Close' : running ? 'Hide' : 'Cancel'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || running}>
            {running ? 'Exporting…' : 'Export'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

function ExportOutcome({ result, requested, desktop }: { result: ExportResult; requested: { out: string; folder: boolean }; desktop: boolean }) {
  const relative = (file: string): string => (requested.folder ? `${requested.out}/${baseName(file)}` : requested.out);
  return (
    <div className="vx-outcome" data-testid="export-done" aria-live="polite">
      <p>
        Exported {fmtInt(result.words)} words × {fmtInt(result.dim)} dimensions ({fmtBytes(result.bytes)}).
      </p>
      {desktop ? (
        <ul className="vx-files">
          {result.files.map((file) => (
            <li key={file}>
              Written to <code>{file}</code>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="vx-files">
          {result.files.map((file) => (
            <li key={file}>
              <a
                className="btn btn-small vx-download"
                href={`/api/download?path=${encodeURIComponent(relative(file))}`}
                // The server names the download after its path in the export folder (folder_file for TSV and npy).
                download={relative(file).split('/').join('_')}
                data-testid="export-download"
              >
                Download {baseName(file)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {result.warnings.length > 0 && (
        <ul className="vx-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
