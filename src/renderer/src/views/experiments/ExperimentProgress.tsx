/**
 * How far an experiment is: cells done of all (a bar of whole percent), and while its job runs,
 * the cell in progress with the job's own bar, counts and ETA (progressFigures, as every job).
 */
import type { ExperimentDetail, JobState } from '../../../../shared/contract.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { percentOf, progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { fmtInt, fmtSeconds } from '../../format.js';

export function ExperimentProgress({ detail, job }: { detail: ExperimentDetail; job: JobState | null }) {
  const running = job?.status === 'running' ? job : null;
  // The job counts cells as it passes them; the table counts those stored. Either may be ahead for a moment.
  const done = Math.min(detail.cells, Math.max(detail.cellsDone, running?.progress.detail.cellsDone ?? 0));
  const percent = percentOf(done, detail.cells);
  return (
    <div className="xp-progress" data-testid="experiment-progress">
      <div className="xp-progress-head">
        <strong data-testid="cells-done">{fmtInt(done)} of {fmtInt(detail.cells)} cells done</strong>
        <span className="muted small">
          {percent ?? 0}%
          {detail.cellsFailed > 0 && <span className="text-danger"> · {fmtInt(detail.cellsFailed)} failed</span>}
        </span>
      </div>
      <ProgressBar percent={percent ?? 0} label="Cells done" />
      {running && <CellProgress job={running} />}
    </div>
  );
}

/** "4/12 SGNS dim=10 · training": the cell's phase with the job's bar. */
function CellProgress({ job }: { job: JobState }) {
  const since = useSecondsSinceReport(job);
  const p = job.progress;
  const { percent, counts, eta } = progressFigures(p, since);
  const [cell, phase] = p.phase.includes(' · ') ? [p.phase.slice(0, p.phase.lastIndexOf(' · ')), p.phase.slice(p.phase.lastIndexOf(' · ') + 3)] : ['', p.phase];
  return (
    <div className="xp-cell-progress" data-testid="job-progress" data-phase={p.phase}>
      <div className="xp-progress-head">
        <span className="xp-cell-name" title={cell}>{cell ? `Cell ${cell}` : 'Starting'}</span>
        <span className="muted small">
          {phase}
          {percent != null && ` · ${counts} · ${percent}%`}
          {eta != null && ` · about ${fmtSeconds(eta)} left`}
        </span>
        <span className="muted small xp-elapsed">{fmtSeconds(p.elapsed + since)}</span>
        {job.elsewhere && <span className="muted small">runs in process {job.elsewhere.pid}</span>}
      </div>
      <ProgressBar percent={percent} label={`Current cell: ${phase}`} />
    </div>
  );
}
