/** One run's page: name (renamable), status, parameters, phase timings, metrics, spectrum, log, removal. */
import { useState } from 'react';
import type { JobState, MethodInfo, RunDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { href, navigate } from '../../route.js';
import { messageOf } from '../../api/errors.js';
import { RemoveButton } from '../../components/RemoveButton.js';
import { Stat } from '../../components/Stat.js';
import { fmtDate, fmtInt, fmtSeconds } from '../../format.js';
import { RunCard } from './RunCard.js';
import { RunTitle } from './RunTitle.js';
import { Metrics, ParamsTable, PhaseTimes, RunLog } from './RunParts.js';
import { Spectrum, hasSpectrum } from './Spectrum.js';
import { CurveCard, useCurves } from './Curves.js';
import { StatusBadge } from './StatusBadge.js';
import { UNFINISHED_TEXT } from './runText.js';
import { useRunDetail } from './useRuns.js';
import { ExportVectors } from '../vectors/ExportDialog.js';
import { EvaluationPanel } from '../evaluation/EvaluationPanel.js';
import { ExplainPair } from '../explain/ExplainPair.js';

interface Props {
  id: number;
  methods: MethodInfo[] | null;
  job: JobState | null;
  cancelling: boolean;
  onCancel: (jobId: number) => void;
  onStarted: (job: JobState) => void;
  onError: (message: string) => void;
}

export function RunDetailPage({ id, methods, job, cancelling, onCancel, onStarted, onError }: Props) {
  const { detail, error } = useRunDetail(id);
  return (
    <>
      <nav className="back">
        <a href={href('runs')}>← All runs</a>
      </nav>
      {error ? (
        <section className="card">
          <p className="text-danger" role="alert">Could not open run #{id}: {error}</p>
        </section>
      ) : !detail ? (
        <section className="card">
          <p className="muted loading">Loading run #{id}…</p>
        </section>
      ) : (
        <Detail run={detail} method={methods?.find((m) => m.id === detail.method) ?? null} job={job} cancelling={cancelling} onCancel={onCancel} onStarted={onStarted} onError={onError} />
      )}
    </>
  );
}

interface DetailProps extends Omit<Props, 'id' | 'methods'> {
  run: RunDetail;
  method: MethodInfo | null;
}

function Detail({ run, method, job, cancelling, onCancel, onStarted, onError }: DetailProps) {
  const unfinished = UNFINISHED_TEXT[run.status];
  return (
    <section className="detail run-detail" aria-labelledby="page-title" data-testid="run-detail" data-status={run.status}>
      <DetailHead run={run} method={method} onStarted={onStarted} onError={onError} />

      {unfinished && (
        <div className={`banner banner-status banner-${run.status}`} role="status" data-testid="run-outcome">
          <div className="banner-text">
            <p className="banner-title">{unfinished}</p>
            {run.error && <p className="run-error">{run.error}</p>}
            {run.checkpoint && (
              <p data-testid="run-checkpoint">
                Its last checkpoint is kept ({run.checkpoint.progress}, {fmtDate(run.checkpoint.savedAt)}): Resume continues from there with the same parameters.
              </p>
            )}
          </div>
        </div>
      )}
      {job?.status === 'running' && <RunCard job={job} onCancel={onCancel} cancelling={cancelling} here />}
      {run.status === 'running' && job?.status !== 'running' && <p className="muted">Training… progress appears here as soon as the lab reports it.</p>}

      {(run.dim != null || run.vocab != null || run.seconds != null) && (
        <dl className="stats">
          <Stat id="dim" label="Dimensions" text={run.dim == null ? '—' : fmtInt(run.dim)} />
          <Stat id="vocab" label="Vocabulary" text={run.vocab == null ? '—' : fmtInt(run.vocab)} />
          <Stat id="seconds" label="Training time" text={run.seconds == null ? '—' : fmtSeconds(run.seconds)} />
        </dl>
      )}

      <RunGrid run={run} />

      <EvaluationPanel run={run} />

      {run.status === 'done' && run.corpusId != null && <ExplainPair runIds={[run.id]} />}

      <section className="card" aria-labelledby="params-title">
        <h3 id="params-title">
          Parameters<span className="muted small params-note">values that differ from the method's defaults are highlighted</span>
        </h3>
        <ParamsTable params={run.params} options={method?.options ?? null} />
      </section>

      <section className="card" aria-labelledby="log-title">
        <h3 id="log-title">Log</h3>
        <RunLog run={run} />
      </section>
    </section>
  );
}

/** The run's name, status, method, corpus and dates; export, train again and remove. */
function DetailHead({ run, method, onStarted, onError }: Pick<DetailProps, 'run' | 'method' | 'onStarted' | 'onError'>) {
  return (
    <div className="detail-head">
      <div className="detail-title-block">
        <RunTitle run={run} />
        <p className="muted small run-meta">
          <StatusBadge status={run.status} /> <span>{method?.label ?? (run.method === 'imported' ? 'Imported vectors' : run.method)}</span> ·{' '}
          {run.corpusId != null && run.corpusName ? (
            <a href={href('corpora', run.corpusId)}>{run.corpusName}</a>
          ) : (
            <span>{run.method === 'imported' ? 'no corpus' : 'a removed corpus'}</span>
          )}{' '}
          · run #{run.id} · created {fmtDate(run.createdAt)}
          {run.finishedAt && <> · ended {fmtDate(run.finishedAt)}</>}
        </p>
      </div>
      <div className="detail-actions">
        <ExportVectors run={run} />
        {run.method !== 'imported' && (
          <button type="button" className="btn" onClick={() => navigate('runs', `like-${run.id}`)} title="The new-run form with this run's corpus, method and parameters">
            New run like this
          </button>
        )}
        {run.checkpoint && run.corpusId != null && (run.status === 'interrupted' || run.status === 'cancelled') && <ResumeRun run={run} onStarted={onStarted} onError={onError} />}
        {UNFINISHED_TEXT[run.status] && run.corpusId != null && <StartAgain run={run} onStarted={onStarted} onError={onError} />}
        <RemoveRun run={run} onError={onError} />
      </div>
    </div>
  );
}

/** The spectrum or the curves beside the phase times and metrics. A run that stopped early may have none of them; its banner says why. */
function RunGrid({ run }: { run: RunDetail }) {
  const curves = useCurves(run);
  if (!(run.status === 'done' || hasSpectrum(run) || curves.length > 0 || Object.keys(run.phases).length > 0 || Object.keys(run.metrics).length > 0)) return null;
  return (
    <div className="run-grid">
      <div className="run-main">
        {hasSpectrum(run) && (
          <section className="card" aria-labelledby="spectrum-title">
            <h3 id="spectrum-title">Spectrum</h3>
            <Spectrum run={run} />
          </section>
        )}
        {curves.map((c) => (
          <CurveCard key={c.key} curve={c} />
        ))}
        {!hasSpectrum(run) && curves.length === 0 && (
          <section className="card" aria-labelledby="spectrum-title">
            <h3 id="spectrum-title">Spectrum</h3>
            <p className="muted">{run.status === 'done' ? 'This method records no spectrum or curves.' : 'No spectrum: the run did not finish.'}</p>
          </section>
        )}
      </div>
      <div className="run-side">
        <section className="card" aria-labelledby="phases-title">
          <h3 id="phases-title">Time per phase</h3>
          <PhaseTimes phases={run.phases} />
        </section>
        <section className="card" aria-labelledby="metrics-title">
          <h3 id="metrics-title">Metrics</h3>
          <Metrics metrics={run.metrics} />
        </section>
      </div>
    </div>
  );
}

/** Continues the run from its last checkpoint (run.resume); the page follows the job. */
function ResumeRun({ run, onStarted, onError }: { run: RunDetail; onStarted: (job: JobState) => void; onError: (m: string) => void }) {
  const { client } = useLab();
  const [busy, setBusy] = useState(false);
  const resume = async (): Promise<void> => {
    setBusy(true);
    try {
      onStarted(await client.call('run.resume', { id: run.id }));
    } catch (e) {
      onError(`Could not resume ${run.name}: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn btn-primary" onClick={() => void resume()} disabled={busy} title={`Continue from ${run.checkpoint?.progress}`}>
      {busy ? 'Resuming…' : 'Resume'}
    </button>
  );
}

/** Starts a new run with the same corpus, method and parameters. */
function StartAgain({ run, onStarted, onError }: { run: RunDetail; onStarted: (job: JobState) => void; onError: (m: string) => void }) {
  const { client } = useLab();
  const [busy, setBusy] = useState(false);
  const start = async (): Promise<void> => {
    if (run.corpusId == null) return;
    setBusy(true);
    try {
      const job = await client.call('run.start', { corpusId: run.corpusId, method: run.method, params: run.params });
      onStarted(job);
      if (job.subject?.runId) navigate('runs', job.subject.runId);
    } catch (e) {
      onError(`Could not start the run again: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn" onClick={() => void start()} disabled={busy}>
      {busy ? 'Starting…' : 'Train again'}
    </button>
  );
}

function RemoveRun({ run, onError }: { run: RunDetail; onError: (m: string) => void }) {
  const { client } = useLab();
  const remove = async (): Promise<boolean> => {
    // Leave the page first, so it does not refetch the run it is removing; a failure shows on the list.
    navigate('runs');
    try {
      await client.call('run.remove', { id: run.id });
    } catch (e) {
      onError(`Could not remove ${run.name}: ${messageOf(e)}`);
    }
    return true;
  };
  return (
    <RemoveButton
      question={<>Remove “{run.name}” and its vectors? This cannot be undone.</>}
      blockedReason={run.status === 'running' ? 'Cancel the run before removing it' : undefined}
      remove={remove}
    />
  );
}
