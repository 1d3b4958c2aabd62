/**
 * One training job, live: phase, a progress bar with done/total and unit, ETA,
 * elapsed time and Cancel; after it ends, its outcome and a link to the run. A job
 * that another process runs (the CLI, say) shows the same, with its process named
 * instead of Cancel. Bar, percent, counts and ETA all come from the job's own
 * progress report (progressFigures), so they always agree.
 */
import type { JobState } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { href } from '../../route.js';
import { fmtSeconds } from '../../format.js';
import { jobFigures, phaseName } from './runText.js';
import './runCard.css';

interface Props {
  job: JobState;
  onCancel: (id: number) => void;
  onDismiss?: (id: number) => void;
  cancelling: boolean;
  /** Hide the "Open run" link (on the run's own page). */
  here?: boolean;
}

const JOB_STATUS_TEXT = { running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;

export function RunCard({ job, onCancel, onDismiss, cancelling, here }: Props) {
  const p = job.progress;
  const running = job.status === 'running';
  const runId = job.subject?.runId ?? resultOf(job, 'train')?.runId ?? resultOf(job, 'import')?.runId ?? null;
  const title = job.title.replace(/^Train /, '');

  return (
    <div
      className={`card job run-card job-${job.status}`} data-testid="run-job" data-status={job.status} data-run={runId ?? undefined}
      data-elsewhere={job.elsewhere?.pid} aria-live="polite"
    >
      <div className="job-head">
        <span className="job-title" title={title}>{title}</span>
        <span className={`badge badge-${job.status}`}>{JOB_STATUS_TEXT[job.status]}</span>
        {job.elsewhere && (
          <span className="muted small job-elsewhere" data-testid="job-elsewhere">
            {running ? 'running' : 'ran'} in another process (pid {job.elsewhere.pid})
          </span>
        )}
        {running && !job.elsewhere && (
          <button type="button" className="btn btn-small" onClick={() => onCancel(job.id)} disabled={cancelling} aria-label={`Cancel ${title}`}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {!running && onDismiss && (
          <button type="button" className="btn btn-quiet btn-small" onClick={() => onDismiss(job.id)} aria-label={`Dismiss ${title}`}>
            Dismiss
          </button>
        )}
      </div>
      {running && <LiveProgress job={job} title={title} />}
      {job.status === 'done' && (
        <p className="job-outcome">
          <span>
            Finished in {fmtSeconds(p.elapsed)}.
            {runId != null && !here && (
              <>
                {' '}
                <a href={href('runs', runId)}>Open run #{runId} →</a>
              </>
            )}
          </span>
        </p>
      )}
      {job.status === 'failed' && (
        <div className="job-outcome" role="alert">
          <p className="text-danger">{job.error ?? 'The run stopped without saying why.'}</p>
          <p className="muted">No vectors were stored.</p>
        </div>
      )}
      {job.status === 'cancelled' && <p className="job-outcome">Cancelled — no vectors were stored.</p>}
    </div>
  );
}

/** A running job's phase, bar, elapsed time, ETA and the method's own figures. */
function LiveProgress({ job, title }: { job: JobState; title: string }) {
  const p = job.progress;
  const since = useSecondsSinceReport(job);
  const { percent, counts, eta } = progressFigures(p, since);
  return (
    <>
      <div className="job-phase" data-testid="run-phase" data-phase={p.phase}>
        <span className="phase-name">{p.phase === 'starting' ? 'Starting' : phaseName(p.phase)}</span>
        {percent != null && (
          <span className="muted">
            {' '}· {counts} · <span data-testid="progress-percent">{percent}%</span>
          </span>
        )}
      </div>
      <ProgressBar percent={percent} label={`${title}: ${phaseName(p.phase)}`} />
      <dl className="figures">
        <div className="figure" data-figure="elapsed">
          <dt>Elapsed</dt>
          <dd>{fmtSeconds(p.elapsed + since)}</dd>
        </div>
        <div className="figure" data-figure="eta">
          <dt>ETA for this phase</dt>
          <dd>{eta == null ? '—' : fmtSeconds(eta)}</dd>
        </div>
        {jobFigures(p.detail).map((f) => (
          <div key={f.key} className="figure" data-figure={f.key}>
            <dt>{f.label}</dt>
            <dd>{f.text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
