/**
 * Export on a finished run's page: an Export… button that opens a dialog with
 * the format, top N, normalisation, W or W + C and the file name; then the
 * job's progress, and the files: download links in browser mode (the server
 * writes them into the lab's export folder), the written paths in the desktop app.
 */
import { useId, useState } from 'react';
import type { ExportRunResult, RunSummary } from '../../../../shared/contract.js';
import { fmtBytes, fmtInt } from '../../format.js';
import { JobProgress } from './JobProgress.js';
import { FORMATS, baseName } from './formats.js';
import { useExportJob, useExportOptions, type ExportJob, type ExportOptions } from './useExport.js';
import { useModalDialog } from '../../components/useModalDialog.js';
import './vectors.css';

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

function ExportDialog({ run, open, onClose }: { run: RunSummary; open: boolean; onClose: () => void }) {
  const ids = useId();
  const dialog = useModalDialog(open);
  const o = useExportOptions(run);
  const x = useExportJob(run, o);

  return (
    <dialog ref={dialog} className="vx-dialog" aria-labelledby={`${ids}-title`} onClose={onClose} data-testid="export-dialog">
      <form className="vx-form" onSubmit={(e) => void x.submit(e)}>
        <header className="vx-dialog-head">
          <h2 id={`${ids}-title`}>Export vectors</h2>
          <p className="muted small">
            {run.name} · {run.vocab != null ? `${fmtInt(run.vocab)} words` : 'vectors'}
            {run.dim != null && ` × ${fmtInt(run.dim)} dimensions`}
          </p>
        </header>

        <FormatChoice ids={ids} o={o} disabled={x.running} />
        <OptionsFields ids={ids} run={run} o={o} disabled={x.running} />
        <WhereFields o={o} disabled={x.running} />
        <ExportStatus x={x} desktop={o.desktop != null} />

        <footer className="vx-dialog-foot">
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {x.result ? 'Close' : x.running ? 'Hide' : 'Cancel'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={x.busy || x.running}>
            {x.running ? 'Exporting…' : 'Export'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

export function FormatChoice({ ids, o, disabled }: { ids: string; o: Pick<ExportOptions, 'format' | 'setFormat'>; disabled: boolean }) {
  return (
    <fieldset className="vx-formats" disabled={disabled}>
      <legend>Format</legend>
      {FORMATS.map((fmt) => (
        <label key={fmt.id} className={`vx-format ${o.format === fmt.id ? 'vx-format-chosen' : ''}`}>
          <input
            type="radio"
            name={`${ids}-format`}
            value={fmt.id}
            checked={o.format === fmt.id}
            onChange={() => o.setFormat(fmt.id)}
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
  );
}

/** A checkbox with its text, bound to one boolean option. */
function Check({ checked, onChange, children }: { checked: boolean; onChange: (on: boolean) => void; children: string }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

function OptionsFields({ ids, run, o, disabled }: { ids: string; run: RunSummary; o: ExportOptions; disabled: boolean }) {
  return (
    <fieldset className="vx-options" disabled={disabled}>
      <legend>Options</legend>
      <div className="vx-option-row">
        <label className="field vx-top">
          <span>Top N words</span>
          <input
            type="number"
            min={1}
            step={1}
            value={o.top}
            onChange={(e) => o.setTop(e.target.value)}
            placeholder={run.vocab != null ? `all ${fmtInt(run.vocab)}` : 'all'}
            aria-invalid={!o.topValid}
            aria-describedby={`${ids}-top-help`}
          />
        </label>
        <p id={`${ids}-top-help`} className="muted small vx-help">The most frequent words first; empty exports every word.</p>
      </div>
      <Check checked={o.normalize} onChange={o.setNormalize}>L2-normalise each vector (unit length; cosine becomes a dot product)</Check>
      {o.contextsAvailable ? (
        <Check checked={o.contexts} onChange={o.setContexts}>W + C: add the context vectors to the word vectors</Check>
      ) : (
        <p className="muted small">W + C is not offered: this run stored no separate context vectors.</p>
      )}
      {o.f.spaced && <Check checked={o.underscore} onChange={o.setUnderscore}>Write spaces inside words as underscores (gensim and word2vec.c end a word at a space)</Check>}
      {!o.f.folder && <Check checked={o.gzip} onChange={o.setGzip}>Compress with gzip (.gz)</Check>}
    </fieldset>
  );
}

function WhereFields({ o, disabled }: { o: ExportOptions; disabled: boolean }) {
  const { desktop, f } = o;
  const folderFiles = o.format === 'tsv' ? 'vectors.tsv, metadata.tsv and projector_config.json' : 'vectors.npy and vocab.txt';
  return (
    <fieldset className="vx-where" disabled={disabled}>
      <legend>{desktop ? 'Where' : f.folder ? 'Save as folder' : 'Save as file'}</legend>
      <div className="field-row">
        {desktop && (
          <label className="field grow">
            <span>Folder</span>
            <input type="text" value={o.folder ?? o.defaultFolder} onChange={(e) => o.setFolder(e.target.value)} spellCheck={false} />
          </label>
        )}
        <label className="field grow">
          {desktop && <span>{f.folder ? 'Folder name' : 'File name'}</span>}
          <span className="vx-name">
            <input type="text" value={o.stem} onChange={(e) => o.setStem(e.target.value)} spellCheck={false} aria-label="Export name" />
            <code className="vx-ext">{o.ext}</code>
          </span>
        </label>
        {desktop && (
          <button
            type="button"
            className="btn"
            onClick={() => void desktop.pickFolder().then((p) => p && o.setFolder(p))}
          >
            Choose folder…
          </button>
        )}
      </div>
      <p className="muted small">
        {desktop ? (
          <>
            The {f.folder ? 'files are' : 'file is'} written to <code>{o.target}</code>
            {f.folder && <> (a folder holding {folderFiles})</>}.
          </>
        ) : f.folder ? (
          <>The lab writes {folderFiles}; each is then offered as a download.</>
        ) : (
          <>The lab writes the file, then offers it as a download.</>
        )}
      </p>
    </fieldset>
  );
}

/** The start's error, then the job: its progress, its failure or cancellation, or its files. */
function ExportStatus({ x, desktop }: { x: ExportJob; desktop: boolean }) {
  const { job, result, requested } = x;
  return (
    <>
      {x.error && (
        <p className="form-error" role="alert" data-testid="export-error">
          {x.error}
        </p>
      )}

      {job && x.running && <JobProgress job={job} label="Export" onError={x.setError} />}
      {job?.status === 'failed' && (
        <div className="vx-outcome vx-outcome-failed" role="alert" data-testid="export-failed">
          <p className="text-danger">{job.error ?? 'The export stopped without saying why.'}</p>
        </div>
      )}
      {job?.status === 'cancelled' && <p className="vx-outcome muted">Export cancelled; no file was left behind.</p>}
      {result && requested && (
        <ExportOutcome result={result} requested={requested} desktop={desktop} />
      )}
    </>
  );
}

export function ExportOutcome({ result, requested, desktop }: { result: ExportRunResult; requested: { out: string; folder: boolean }; desktop: boolean }) {
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
