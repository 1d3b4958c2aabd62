/**
 * Export several runs at once (the run table's selection): one format and options for all,
 * then one export job per run, each with its progress and files. In browser mode each run's
 * files download as soon as its job is done (and stay offered as links); the desktop app
 * writes them into one folder.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { JobState, RunSummary } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ExportOutcome, FormatChoice } from './ExportDialog.js';
import { JobProgress } from './JobProgress.js';
import { fileStem, formatInfo, type VectorFormat } from './formats.js';
import { joinPath, parentFolder } from './useExport.js';
import { useJob } from './useJob.js';
import { useModalDialog } from '../../components/useModalDialog.js';
import './vectors.css';
import './batchExport.css';

interface Props {
  runs: RunSummary[];
  open: boolean;
  onClose: () => void;
}

/** A run's file or folder name: its name's stem and its id, so two runs of one name do not collide. */
const exportName = (run: RunSummary, suffix: string): string => {
  const stem = fileStem(run.name, run.id);
  return `${stem === `run-${run.id}` ? stem : `${stem}-${run.id}`}${suffix}`;
};

export function BatchExportDialog({ runs, open, onClose }: Props) {
  const ids = useId();
  const dialog = useModalDialog(open);
  const { transport, info, client } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const [format, setFormat] = useState<VectorFormat>('w2v-text');
  const [normalize, setNormalize] = useState(false);
  const [folder, setFolder] = useState<string | null>(null);
  const [started, setStarted] = useState<{ run: RunSummary; out: string; job: JobState | null; error: string | null }[]>([]);
  const [busy, setBusy] = useState(false);
  const f = formatInfo(format);
  const target = folder ?? (info ? parentFolder(info.dbPath) : '');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const next = [];
    for (const run of runs) {
      const name = exportName(run, f.suffix);
      const out = desktop ? joinPath(target, name) : name;
      try {
        next.push({ run, out, job: await client.call('run.export', { id: run.id, format, out, normalize: normalize || undefined }), error: null });
      } catch (err) {
        next.push({ run, out, job: null, error: messageOf(err) });
      }
    }
    setStarted(next);
    setBusy(false);
  };

  return (
    <dialog ref={dialog} className="vx-dialog" aria-labelledby={`${ids}-title`} onClose={onClose} data-testid="batch-export-dialog">
      <form className="vx-form" onSubmit={(e) => void submit(e)}>
        <header className="vx-dialog-head">
          <h2 id={`${ids}-title`}>Export {runs.length === 1 ? 'one run' : `${runs.length} runs`}</h2>
          <p className="muted small">{runs.map((r) => r.name).join(' · ')}</p>
        </header>
        <FormatChoice ids={ids} o={{ format, setFormat }} disabled={busy || started.length > 0} />
        <label className="check">
          <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} disabled={busy || started.length > 0} />
          L2-normalise each vector (unit length; cosine becomes a dot product)
        </label>
        {desktop ? (
          <div className="field-row">
            <label className="field grow">
              <span>Folder (each run's {f.folder ? 'folder' : 'file'} is named after it)</span>
              <input type="text" value={target} onChange={(e) => setFolder(e.target.value)} spellCheck={false} />
            </label>
            <button type="button" className="btn" onClick={() => void desktop.pickFolder().then((p) => p && setFolder(p))}>Choose folder…</button>
          </div>
        ) : (
          <p className="muted small">The lab writes each run&apos;s {f.folder ? 'files' : 'file'} (named after the run), then your browser downloads {f.folder ? 'them' : 'it'}.</p>
        )}
        {started.length > 0 && (
          <ul className="vx-batch" aria-label="Exports">
            {started.map((s) => <BatchRow key={s.run.id} {...s} desktop={desktop != null} folder={f.folder} />)}
          </ul>
        )}
        <footer className="vx-dialog-foot">
          <button type="button" className="btn btn-quiet" onClick={onClose}>{started.length ? 'Close' : 'Cancel'}</button>
          {started.length === 0 && (
            <button type="submit" className="btn btn-primary" disabled={busy || runs.length === 0}>{busy ? 'Starting…' : `Export ${runs.length === 1 ? 'it' : `all ${runs.length}`}`}</button>
          )}
        </footer>
      </form>
    </dialog>
  );
}

/** One run's export: its progress, failure, or files (downloaded at once in browser mode). */
function BatchRow({ run, out, job: initial, error, desktop, folder }: { run: RunSummary; out: string; job: JobState | null; error: string | null; desktop: boolean; folder: boolean }) {
  const job = useJob(initial);
  const result = resultOf(job, 'export');
  const list = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!result || desktop) return;
    list.current?.querySelectorAll<HTMLAnchorElement>('a[data-testid="export-download"]').forEach((a) => a.click());
  }, [result, desktop]);
  return (
    <li ref={list} className="vx-batch-row" data-testid="batch-export-run" data-run={run.id} data-status={error ? 'failed' : (job?.status ?? 'starting')}>
      <span className="vx-batch-name">{run.name}</span>
      {error && <p className="text-danger small" role="alert">Could not start: {error}</p>}
      {job?.status === 'running' && <JobProgress job={job} label={`Export of ${run.name}`} />}
      {job?.status === 'failed' && <p className="text-danger small" role="alert">{job.error ?? 'The export stopped without saying why.'}</p>}
      {job?.status === 'cancelled' && <p className="muted small">Cancelled; no file was left behind.</p>}
      {result && <ExportOutcome result={result} requested={{ out, folder }} desktop={desktop} />}
    </li>
  );
}
