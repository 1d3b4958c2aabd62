/** A running job's phase, bar, counts, ETA and elapsed time, with Cancel (export, import and RAND-WALK generation). */
import { useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { fmtSeconds } from '../../format.js';

const capitalize = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

interface Props {
  job: JobState;
  /** What the bar is for, for screen readers ("Export", "Import", "Generation"). */
  label: string;
  onError?: (message: string) => void;
}

export function JobProgress({ job, label, onError }: Props) {
  const { client } = useLab();
  const [cancelling, setCancelling] = useState(false);
  const p = job.progress;
  const since = useSecondsSinceReport(job);
  const { percent, counts, eta } = progressFigures(p, since);
  const cancel = (): void => {
    setCancelling(true);
    client.call('job.cancel', { id: job.id }).catch((e) => {
      setCancelling(false);
      onError?.(`Could not cancel: ${messageOf(e)}`);
    });
  };
  return (
    <div className="vx-progress" data-testid="job-progress" data-phase={p.phase} aria-live="polite">
      <div className="vx-progress-head">
        <span className="vx-phase">{p.phase === 'starting' || !p.phase ? 'Starting' : capitalize(p.phase)}</span>
        {percent != null && (
          <span className="muted small">
            {counts} · {percent}%{eta != null && ` · about ${fmtSeconds(eta)} left`}
          </span>
        )}
        <span className="muted small vx-elapsed">{fmtSeconds(p.elapsed + since)}</span>
        <button type="button" className="btn btn-small" onClick={cancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <ProgressBar percent={percent} label={`${label}: ${p.phase}`} />
    </div>
  );
}
