/** The export dialog's state: the chosen options and the target they name, then the job they start. */
import { useState, type FormEvent } from 'react';
import type { JobState, RunSummary } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { useJob } from './useJob.js';
import { fileStem, formatInfo, hasContexts, type VectorFormat } from './formats.js';

export function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : `${folder}${sep}${name}`;
}

export function parentFolder(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}

/** Format, top N, normalisation, W + C, spaces, gzip, name and folder; and the path they add up to. */
export function useExportOptions(run: RunSummary) {
  const { transport, info } = useLab();
  const desktop = transport.kind === 'desktop' ? transport.bridge : null;
  const [format, setFormat] = useState<VectorFormat>('w2v-text');
  const [top, setTop] = useState('');
  const [normalize, setNormalize] = useState(false);
  const [contexts, setContexts] = useState(false);
  const [underscore, setUnderscore] = useState(false);
  const [gzip, setGzip] = useState(false);
  const [stem, setStem] = useState(() => fileStem(run.name, run.id));
  const [folder, setFolder] = useState<string | null>(null);

  const f = formatInfo(format);
  const ext = f.folder ? f.suffix : `${f.suffix}${gzip ? '.gz' : ''}`;
  const name = `${stem.trim()}${ext}`;
  // The lab file's folder exists; the engine does not create a missing folder for a single file.
  const defaultFolder = info ? parentFolder(info.dbPath) : '';
  const target = desktop ? joinPath(folder ?? defaultFolder, name) : name;
  const topN = top.trim() === '' ? undefined : Number(top);
  const topValid = topN === undefined || (Number.isInteger(topN) && topN >= 1);

  return {
    desktop, contextsAvailable: hasContexts(run), f, ext, target, defaultFolder, topN, topValid,
    format, setFormat, top, setTop, normalize, setNormalize, contexts, setContexts, underscore, setUnderscore, gzip, setGzip, stem, setStem, folder, setFolder,
  };
}

export type ExportOptions = ReturnType<typeof useExportOptions>;

/** Export submits the options as run.export; the job is then followed to its files. */
export function useExportJob(run: RunSummary, o: ExportOptions) {
  const { client } = useLab();
  const [started, setStarted] = useState<JobState | null>(null);
  const [requested, setRequested] = useState<{ out: string; folder: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(started);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    if (!o.topValid) return setError('Top N must be a whole number of at least 1, or empty for every word.');
    if (!o.stem.trim()) return setError('The export needs a file name.');
    setBusy(true);
    try {
      const next = await client.call('run.export', {
        id: run.id,
        format: o.format,
        out: o.target,
        top: o.topN,
        normalize: o.normalize || undefined,
        contexts: o.contextsAvailable && o.contexts ? true : undefined,
        spaces: o.f.spaced && o.underscore ? 'underscore' : undefined,
      });
      setRequested({ out: o.target, folder: o.f.folder });
      setStarted(next);
    } catch (err) {
      setError(`Could not start the export: ${messageOf(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return { job, running: job?.status === 'running', result: resultOf(job, 'export'), requested, error, setError, busy, submit };
}

export type ExportJob = ReturnType<typeof useExportJob>;
