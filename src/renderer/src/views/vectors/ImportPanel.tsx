/**
 * "Import vectors" on the Runs view: pretrained vectors from a file (or a
 * folder: TSV or .npy pairs) become a run without a corpus. Browser mode
 * uploads the picked file(s) first; the desktop app and the server-path field
 * pass a path. Progress, then the new run or the engine's error (which names
 * the file and the line or byte offset).
 */
import { useId, useState } from 'react';
import { FORMAT_LABELS, type ReadFormat } from '../../../../shared/contract.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { href } from '../../route.js';
import { fmtBytes, fmtInt } from '../../format.js';
import { JobProgress } from './JobProgress.js';
import { FORMATS } from './formats.js';
import { friendlier, useImportJob, useImportSource, type Chosen, type ImportJob, type ImportSourceState } from './useImport.js';
import './vectors.css';

export function ImportPanel() {
  const ids = useId();
  const [error, setError] = useState<string | null>(null);
  const source = useImportSource(setError);
  const imp = useImportJob(source, setError);
  const { job, upload } = imp;
  const chosen = imp.started?.chosen ?? null;

  return (
    <section className="card vx-import" aria-labelledby={`${ids}-title`} data-testid="import-panel">
      <h2 id={`${ids}-title`}>Import vectors</h2>
      <p className="muted small vx-intro">
        Pretrained vectors become a run without a corpus, ready to evaluate, project and compare: word2vec text or binary, GloVe text, Embedding Projector TSV
        (vectors.tsv + metadata.tsv) or NumPy (vectors.npy + vocab.txt), also gzip-compressed; and fastText models (.bin), whose n-grams also give vectors for words outside the vocabulary.
      </p>
      <form className="vx-import-form" onSubmit={(e) => void imp.submit(e)}>
        <SourceFields source={source} running={imp.running} />
        <OptionFields imp={imp} />
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
            <button type="button" className="btn btn-small" onClick={imp.cancelUpload}>
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
          <p className="run-error">{friendlier(job.error ?? 'The import stopped without saying why.', chosen)}</p>
        </div>
      )}
      {job?.status === 'cancelled' && <p className="vx-outcome muted">Import cancelled; nothing was stored.</p>}
      {imp.result && <ImportOutcome result={imp.result} chosen={chosen} />}
    </section>
  );
}

/** The pickers, what was chosen, and (where the server may read its own disk) a path on the server. */
function SourceFields({ source, running }: { source: ImportSourceState; running: boolean }) {
  const { desktop, chosen } = source;
  return (
    <div className="vx-import-source">
      <div className="vx-pick">
        <button type="button" className="btn" onClick={() => source.fileInput.current?.click()} disabled={running}>
          Choose file…
        </button>
        <button type="button" className="btn" onClick={() => void source.chooseFolder()} disabled={running}>
          Choose folder…
        </button>
        <span className={`vx-chosen ${chosen ? '' : 'muted'}`} data-testid="import-chosen" title={chosen?.label}>
          {chosen ? chosen.label : 'No file chosen'}
        </span>
        <input ref={source.fileInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="import-file-input" onChange={(e) => source.pickFiles(e.currentTarget, false)} />
        {!desktop && (
          <input ref={source.folderInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="import-folder-input" onChange={(e) => source.pickFiles(e.currentTarget, true)} />
        )}
      </div>
      <p className="muted small">One file, or for TSV and .npy the pair of files (or their folder).</p>
      {source.showServerPath && (
        <label className="field">
          <span>
            Or a path on the server's machine <span className="muted">(file or folder)</span>
          </span>
          <input type="text" value={source.serverPath} onChange={(e) => source.setServerPath(e.target.value)} placeholder="/home/me/glove.6B.100d.txt.gz" spellCheck={false} autoComplete="off" disabled={running} />
        </label>
      )}
    </div>
  );
}

function OptionFields({ imp }: { imp: ImportJob }) {
  const { running } = imp;
  return (
    <div className="vx-import-options">
      <label className="field">
        <span>Format</span>
        <select value={imp.format} onChange={(e) => imp.setFormat(e.target.value as 'auto' | ReadFormat)} disabled={running}>
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
        <input type="text" value={imp.name} onChange={(e) => imp.setName(e.target.value)} placeholder="the file's name" maxLength={200} disabled={running} />
      </label>
      <label className="field">
        <span>
          Limit <span className="muted">(optional)</span>
        </span>
        <input type="number" min={1} step={1} value={imp.limit} onChange={(e) => imp.setLimit(e.target.value)} placeholder="every word" aria-invalid={!imp.limitValid} disabled={running} />
      </label>
      <div className="vx-import-go">
        <button type="submit" className="btn btn-primary" disabled={running}>
          {imp.upload ? 'Uploading…' : imp.job?.status === 'running' ? 'Importing…' : 'Import'}
        </button>
      </div>
    </div>
  );
}

function ImportOutcome({ result, chosen }: { result: NonNullable<ImportJob['result']>; chosen: Chosen | null }) {
  return (
    <div className="vx-outcome" data-testid="import-done" aria-live="polite">
      <p>
        Imported <strong>{result.name}</strong>: {fmtInt(result.words)} words × {fmtInt(result.dim)} dimensions ({FORMATS.find((f) => f.id === result.format)?.label ?? FORMAT_LABELS[result.format]}
        {result.gzip ? ', gzip' : ''}). <a href={href('runs', result.runId)}>Open run #{result.runId} →</a>
      </p>
      {result.fastText && <p className="muted small" data-testid="import-fasttext">{result.fastText.description}</p>}
      {result.warnings.length > 0 && (
        <ul className="vx-warnings">
          {result.warnings.slice(0, 5).map((w) => (
            <li key={w}>{friendlier(w, chosen)}</li>
          ))}
          {result.warnings.length > 5 && <li>…and {fmtInt(result.warnings.length - 5)} more (see the run's log).</li>}
        </ul>
      )}
    </div>
  );
}
