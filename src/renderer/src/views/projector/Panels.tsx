/** The side panels: selection and neighbours, search, parameters and export (colour is in ColorPanel). */
import type { JobState, Projection } from '../../../../shared/contract.js';
import { fmtInt, fmtSeconds } from '../../format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import './jobProgress.css';
import { METHOD_LABEL } from './spec.js';
import { axisTitle } from './axisNames.js';
import type { WordSelection } from './useWordSelection.js';

/** A projection or clustering job: every phase (kNN rows, graph rows, epochs, iterations) with its bar, percent and ETA from one report. */
export function JobProgress({ job, label, onCancel, cancelLabel = 'Cancel' }: { job: JobState; label: string; onCancel: () => void; cancelLabel?: string }) {
  const p = job.progress;
  const since = useSecondsSinceReport(job);
  const { percent, counts, eta } = progressFigures(p, since);
  return (
    <div className="job-progress" data-testid="projection-job">
      <div className="job-progress-head">
        <span className="job-progress-title">{label}</span>
        <button type="button" className="btn btn-small btn-danger-quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
      <ProgressBar percent={percent} label={`${label}: ${p.phase}`} />
      <div className="muted small job-progress-line">
        <span data-testid="projection-phase" data-phase={p.phase}>
          {p.phase}
          {percent != null ? ` · ${counts} · ${percent}%` : ''}
          {typeof p.detail.kl === 'number' ? ` · KL ${p.detail.kl.toFixed(3)}` : ''}
        </span>
        <span>
          {fmtSeconds(p.elapsed + since)}
          {eta != null ? ` · about ${fmtSeconds(eta)} left` : ''}
        </span>
      </div>
    </div>
  );
}

export function SelectionPanel({ projection: p, selection }: { projection: Projection; selection: WordSelection }) {
  const { selected, selectedWord, k } = selection;
  return (
    <section className="card side-card" aria-labelledby="selection-title" data-testid="selection">
      <h2 id="selection-title">Selected word</h2>
      {selectedWord == null ? (
        <p className="muted small">Click a point, or search and press Enter. Its nearest neighbours in the original {p.vectorDim}-dimensional space are listed here.</p>
      ) : (
        <>
          <div className="selected-head">
            <span className="selected-word" data-testid="selected-word">{selectedWord}</span>
            {selected != null && (
              <span className="muted small">
                #{fmtInt((p.vocabIndex?.[selected] ?? selected) + 1)} · {fmtInt(p.counts[selected])}×
              </span>
            )}
            <button type="button" className="btn btn-quiet btn-small clear-btn" onClick={() => selection.setSelectedWord(null)}>
              Clear
            </button>
          </div>
          <div className="neighbors-head">
            <span className="muted small">Nearest by cosine (original space)</span>
            <label className="field inline small">
              <span>k</span>
              <select value={k} onChange={(e) => selection.setK(Number(e.target.value))} aria-label="Number of neighbours">
                {[5, 10, 20, 50].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <NeighborList selection={selection} />
        </>
      )}
    </section>
  );
}

/** The selected word's neighbours by cosine; those beyond the top N are marked as not shown. */
function NeighborList({ selection }: { selection: WordSelection }) {
  const { neighbors, neighborsError } = selection;
  if (neighborsError) return <p className="text-danger small">{neighborsError}</p>;
  if (neighbors == null) return <p className="muted small loading">Finding neighbours…</p>;
  return (
    <ol className="neighbor-list" data-testid="neighbors">
      {neighbors.map((n) => {
        const shown = selection.wordIndex.has(n.word);
        return (
          <li key={n.word} data-word={n.word}>
            <button
              type="button"
              className={`link-btn ${shown ? '' : 'not-shown'}`}
              onClick={() => selection.setSelectedWord(n.word)}
              title={shown ? 'Select this word' : 'Not among the projected words (beyond the top N)'}
            >
              {n.word}
            </button>
            <span className="cos-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, n.cosine) * 100}%` }} />
            </span>
            <span className="cos">{n.cosine.toFixed(3)}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function SearchPanel(props: { query: string; onQuery: (q: string) => void; hits: number[]; error: string | null; projection: Projection; onPick: (word: string) => void }) {
  const { hits, projection: p } = props;
  return (
    <section className="card side-card" aria-labelledby="search-title">
      <h2 id="search-title">Search</h2>
      <label className="field">
        <span className="visually-hidden">Search words</span>
        <input
          type="search"
          placeholder="word, or /regex/"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && hits.length) {
              e.preventDefault();
              const exact = hits.find((i) => p.words[i].toLowerCase() === props.query.trim().toLowerCase());
              props.onPick(p.words[exact ?? hits[0]]);
            }
          }}
          aria-describedby="search-status"
          aria-invalid={props.error ? true : undefined}
          data-testid="search"
        />
      </label>
      <p id="search-status" className={`small ${props.error ? 'text-danger' : 'muted'}`} data-testid="search-status" aria-live="polite">
        {props.error ?? (props.query.trim() ? `${fmtInt(hits.length)} match${hits.length === 1 ? '' : 'es'}${hits.length > 30 ? ' (the 30 most frequent labelled)' : ''}` : 'Substring, case-insensitive; /…/ for a regular expression. Enter selects.')}
      </p>
      {hits.length > 0 && (
        <ul className="hit-list">
          {hits.slice(0, 12).map((i) => (
            <li key={i}>
              <button type="button" className="link-btn" onClick={() => props.onPick(p.words[i])}>
                {p.words[i]}
              </button>
            </li>
          ))}
          {hits.length > 12 && <li className="muted small">+{fmtInt(hits.length - 12)} more</li>}
        </ul>
      )}
    </section>
  );
}

const PARAM_LABEL: Record<string, string> = {
  nNeighbors: 'Neighbours', minDist: 'Min distance', epochs: 'Epochs', perplexity: 'Perplexity', iterations: 'Iterations', theta: 'θ', orthogonalize: 'Orthogonalised',
};

const INFO_LABEL: Record<string, string> = {
  neighbourSpace: 'kNN space', neighbourSpaceVariance: 'kNN space keeps', neighbours: 'kNN k', epochs: 'Epochs run', init: 'Start', iterations: 'Iterations done',
  klDivergence: 'KL divergence', exaggerationIterations: 'Exaggerated iterations', cosineXY: 'cos(x, y) of the axes', totalVariance: 'Total variance',
};

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? fmtInt(v) : Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(2);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

export function ParamsPanel({ projection: p, onResume, onPng, onCsv, busy }: { projection: Projection; onResume: () => void; onPng: () => void; onCsv: () => void; busy: boolean }) {
  return (
    <section className="card side-card" aria-labelledby="params-title" data-testid="projection-params">
      <h2 id="params-title">Projection</h2>
      {p.status === 'paused' && (
        <div className="paused-box" data-testid="paused">
          <span>
            Paused at iteration {fmtInt(Number(p.info.iterations))} of {fmtInt(Number(p.info.of))}.
          </span>
          <button type="button" className="btn btn-small btn-primary" onClick={onResume} disabled={busy}>
            Resume
          </button>
        </div>
      )}
      <ParamsMetrics projection={p} />
      {p.axes && (
        <ul className="axis-list">
          {p.axes.map((a, i) => (
            <li key={i}>
              <strong>{'xyz'[i]}</strong>: <span data-testid={`axis-${'xyz'[i]}`}>{axisTitle(a)}</span>
              {a.missing.length > 0 && <span className="text-warn small"> (not in the vocabulary: {a.missing.join(', ')})</span>}
            </li>
          ))}
        </ul>
      )}
      <details className="spec-details">
        <summary>Parameters as JSON (projection.start)</summary>
        <code className="spec-json">{JSON.stringify(p.spec)}</code>
      </details>
      <div className="export-row">
        <button type="button" className="btn btn-small" onClick={onPng}>
          Save PNG
        </button>
        <button type="button" className="btn btn-small" onClick={onCsv}>
          Export CSV
        </button>
      </div>
    </section>
  );
}

/** The projection's method, run, size and seed, its parameters, what the method reports, and its time. */
function ParamsMetrics({ projection: p }: { projection: Projection }) {
  const params = Object.entries(p.spec.params ?? {}).filter(([k]) => k !== 'axes');
  const info = Object.entries(p.info).filter(([k]) => k !== 'of' && k !== 'centred');
  return (
    <dl className="metrics compact">
      <div className="metric" data-param="method">
        <dt>Method</dt>
        <dd>{METHOD_LABEL[p.spec.method]}</dd>
      </div>
      <div className="metric" data-param="run">
        <dt>Run</dt>
        <dd className="ellipsis" title={p.runName}>
          #{p.spec.runId} {p.runName}
        </dd>
      </div>
      <div className="metric" data-param="points">
        <dt>Points</dt>
        <dd>
          {fmtInt(p.points)} × {p.vectorDim} → {p.dims}D
        </dd>
      </div>
      <div className="metric" data-param="seed">
        <dt>Seed</dt>
        <dd>{p.spec.seed}</dd>
      </div>
      {params.map(([k, v]) => (
        <div className="metric" key={k} data-param={k}>
          <dt>{PARAM_LABEL[k] ?? k}</dt>
          <dd>{k === 'epochs' && v === 0 ? 'auto' : show(v)}</dd>
        </div>
      ))}
      {p.explainedVariance && (
        <div className="metric" data-param="explained">
          <dt>Explained variance</dt>
          <dd>
            {p.explainedVariance.map((v) => `${(v * 100).toFixed(1)}%`).join(' · ')}
          </dd>
        </div>
      )}
      {info.map(([k, v]) => (
        <div className="metric" key={k} data-info={k}>
          <dt>{INFO_LABEL[k] ?? k}</dt>
          <dd>{k === 'neighbourSpaceVariance' ? `${(Number(v) * 100).toFixed(1)}% of variance` : show(v)}</dd>
        </div>
      ))}
      <div className="metric">
        <dt>Time</dt>
        <dd>{fmtSeconds(p.seconds)}</dd>
      </div>
    </dl>
  );
}
