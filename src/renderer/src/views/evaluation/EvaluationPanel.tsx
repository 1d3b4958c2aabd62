/**
 * The evaluation card on a finished run's page: Evaluate (with an options
 * popover), the live job with Cancel, and the stored results (analogy accuracy
 * per method with OOV counts, a per-section chart, word similarity).
 */
import { useCallback, useRef, useState } from 'react';
import type { JobState, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { fmtSeconds } from '../../format.js';
import { EvalOptionsPopover, describe, toRequest, useEvalOptions } from './EvalOptions.js';
import { EvalResults } from './EvalResults.js';
import { isEmptyReport, setLabel } from './evalText.js';
import { useEvalJob, useEvalReport } from './useEval.js';
import './evaluation.css';

export function EvaluationPanel({ run }: { run: Pick<RunSummary, 'id' | 'name' | 'status'> }) {
  if (run.status !== 'done') return null;
  return <Panel key={run.id} runId={run.id} name={run.name} />;
}

/** The panel's state: the stored report, the options, and the evaluation job with its start and cancel. */
function useEvaluation(runId: number) {
  const { client } = useLab();
  const { report, error: loadError, reload } = useEvalReport(runId);
  const [options, setOptions] = useEvalOptions();
  const [open, setOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const onEnded = useCallback(
    (job: JobState) => {
      setCancelling(false);
      if (job.status === 'done') void reload();
    },
    [reload],
  );
  const { job, track, dismiss } = useEvalJob(runId, onEnded);
  const request = toRequest(runId, options);

  const start = async (): Promise<void> => {
    if ('problem' in request) return;
    setOpen(false);
    setStarting(true);
    setStartError(null);
    try {
      track(await client.call('eval.start', request.input));
    } catch (e) {
      setStartError(`Could not start the evaluation: ${messageOf(e)}`);
    } finally {
      setStarting(false);
    }
  };

  const cancel = (): void => {
    if (!job) return;
    setCancelling(true);
    client.call('job.cancel', { id: job.id }).catch((e) => {
      setCancelling(false);
      setStartError(`Could not cancel: ${messageOf(e)}`);
    });
  };

  return {
    report, loadError, options, setOptions, open, setOpen, starting, cancelling, startError, setStartError, job, dismiss, start, cancel,
    running: job?.status === 'running',
    /** Why these options cannot start, or null. */
    problem: 'problem' in request ? request.problem : null,
  };
}

type Evaluation = ReturnType<typeof useEvaluation>;

function Panel({ runId, name }: { runId: number; name: string }) {
  const ev = useEvaluation(runId);
  const { report, job, running, problem } = ev;
  return (
    <section className="card eval-panel" aria-labelledby="eval-title" data-testid="eval-panel">
      <EvalHead ev={ev} name={name} />
      {problem && !running && (
        <p className="muted small eval-problem" role="status">
          {problem}
        </p>
      )}
      {ev.startError && (
        <div className="banner banner-error" role="alert">
          <span className="banner-text">{ev.startError}</span>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => ev.setStartError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {job && <EvalJob job={job} cancelling={ev.cancelling} onCancel={ev.cancel} onDismiss={ev.dismiss} />}

      {ev.loadError ? (
        <p className="text-danger" role="alert">
          Could not load the evaluation: {ev.loadError}
        </p>
      ) : !report ? (
        <p className="muted loading">Loading evaluation…</p>
      ) : isEmptyReport(report) ? (
        !running && (
          <div className="empty" data-testid="eval-empty">
            <p>Not evaluated yet.</p>
            <p className="muted small">
              Evaluate scores the run on the Google and MSR analogy sets (3CosAdd and 3CosMul) and on six word-similarity sets. It takes a few seconds.
            </p>
          </div>
        )
      ) : (
        <EvalResults report={report} />
      )}
    </section>
  );
}

/** The title with what Evaluate will do; Options (a popover) and Evaluate. */
function EvalHead({ ev, name }: { ev: Evaluation; name: string }) {
  const { info } = useLab();
  const toggle = useRef<HTMLButtonElement>(null);
  const { setOpen, running, problem } = ev;
  const close = useCallback(() => setOpen(false), [setOpen]);
  return (
    <div className="eval-head">
      <div className="eval-head-text">
        <h3 id="eval-title">Evaluation</h3>
        <p className="muted small" data-testid="eval-plan">
          {describe(ev.options)}
        </p>
      </div>
      <div className="eval-actions">
        <button
          ref={toggle}
          type="button"
          className="btn"
          aria-expanded={ev.open}
          aria-haspopup="dialog"
          onClick={() => setOpen((o) => !o)}
          disabled={running}
        >
          Options <span aria-hidden="true">▾</span>
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void ev.start()}
          disabled={running || ev.starting || problem != null}
          title={problem ?? `Evaluate ${name}`}
        >
          {ev.starting ? 'Starting…' : running ? 'Evaluating…' : isEmptyReport(ev.report) ? 'Evaluate' : 'Evaluate again'}
        </button>
        {ev.open && (
          <EvalOptionsPopover options={ev.options} onChange={ev.setOptions} onClose={close} toggle={toggle} serverPaths={info?.canReadServerPaths ?? true} />
        )}
      </div>
    </div>
  );
}

/** "analogies: google" → "Analogies · Google". */
function phaseText(phase: string): string {
  const m = /^analogies: (.*)$/.exec(phase);
  if (m) return `Analogies · ${setLabel(m[1])}`;
  if (phase === 'starting') return 'Starting';
  return phase ? phase[0].toUpperCase() + phase.slice(1) : phase;
}

function EvalJob({ job, cancelling, onCancel, onDismiss }: { job: JobState; cancelling: boolean; onCancel: () => void; onDismiss: () => void }) {
  const p = job.progress;
  // Elapsed time and the ETA move between the engine's reports (which can be far apart in one long phase).
  const since = useSecondsSinceReport(job);
  const elapsed = p.elapsed + since;
  if (job.status === 'running') {
    const figures = progressFigures(p, since);
    // Nothing counted yet (the engine reports a set's questions in large batches): an indeterminate bar, not a stuck one.
    const percent = p.done > 0 ? figures.percent : null;
    return (
      <div className="eval-job" data-testid="eval-job" data-status="running" aria-live="polite">
        <div className="eval-job-line">
          <span className="phase-name">{phaseText(p.phase)}</span>
          {figures.counts != null && (
            <span className="muted">
              {figures.counts}
              {percent != null && ` · ${percent}%`}
              {figures.eta != null && percent != null && ` · about ${fmtSeconds(figures.eta)} left`}
            </span>
          )}
          <span className="muted">· {fmtSeconds(elapsed)}</span>
          <button type="button" className="btn btn-small eval-cancel" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <ProgressBar percent={percent} label={`Evaluation: ${phaseText(p.phase)}`} />
      </div>
    );
  }
  const text =
    job.status === 'done'
      ? `Evaluated in ${fmtSeconds(p.elapsed)}.`
      : job.status === 'cancelled'
        ? 'Evaluation cancelled — the results below (if any) are the earlier ones.'
        : `Evaluation failed: ${job.error ?? 'no reason given.'}`;
  return (
    <div className={`eval-job eval-job-${job.status}`} data-testid="eval-job" data-status={job.status} role={job.status === 'failed' ? 'alert' : 'status'}>
      <span className="banner-text">{text}</span>
      <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
