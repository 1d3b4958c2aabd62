/**
 * One dynamics run: the backend that ran it (from its log), the summary figures, the
 * four learning-curve charts and the features table.
 */
import { useMemo } from 'react';
import type { RunDetail } from '../../../../shared/contract.js';
import { Stat } from '../../components/Stat.js';
import { fmtDate, fmtInt, fmtSeconds } from '../../format.js';
import { href } from '../../route.js';
import { RUN_STATUS_TEXT, UNFINISHED_TEXT } from '../runs/runText.js';
import { useRunDetail } from '../runs/useRuns.js';
import { DynamicsCharts } from './DynamicsCharts.js';
import { backendOf, dynamicsOf, fmtValue, type DynamicsResult } from './dynamicsData.js';
import { FeaturesTable } from './FeaturesTable.js';
import { useSpectrum } from './useDynamics.js';

export function RunResult({ runId }: { runId: number }) {
  const { detail, error } = useRunDetail(runId);
  if (error) {
    return (
      <section className="card">
        <p className="text-danger" role="alert">
          Could not load run #{runId}: {error}
        </p>
      </section>
    );
  }
  if (!detail) return <p className="muted loading">Loading run #{runId}…</p>;
  return <Loaded run={detail} />;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The spectrum of the corpus this run learned from, for the features table's theory column. */
function useRunSpectrum(run: RunDetail, result: DynamicsResult | null) {
  const spectrumArgs = useMemo(
    () =>
      result && run.corpusId != null
        ? { corpusId: run.corpusId, vocab: num(run.params.vocab), modes: Math.max(1, Math.min(200, result.d)), words: 6, minCount: num(run.params.minCount), window: num(run.params.window) }
        : null,
    [run, result],
  );
  return useSpectrum(spectrumArgs);
}

function Loaded({ run }: { run: RunDetail }) {
  const result = useMemo(() => dynamicsOf(run), [run]);
  const backend = useMemo(() => backendOf(run), [run]);
  const spectrum = useRunSpectrum(run, result);
  const m = run.metrics;

  if (run.method !== 'dynamics') {
    return (
      <section className="card">
        <p className="text-danger" role="alert">
          Run #{run.id} is a {run.method} run, not a dynamics run. <a href={href('runs', run.id)}>Open it in Runs</a>
        </p>
      </section>
    );
  }

  return (
    <section className="detail dyn-result" aria-labelledby="dyn-run-title" data-testid="dyn-result" data-run={run.id} data-status={run.status}>
      <div className="detail-head">
        <div className="detail-title-block">
          <h2 id="dyn-run-title">{run.name}</h2>
          <p className="muted small">
            run #{run.id} · {String(run.params.model ?? '')} · V = {fmtInt(num(m.vocab) ?? num(run.params.vocab) ?? 0)} · d = {fmtInt(num(m.dim) ?? num(run.params.dim) ?? 0)} ·{' '}
            {RUN_STATUS_TEXT[run.status]} {run.finishedAt ? fmtDate(run.finishedAt) : fmtDate(run.createdAt)}
            {run.seconds != null && <> in {fmtSeconds(run.seconds)}</>} · <a href={href('runs', run.id)}>Run page (log, parameters, export)</a>
          </p>
        </div>
      </div>

      {run.status !== 'done' && (
        <div className={`banner banner-status banner-${run.status}`}>
          <span className="banner-title">{RUN_STATUS_TEXT[run.status]}</span>
          <span>{UNFINISHED_TEXT[run.status] ?? 'This run is still training; its charts appear when it is done.'}</span>
          {run.error && <span className="run-error">{run.error}</span>}
        </div>
      )}

      {backend && (
        <div className="dyn-backend-ran" data-testid="backend-ran" data-backend={backend.id}>
          <span className="dyn-backend-label">Ran on</span>
          <strong className="dyn-backend-id">{backend.id}</strong>
          {m.gpu === 1 && <span className="badge badge-done">GPU</span>}
          {backend.device && <span className="dyn-backend-device">{backend.device}</span>}
          {backend.why && <span className="muted small">{backend.why === 'chosen' ? 'as chosen in the options' : backend.why}</span>}
        </div>
      )}

      {result && <SummaryStats metrics={m} d={result.d} />}

      {result ? (
        <>
          <DynamicsCharts result={result} />
          <FeaturesTable result={result} spectrum={spectrum.spectrum} spectrumError={spectrum.error} />
        </>
      ) : (
        run.status === 'done' && (
          <section className="card">
            <p className="muted">This run recorded no snapshots.</p>
          </section>
        )
      )}
    </section>
  );
}

/** How the run went against the theory: overlap, distinct rises, speed, and whether the rises came in the predicted order and time. */
function SummaryStats({ metrics: m, d }: { metrics: RunDetail['metrics']; d: number }) {
  return (
    <dl className="stats dyn-stats" data-testid="dyn-summary">
      <Stat id="overlap" label="Overlap with top-d eigenspace" text={m.overlap != null ? m.overlap.toFixed(4) : '—'} />
      <Stat id="distinct" label="Distinct rise steps" text={m.distinctSteps != null ? `${fmtInt(m.distinctSteps)} of ${fmtInt(d)}` : '—'} />
      <Stat id="ms" label="Time per step" text={m.msPerStep != null ? `${fmtValue(m.msPerStep)} ms` : '—'} />
      <Stat id="steps" label="Steps" text={m.steps != null ? fmtInt(m.steps) : '—'} />
      <Stat id="lr" label="Learning rate η" text={m.lr != null ? fmtValue(m.lr) : '—'} />
      <Stat id="order" label="Rise order = eigenvalue order" text={m.orderMatches == null ? '—' : m.orderMatches ? 'yes' : 'no'} />
      <Stat id="within" label="Of the first 10 within 25% of theory" text={m.firstTenWithin25 != null ? `${fmtInt(m.firstTenWithin25)} of ${fmtInt(Math.min(10, d))}` : '—'} />
    </dl>
  );
}
