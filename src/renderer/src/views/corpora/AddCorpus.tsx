/** Adding a corpus: a drop zone, a folder picker and (browser mode) a folder path on the server's machine. */
import { useId } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtInt, fmtMB } from '../../format.js';
import { useAddCorpus, type AddCorpusState, type IngestOptionsState } from './useAddCorpus.js';

interface Props {
  onStarted: (job: JobState) => void;
  onError: (message: string) => void;
}

export function AddCorpus({ onStarted, onError }: Props) {
  const add = useAddCorpus(onStarted, onError);
  const ids = useId();
  return (
    <section className="card add" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Add a corpus</h2>
      <div className="add-grid">
        <DropZone add={add} />
        <div className="add-side">
          {add.showServerPath && (
            <form className="field-row" onSubmit={add.submitPath}>
              <label className="field grow">
                <span>Folder on the server's machine</span>
                <input type="text" value={add.serverPath} onChange={(e) => add.setServerPath(e.target.value)} placeholder="/home/me/texts" spellCheck={false} autoComplete="off" />
              </label>
              <button type="submit" className="btn btn-primary">
                Add
              </button>
            </form>
          )}
          <OptionFields opt={add.opt} />
          <p className="muted small">
            Min count sets the default vocabulary for runs: words seen fewer times are left out. Nothing is stored until an ingest finishes.
          </p>
        </div>
      </div>
    </section>
  );
}

/** The drop target with its folder picker; while a folder uploads, its progress and Cancel. */
function DropZone({ add }: { add: AddCorpusState }) {
  const { upload, setDragging } = add;
  return (
    <div
      className={`dropzone ${add.dragging ? 'dropzone-active' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={add.onDrop}
    >
      {upload ? (
        <div className="upload" aria-live="polite">
          <div>
            Uploading <strong>{upload.folder}</strong>: {fmtInt(upload.filesDone)} / {fmtInt(upload.filesTotal)} files,{' '}
            {fmtMB(upload.bytesDone)} / {fmtMB(upload.bytesTotal)}
          </div>
          <ProgressBar fraction={upload.bytesTotal ? upload.bytesDone / upload.bytesTotal : null} label="Upload" />
          <button type="button" className="btn btn-small" onClick={add.cancelUpload}>
            Cancel upload
          </button>
        </div>
      ) : (
        <>
          <p className="dropzone-title">Drop a folder of text here</p>
          <p className="muted small">.txt, .md and .text files (or their .gz), in any subfolder</p>
          <button type="button" className="btn" onClick={() => void add.chooseFolder()} disabled={upload != null}>
            Choose folder…
          </button>
        </>
      )}
      {!add.desktop && (
        <input ref={add.fileInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="folder-input" onChange={add.onFilesPicked} />
      )}
    </div>
  );
}

function OptionFields({ opt }: { opt: IngestOptionsState }) {
  return (
    <div className="field-row">
      <label className="field grow">
        <span>Name <span className="muted">(optional)</span></span>
        <input type="text" value={opt.name} onChange={(e) => opt.setName(e.target.value)} placeholder="the folder's name" maxLength={200} />
      </label>
      <label className="field narrow">
        <span>Min count</span>
        <input type="number" min={1} max={1000000} step={1} value={opt.minCount} onChange={(e) => opt.setMinCount(e.target.value)} aria-invalid={!opt.minValid} />
      </label>
      <label className="check">
        <input type="checkbox" checked={opt.lowercase} onChange={(e) => opt.setLowercase(e.target.checked)} />
        Lowercase
      </label>
    </div>
  );
}
