/**
 * "Back up the lab" in the rail: a consistent copy through the engine's lab.backup (safe
 * while jobs run), with its progress; the desktop writes it beside the lab file, browser
 * mode into the server's export folder and then offers it as a download. Restoring
 * replaces the lab file, so it is done from the command line with the app closed.
 */
import { useState } from 'react';
import type { JobState } from '../../../shared/contract.js';
import { useLab } from '../lab.js';
import { messageOf } from '../api/errors.js';
import { fmtBytes } from '../format.js';
import { JobProgress } from '../views/vectors/JobProgress.js';
import { useJob } from '../views/vectors/useJob.js';

const stamp = (): string => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');

function besideLab(dbPath: string, name: string): string {
  const i = Math.max(dbPath.lastIndexOf('/'), dbPath.lastIndexOf('\\'));
  return i > 0 ? `${dbPath.slice(0, i + 1)}${name}` : name;
}

export function BackupControl() {
  const { client, info } = useLab();
  const [started, setStarted] = useState<JobState | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(started);
  if (!info) return null;
  const desktop = info.mode !== 'browser';
  const start = async (): Promise<void> => {
    setError(null);
    const file = `lab-backup-${stamp()}.lab`;
    try {
      setStarted(await client.call('lab.backup', { out: desktop ? besideLab(info.dbPath, file) : file }));
      setName(file);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const result = job?.kind === 'backup' && job.status === 'done' ? job.result : undefined;
  return (
    <div className="backup" data-testid="backup">
      {job?.status === 'running' ? (
        <JobProgress job={job} label="Backup" onError={setError} />
      ) : (
        <button type="button" className="btn btn-small" onClick={() => void start()} title="A consistent copy of the lab file, safe while jobs run">
          Back up the lab
        </button>
      )}
      {result && (
        <p className="small" data-testid="backup-done">
          Backed up ({fmtBytes(result.bytes)}).{' '}
          {desktop ? <code>{result.out}</code> : (
            <a href={`/api/download?path=${encodeURIComponent(name ?? '')}`} download={name ?? undefined} data-testid="backup-download">Download</a>
          )}
        </p>
      )}
      {job && job.status !== 'running' && job.status !== 'done' && <p className="small text-danger">Backup {job.status}{job.error ? `: ${job.error}` : ''}</p>}
      {error && <p className="small text-danger" role="alert">{error}</p>}
    </div>
  );
}
