/**
 * One ingest job: progress with files, MB, tokens, rate and ETA while it runs; its outcome after.
 * The bar, its percent and the ETA are the current phase's, from the job's report (progressFigures).
 */
import { useRef } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { fmtInt, fmtMB, fmtSeconds } from '../../format.js';

interface Props {
  job: JobState;
  onCancel: (id: number) => void;
  onDismiss: (id: number) => void;
  cancelling: boolean;
}

export function JobCard({ job, onCancel, onDismiss, cancelling }: Props) {
  const p = job.progress;
  // Figures from the tokenizing phase stay on screen through the short phases after it.
  const last = useRef<{ done: number; total: number; detail: Record<string, number> } | null>(null);
  if (p.unit === 'bytes') last.current = { done: p.done, total: p.total, detail: p.detail };
  const t = last.current;
  const running = job.status === 'running';
  const since = useSecondsSinceReport(job);
  const { percent, eta } = progressFigures(p, since);

  return (
    <div className={`card job job-${job.status}`} data-testid="job" data-status={job.status} aria-live="polite">
      <div className="job-head">
        <span className="job-title" title={job.title}>{job.title}</span>
        <span className={`badge badge-${job.status}`}>{STATUS_TEXT[job.status]}</span>
        {job.elsewhere && (
          <span className="muted small" data-testid="job-elsewhere">
            {running ? 'running' : 'ran'} in another process (pid {job.elsewhere.pid})
          </span>
        )}
        {running ? (
          !job.elsewhere && <button type="button" className="btn btn-small" onClick={() => onCancel(job.id)} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => onDismiss(job.id)} aria-label={`Dismiss ${job.title}`}>
            Dismiss
          </button>
        )}
      </div>
      {running && (
        <>
          <div className="job-phase">
            {capitalize(p.phase)}
            {percent != null && <span className="muted"> · {percent}%</span>}
          </div>
          <ProgressBar percent={percent} label={`${job.title}: ${p.phase}`} />
        </>
      )}
      {t && running && (
        <dl className="figures">
          {t.detail.filesTotal != null && <Figure label="Files" value={`${fmtInt(t.detail.files ?? 0)} / ${fmtInt(t.detail.filesTotal)}`} />}
          <Figure label="Read" value={`${fmtMB(t.done)} / ${fmtMB(t.total)}`} />
          {t.detail.tokens != null && <Figure label="Tokens" value={fmtInt(t.detail.tokens)} />}
          {t.detail.ratePerSec != null && <Figure label="Rate" value={`${(t.detail.ratePerSec / 1e6).toFixed(1)} MB/s`} />}
          <Figure label="ETA" value={eta == null ? '—' : fmtSeconds(eta)} />
          <Figure label="Elapsed" value={fmtSeconds(p.elapsed + since)} />
        </dl>
      )}
      {job.status === 'done' && (
        <p className="job-outcome">
          Stored{job.kind === 'ingest' && job.result ? ` as corpus #${job.result.corpusId}` : ''} in {fmtSeconds(p.elapsed)}.
        </p>
      )}
      {job.status === 'failed' && (
        <div className="job-outcome" role="alert">
          <p className="text-danger">{job.error ?? 'The job stopped without saying why.'}</p>
          <p className="muted">Nothing was stored.</p>
        </div>
      )}
      {job.status === 'cancelled' && <p className="job-outcome">Cancelled — nothing was stored.</p>}
    </div>
  );
}

const STATUS_TEXT = { running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;

const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
