/**
 * One experiment (#/experiments/<id>): how far it is (cells done of all, the running cell's bar),
 * what can be done with it (Cancel, Resume, Extend, Remove), its table, a metric plotted against a
 * parameter, the best configuration per method and how much each parameter matters, and the pair
 * explainer over its finished runs. Everything follows the experiment live.
 */
import { useMemo, useState } from 'react';
import type { ExperimentDetail } from '../../../../shared/contract.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { fmtDate } from '../../format.js';
import { href } from '../../route.js';
import { StatusBadge } from '../runs/StatusBadge.js';
import { useMethods } from '../runs/useRuns.js';
import { ExplainPair } from '../explain/ExplainPair.js';
import { Analysis } from './Analysis.js';
import { ExperimentActions } from './ExperimentActions.js';
import { ExperimentProgress } from './ExperimentProgress.js';
import { ResultPlot } from './ResultPlot.js';
import { ResultsTable } from './ResultsTable.js';
import { CORPUS } from './analysis.js';
import { useExperimentDetail } from './useExperiments.js';

export function ExperimentPage({ id }: { id: number }) {
  const { detail, error, job, track, hold } = useExperimentDetail(id);
  const { methods } = useMethods();
  const [actionError, setActionError] = useState<string | null>(null);
  const methodLabel = useMemo(() => {
    const labels = new Map((methods ?? []).map((m) => [m.id, m.label]));
    return (m: string): string => labels.get(m) ?? m;
  }, [methods]);
  return (
    <section className="page xp-page" aria-labelledby="page-title">
      <nav className="back">
        <a href={href('experiments')}>← All experiments</a>
      </nav>
      {!detail && !error && <p className="muted loading">Loading experiment {id}…</p>}
      {!detail && error && <ErrorBanner message={error} />}
      {detail && (
        <>
          <header className="page-head xp-head">
            <h1 id="page-title" className="xp-title" title={detail.name}>{detail.name}</h1>
            <StatusBadge status={detail.status} />
            <span className="muted small">
              Experiment {detail.id} · created {fmtDate(detail.createdAt)}
              {detail.finishedAt && ` · ended ${fmtDate(detail.finishedAt)}`}
            </span>
          </header>
          {actionError && <ErrorBanner message={actionError} onDismiss={() => setActionError(null)} />}
          {detail.error && <p className="banner banner-status banner-failed xp-error" data-testid="experiment-error">{detail.error}</p>}
          <section className="card xp-status" aria-label="Progress and actions">
            <ExperimentProgress detail={detail} job={job} />
            <ExperimentActions detail={detail} job={job} methods={methods} onJob={track} onError={setActionError} onRemoving={hold} />
          </section>
          <Results detail={detail} methodLabel={methodLabel} />
        </>
      )}
    </section>
  );
}

/** The table, the plot and the analyses, sharing the metric chosen; then the pair explainer. */
function Results({ detail, methodLabel }: { detail: ExperimentDetail; methodLabel: (id: string) => string }) {
  const manyCorpora = new Set(detail.rows.map((r) => r.corpusId)).size > 1 || detail.spec.corpora.length > 1;
  const params = useMemo(() => [...(manyCorpora ? [CORPUS] : []), ...detail.paramColumns], [manyCorpora, detail.paramColumns]);
  const [metric, setMetric] = useState<string>(detail.metricColumns[0]?.key ?? '');
  const [param, setParam] = useState<string>(detail.paramColumns.includes('dim') ? 'dim' : params[0] ?? '');
  const metricKey = detail.metricColumns.some((m) => m.key === metric) ? metric : detail.metricColumns[0]?.key ?? '';
  const paramKey = params.includes(param) ? param : params[0] ?? '';
  const metricLabel = detail.metricColumns.find((m) => m.key === metricKey)?.label ?? metricKey;
  const finished = detail.rows.filter((r) => r.status === 'done' && r.runId !== null);
  return (
    <>
      <ResultsTable detail={detail} methodLabel={methodLabel} />
      {detail.metricColumns.length === 0 ? (
        <p className="muted card">This experiment evaluates nothing, so there is no metric to plot. Each run's page can evaluate it.</p>
      ) : (
        <>
          <ResultPlot
            detail={detail} params={params} metric={metricKey} param={paramKey} onMetric={setMetric} onParam={setParam}
            manyCorpora={manyCorpora} methodLabel={methodLabel}
          />
          <Analysis rows={detail.rows} metric={metricKey} metricLabel={metricLabel} manyCorpora={manyCorpora} methodLabel={methodLabel} />
        </>
      )}
      {finished.length > 0 && <ExplainRuns rows={finished} methodLabel={methodLabel} />}
    </>
  );
}

/** The pair explainer over the finished runs: the one picked first (its corpus and neighbours), then up to seven more in table order. */
function ExplainRuns({ rows, methodLabel }: { rows: ExperimentDetail['rows']; methodLabel: (id: string) => string }) {
  const [first, setFirst] = useState<number>(rows[0].runId!);
  const firstId = rows.some((r) => r.runId === first) ? first : rows[0].runId!;
  const runIds = [firstId, ...rows.map((r) => r.runId!).filter((id) => id !== firstId)].slice(0, 8);
  return (
    <section className="card xp-explain" data-testid="xp-explain" aria-labelledby="xp-explain-title">
      <h2 id="xp-explain-title">Explain a pair</h2>
      <label className="field xp-explain-first">
        <span>First run (its corpus counts and neighbours){rows.length > 8 ? `; with it the next 7 of ${rows.length} finished runs` : ', then the others'}</span>
        <select value={firstId} onChange={(e) => setFirst(Number(e.target.value))}>
          {rows.map((r) => (
            <option key={r.runId} value={r.runId!}>#{r.position + 1} {methodLabel(r.method)} {Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(' ')} (run {r.runId})</option>
          ))}
        </select>
      </label>
      <ExplainPair runIds={runIds} title="Two words, in the experiment's runs" />
    </section>
  );
}
