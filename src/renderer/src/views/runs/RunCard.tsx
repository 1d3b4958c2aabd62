/**
 * One training job, live: phase, a progress bar with done/total and unit, ETA,
 * elapsed time and Cancel; after it ends, its outcome and a link to the run.
 */
import { useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { href } from '../../route.js';
import { fmtInt, fmtSeconds } from '../../format.js';
import { jobFigures, phaseName } from './runText.js';

interface Props {
  job: JobState;
  onCancel: (id: number) => void;
  onDismiss?: (id: number) => void;
  cancelling: boolean;
  /** Hide the "Open run" link (on the run's own page). */
  here?: boolean;
}

const JOB_STATUS_TEXT = { running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** Re-renders every second while `on`, so elapsed time and ETA keep moving between events. */
function useTick(on: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

interface Sample {
  job: JobState;
  at: number;
  /** The current phase as first seen here: name, total, unit, time and count, and the most done since. */
  phase: string;
  total: number;
  unit: string;
  phaseAt: number;
  phaseDone: number;
  done: number;
}

/**
 * Remembers when each state arrived and where the current phase started, for
 * an ETA from the rate seen here (the engine's own estimate is the fallback).
 * Within one phase the count never goes back: a report that restarts the same
 * phase at 0 (as the SVD steps do) does not make the bar jump back.
 */
function useSample(job: JobState): Sample {
  const ref = useRef<Sample | null>(null);
  const s = ref.current;
  if (!s || s.job !== job) {
    const at = performance.now();
    const p = job.progress;
    const same = s && s.phase === p.phase && s.total === p.total && s.unit === p.unit;
    ref.current = same
      ? { ...s, job, at, done: Math.max(s.done, p.done) }
      : { job, at, phase: p.phase, total: p.total, unit: p.unit, phaseAt: at, phaseDone: p.done, done: p.done };
  }
  return ref.current!;
}

function etaOf(job: JobState, s: Sample): number | null {
  if (s.total <= 0) return null;
  const seconds = (s.at - s.phaseAt) / 1000;
  const rate = (s.done - s.phaseDone) / seconds;
  if (seconds >= 0.5 && rate > 0) return (s.total - s.done) / rate;
  return job.progress.eta;
}

/** Elapsed time and what is left of the phase, moving every second while the job runs; and the most done so far. */
function useLiveTimes(job: JobState) {
  const p = job.progress;
  const running = job.status === 'running';
  const now = useTick(running);
  const sample = useSample(job);
  const elapsed = running ? p.elapsed + Math.max(0, now - sample.at) / 1000 : p.elapsed;
  const eta = running ? etaOf(job, sample) : null;
  const etaLeft = eta == null ? null : Math.max(0, eta - Math.max(0, now - sample.at) / 1000);
  return { elapsed, etaLeft, done: sample.done };
}

export function RunCard({ job, onCancel, onDismiss, cancelling, here }: Props) {
  const p = job.progress;
  const running = job.status === 'running';
  const times = useLiveTimes(job);
  const runId = job.subject?.runId ?? resultOf(job, 'train')?.runId ?? resultOf(job, 'import')?.runId ?? null;
  const title = job.title.replace(/^Train /, '');

  return (
    <div className={`card job run-card job-${job.status}`} data-testid="run-job" data-status={job.status} data-run={runId ?? undefined} aria-live="polite">
      <div className="job-head">
        <span className="job-title" title={title}>{title}</span>
        <span className={`badge badge-${job.status}`}>{JOB_STATUS_TEXT[job.status]}</span>
        {running ? (
          <button type="button" className="btn btn-small" onClick={() => onCancel(job.id)} disabled={cancelling} aria-label={`Cancel ${title}`}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          onDismiss && (
            <button type="button" className="btn btn-quiet btn-small" onClick={() => onDismiss(job.id)} aria-label={`Dismiss ${title}`}>
              Dismiss
            </button>
          )
        )}
      </div>
      {running && <LiveProgress job={job} title={title} times={times} />}
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
function LiveProgress({ job, title, times }: { job: JobState; title: string; times: ReturnType<typeof useLiveTimes> }) {
  const p = job.progress;
  const { done, etaLeft } = times;
  const fraction = p.total > 0 ? done / p.total : null;
  return (
    <>
      <div className="job-phase" data-testid="run-phase" data-phase={p.phase}>
        <span className="phase-name">{p.phase === 'starting' ? 'Starting' : phaseName(p.phase)}</span>
        {p.total > 0 && (
          <span className="muted">
            {' '}· {fmtInt(done)} / {fmtInt(p.total)} {p.unit} · {Math.floor((fraction ?? 0) * 100)}%
          </span>
        )}
      </div>
      <ProgressBar fraction={fraction} label={`${title}: ${phaseName(p.phase)}`} />
      <dl className="figures">
        <div className="figure" data-figure="elapsed">
          <dt>Elapsed</dt>
          <dd>{fmtSeconds(times.elapsed)}</dd>
        </div>
        <div className="figure" data-figure="eta">
          <dt>ETA for this phase</dt>
          <dd>{etaLeft == null ? '—' : fmtSeconds(etaLeft)}</dd>
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
