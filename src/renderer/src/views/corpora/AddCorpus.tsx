/** Adding a corpus: a drop zone, a folder picker and (browser mode) a folder path on the server's machine. */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { entriesOfDrop, filesFromEntries, filesFromInput } from '../../api/folderFiles.js';
import { messageOf } from '../../api/errors.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtInt, fmtMB } from '../../format.js';
import { useIngest, type IngestOptions } from './useIngest.js';

interface Props {
  onStarted: (job: JobState) => void;
  onError: (message: string) => void;
}

export function AddCorpus({ onStarted, onError }: Props) {
  const { transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const { ingestPath, ingestUpload, upload, cancelUpload } = useIngest(onStarted, onError);
  const [name, setName] = useState('');
  const [minCount, setMinCount] = useState('5');
  const [lowercase, setLowercase] = useState(true);
  const [serverPath, setServerPath] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  useEffect(() => fileInput.current?.setAttribute('webkitdirectory', ''), []);

  const min = Number(minCount);
  const minValid = Number.isInteger(min) && min >= 1 && min <= 1_000_000;
  const options = (): IngestOptions | null => {
    if (!minValid) {
      onError('Min count must be a whole number from 1 to 1,000,000.');
      return null;
    }
    return { name: name.trim() || undefined, minCount: min, lowercase };
  };
  const started = (ok: boolean): void => {
    if (ok) setName('');
  };

  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    setDragging(false);
    const opts = options();
    if (!opts) return;
    if (desktop) {
      const files = Array.from(e.dataTransfer.files);
      if (files.length !== 1) return onError('Drop one folder (or one text file) at a time.');
      const path = desktop.pathForFile(files[0]);
      if (!path) return onError('The app could not tell where the dropped item lives on disk.');
      void ingestPath(path, opts).then(started);
      return;
    }
    const entries = entriesOfDrop(e.dataTransfer); // synchronously, before the event ends
    if (entries.length === 0) return onError('Nothing to add: drop a folder of text files.');
    filesFromEntries(entries).then(
      (picked) => ingestUpload(picked, opts).then(started),
      (err) => onError(`Could not read the dropped folder: ${messageOf(err)}`),
    );
  };

  const chooseFolder = async (): Promise<void> => {
    if (!desktop) return fileInput.current?.click();
    const opts = options();
    if (!opts) return;
    const path = await desktop.pickFolder();
    if (path) started(await ingestPath(path, opts));
  };

  const onFilesPicked = (): void => {
    const input = fileInput.current;
    if (!input?.files?.length) return;
    const picked = filesFromInput(input.files);
    input.value = '';
    const opts = options();
    if (opts) void ingestUpload(picked, opts).then(started);
  };

  const submitPath = (e: FormEvent): void => {
    e.preventDefault();
    const path = serverPath.trim();
    if (!path) return onError("Type the folder's full path on the server's machine.");
    const opts = options();
    if (!opts) return;
    void ingestPath(path, opts).then((ok) => {
      started(ok);
      if (ok) setServerPath('');
    });
  };

  const showServerPath = !desktop && info?.canReadServerPaths === true;
  const busy = upload != null;

  return (
    <section className="card add" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Add a corpus</h2>
      <div className="add-grid">
        <div
          className={`dropzone ${dragging ? 'dropzone-active' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          {upload ? (
            <div className="upload" aria-live="polite">
              <div>
                Uploading <strong>{upload.folder}</strong>: {fmtInt(upload.filesDone)} / {fmtInt(upload.filesTotal)} files,{' '}
                {fmtMB(upload.bytesDone)} / {fmtMB(upload.bytesTotal)}
              </div>
              <ProgressBar fraction={upload.bytesTotal ? upload.bytesDone / upload.bytesTotal : null} label="Upload" />
              <button type="button" className="btn btn-small" onClick={cancelUpload}>
                Cancel upload
              </button>
            </div>
          ) : (
            <>
              <p className="dropzone-title">Drop a folder of text here</p>
              <p className="muted small">.txt, .md and .text files (or their .gz), in any subfolder</p>
              <button type="button" className="btn" onClick={() => void chooseFolder()} disabled={busy}>
                Choose folder…
              </button>
            </>
          )}
          {!desktop && (
            <input ref={fileInput} type="file" multiple className="visually-hidden" tabIndex={-1} aria-hidden="true" data-testid="folder-input" onChange={onFilesPicked} />
          )}
        </div>

        <div className="add-side">
          {showServerPath && (
            <form className="field-row" onSubmit={submitPath}>
              <label className="field grow">
                <span>Folder on the server's machine</span>
                <input type="text" value={serverPath} onChange={(e) => setServerPath(e.target.value)} placeholder="/home/me/texts" spellCheck={false} autoComplete="off" />
              </label>
              <button type="submit" className="btn btn-primary">
                Add
              </button>
            </form>
          )}
          <div className="field-row">
            <label className="field grow">
              <span>Name <span className="muted">(optional)</span></span>
              <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="the folder's name" maxLength={200} />
            </label>
            <label className="field narrow">
              <span>Min count</span>
              <input type="number" min={1} max={1000000} step={1} value={minCount} onChange={(e) => setMinCount(e.target.value)} aria-invalid={!minValid} />
            </label>
            <label className="check">
              <input type="checkbox" checked={lowercase} onChange={(e) => setLowercase(e.target.checked)} />
              Lowercase
            </label>
          </div>
          <p className="muted small">
            Min count sets the default vocabulary for runs: words seen fewer times are left out. Nothing is stored until an ingest finishes.
          </p>
        </div>
      </div>
    </section>
  );
}
