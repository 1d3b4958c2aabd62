/**
 * Two finished runs side by side (#/compare/<a>-<b>): neighbour overlap@k,
 * the orthogonal-Procrustes residual, benchmark metrics with per-section
 * differences, a query word's neighbours in each run, and the words whose
 * neighbourhoods changed most.
 */
import { useMemo, useState } from 'react';
import type { CompareReport, RunSummary } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { fmtInt } from '../../format.js';
import { useMethods, useRunList } from '../runs/useRuns.js';
import { CompareMetrics } from './CompareMetrics.js';
import { ExplainPair } from '../explain/ExplainPair.js';
import { ChangedMost, NeighbourQuery } from './Neighbours.js';
import { useComparePair, useCompareReport, type ComparePair, type CompareReportState } from './useCompare.js';
import '../evaluation/evaluation.css';
import './compare.css';

const K_CHOICES = [5, 10, 20, 50];
const PROBE_CHOICES = [100, 1000, 5000, 20000];

export function CompareView({ param }: { param: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const { list } = useRunList(setError);
  const { methods } = useMethods();
  const labels = useMemo(() => new Map((methods ?? []).map((m) => [m.id, m.label])), [methods]);
  const runs = useMemo(() => (list ? list.filter((r) => r.status === 'done').reverse() : null), [list]);
  const byId = useMemo(() => new Map((runs ?? []).map((r) => [r.id, r])), [runs]);
  const pair = useComparePair(param, runs, byId);
  const { runA, runB } = pair;
  const state = useCompareReport(pair.idA, pair.idB);
  const methodLabel = (id: string): string => labels.get(id) ?? id;

  return (
    <section className="page compare-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Compare</h1>
        <p className="muted">Two runs side by side: how much their neighbourhoods agree, how well one rotates onto the other, and their benchmark scores.</p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      {!runs ? (
        <section className="card">
          <p className="muted loading">Loading runs…</p>
        </section>
      ) : runs.length < 2 ? (
        <section className="card" data-testid="compare-empty">
          <div className="empty">
            <p>{runs.length === 0 ? 'No finished runs yet.' : 'Only one finished run so far.'}</p>
            <p className="muted small">
              Compare needs two finished runs — for example PPMI-SVD and SGNS on the same corpus. Train them in <a href={href('runs')}>Runs</a>.
            </p>
          </div>
        </section>
      ) : (
        <>
          <ComparePickers runs={runs} pair={pair} state={state} methodLabel={methodLabel} />
          {runA && runB && runA.corpusId !== runB.corpusId && (
            <p className="compare-warning" role="status">
              These runs were trained on different corpora ({runA.corpusName ?? 'a removed corpus'} and {runB.corpusName ?? 'a removed corpus'}): only the words they
              share are compared.
            </p>
          )}
          <CompareBody same={pair.idA === pair.idB} state={state} />
          {runA && runB && pair.idA !== pair.idB && (runA.corpusId != null || runB.corpusId != null) && (
            <ExplainPair runIds={runA.corpusId != null ? [runA.id, runB.id] : [runB.id, runA.id]} title="Explain a pair in both runs" />
          )}
        </>
      )}
    </section>
  );
}

/** Runs A and B (with a swap), neighbours k and how many frequent words are probed. */
function ComparePickers({ runs, pair, state, methodLabel }: { runs: RunSummary[]; pair: ComparePair; state: CompareReportState; methodLabel: (id: string) => string }) {
  const { idA, idB, setPair } = pair;
  return (
    <section className="card compare-pickers" aria-label="Runs to compare">
      <RunSelect tag="A" value={idA} runs={runs} onChange={(v) => setPair(v, idB)} methodLabel={methodLabel} />
      <button type="button" className="btn swap" onClick={() => setPair(idB, idA)} aria-label="Swap A and B" title="Swap A and B">
        ⇄
      </button>
      <RunSelect tag="B" value={idB} runs={runs} onChange={(v) => setPair(idA, v)} methodLabel={methodLabel} />
      <label className="field compare-k">
        <span>Neighbours k</span>
        <select aria-label="Neighbours k" value={state.k} onChange={(e) => state.setK(Number(e.target.value))}>
          {K_CHOICES.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="field compare-probes">
        <span>Over the top</span>
        <select aria-label="Probe words" value={state.probes} onChange={(e) => state.setProbes(Number(e.target.value))}>
          {PROBE_CHOICES.map((v) => (
            <option key={v} value={v}>
              {fmtInt(v)} words
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

/** The comparison: a hint for one run twice, the error, the wait, or the report's sections. */
function CompareBody({ same, state }: { same: boolean; state: CompareReportState }) {
  const { current, loading } = state;
  if (same) {
    return (
      <section className="card">
        <p className="muted">Choose two different runs.</p>
      </section>
    );
  }
  if (state.compareError) return <ErrorBanner message={`Could not compare the runs: ${state.compareError}`} />;
  if (!current) {
    return (
      <section className="card" data-testid="compare-loading">
        <p className="muted loading">Comparing the two runs…</p>
      </section>
    );
  }
  return (
    <div className={`compare-body ${loading ? 'answers-stale' : ''}`} data-testid="compare-body" aria-busy={loading}>
      <Summary report={current} />
      <div className="compare-grid">
        <CompareMetrics a={current.a} b={current.b} evalA={current.evalA} evalB={current.evalB} />
      </div>
      <NeighbourQuery a={current.a} b={current.b} k={current.overlapK} word={state.word} onWord={state.setWord} />
      <ChangedMost report={current} onWord={state.setWord} />
    </div>
  );
}

function RunSelect({ tag, value, runs, onChange, methodLabel }: { tag: 'A' | 'B'; value: number; runs: RunSummary[]; onChange: (id: number) => void; methodLabel: (id: string) => string }) {
  return (
    <label className="field run-select">
      <span>
        <span className={`run-tag run-tag-${tag.toLowerCase()}`}>{tag}</span> Run {tag}
      </span>
      <select aria-label={`Run ${tag}`} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={`run-${tag.toLowerCase()}`}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} — {methodLabel(r.method)}
            {r.dim != null ? `, d=${r.dim}` : ''}
            {r.corpusName ? ` · ${r.corpusName}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function Summary({ report: r }: { report: CompareReport }) {
  const p = r.procrustes;
  return (
    <div className="compare-summary">
      <section className="card summary-card" data-testid="overlap" aria-labelledby="overlap-title">
        <h3 id="overlap-title">Neighbour overlap@{r.overlapK}</h3>
        <p className="big-figure">{(100 * r.meanOverlap).toFixed(1)}%</p>
        <div className="overlap-bar" aria-hidden="true">
          <span style={{ width: `${100 * r.meanOverlap}%` }} />
        </div>
        <p className="muted small">
          Mean share of the top {r.overlapK} neighbours both runs agree on, over{' '}
          {r.probes >= r.sharedWords ? `all ${fmtInt(r.sharedWords)} words the runs share` : `the ${fmtInt(r.probes)} most frequent words the runs share`}.
        </p>
      </section>
      <section className="card summary-card" data-testid="procrustes" aria-labelledby="procrustes-title">
        <h3 id="procrustes-title">Procrustes alignment of B onto A</h3>
        {p.applicable && p.residual != null && p.residualBefore != null ? (
          <>
            <div className="residuals">
              <Residual label="Before" value={p.residualBefore} />
              <Residual label="After rotation" value={p.residual} strong />
            </div>
            <p className="muted small">
              Relative residual ‖R·B − A‖ / ‖A‖ of the unit vectors of {fmtInt(p.words)} shared words, before and after the best rotation R. 0 means B is A rotated;
              about 1.4 means unrelated directions.
            </p>
          </>
        ) : (
          <>
            <p className="big-figure muted">Not applicable</p>
            <p className="small" data-testid="procrustes-reason">
              {p.reason ? `${p.reason[0].toUpperCase()}${p.reason.slice(1)}` : 'The runs cannot be aligned'}: an orthogonal rotation maps vectors of one size onto
              the same size only.
            </p>
          </>
        )}
      </section>
    </div>
  );
}

function Residual({ label, value, strong }: { label: string; value: number; strong?: boolean }) {
  // Unit vectors: the residual of unrelated directions is about √2.
  const width = Math.min(1, value / Math.SQRT2) * 100;
  return (
    <div className={`residual ${strong ? 'residual-after' : ''}`} data-residual={strong ? 'after' : 'before'}>
      <span className="residual-label">{label}</span>
      <span className="residual-bar" aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </span>
      <span className="residual-value">{value.toFixed(3)}</span>
    </div>
  );
}
