/** The side panels: selection and neighbours, search, colour, parameters and export. */
import type { Clustering, JobState, NeighborItem, Projection } from '../../../../shared/contract.js';
import { fmtInt, fmtSeconds } from '../../format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { categorical, cssColor, LIST_IN, ramp, type ColorMode } from './colors.js';
import { METHOD_LABEL } from './spec.js';

export function JobProgress({ job, label, onCancel, cancelLabel = 'Cancel' }: { job: JobState; label: string; onCancel: () => void; cancelLabel?: string }) {
  const p = job.progress;
  const fraction = p.total > 0 ? p.done / p.total : null;
  return (
    <div className="job-progress" data-testid="projection-job">
      <div className="job-progress-head">
        <span className="job-progress-title">{label}</span>
        <button type="button" className="btn btn-small btn-danger-quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
      <ProgressBar fraction={fraction} label={`${label}: ${p.phase}`} />
      <div className="muted small job-progress-line">
        <span>
          {p.phase}
          {p.total > 0 ? ` · ${fmtInt(p.done)} / ${fmtInt(p.total)} ${p.unit}` : ''}
          {typeof p.detail.kl === 'number' ? ` · KL ${p.detail.kl.toFixed(3)}` : ''}
        </span>
        <span>
          {fmtSeconds(p.elapsed)}
          {p.eta != null ? ` · about ${fmtSeconds(p.eta)} left` : ''}
        </span>
      </div>
    </div>
  );
}

export function SelectionPanel(props: {
  projection: Projection;
  selected: number | null;
  selectedWord: string | null;
  neighbors: NeighborItem[] | null;
  neighborsError: string | null;
  k: number;
  onK: (k: number) => void;
  wordIndex: Map<string, number>;
  onSelectWord: (word: string | null) => void;
}) {
  const { projection: p, selected, selectedWord, neighbors, k } = props;
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
                #{fmtInt(selected + 1)} · {fmtInt(p.counts[selected])}×
              </span>
            )}
            <button type="button" className="btn btn-quiet btn-small clear-btn" onClick={() => props.onSelectWord(null)}>
              Clear
            </button>
          </div>
          <div className="neighbors-head">
            <span className="muted small">Nearest by cosine (original space)</span>
            <label className="field inline small">
              <span>k</span>
              <select value={k} onChange={(e) => props.onK(Number(e.target.value))} aria-label="Number of neighbours">
                {[5, 10, 20, 50].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {props.neighborsError ? (
            <p className="text-danger small">{props.neighborsError}</p>
          ) : neighbors == null ? (
            <p className="muted small loading">Finding neighbours…</p>
          ) : (
            <ol className="neighbor-list" data-testid="neighbors">
              {neighbors.map((n) => {
                const shown = props.wordIndex.has(n.word);
                return (
                  <li key={n.word} data-word={n.word}>
                    <button
                      type="button"
                      className={`link-btn ${shown ? '' : 'not-shown'}`}
                      onClick={() => props.onSelectWord(n.word)}
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
          )}
        </>
      )}
    </section>
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

export function ColorPanel(props: {
  mode: ColorMode;
  onMode: (m: ColorMode) => void;
  k: number;
  onK: (k: number) => void;
  onCluster: () => void;
  clustering: Clustering | null;
  clusterJob: JobState | null;
  clusterBusy: boolean;
  clusterError: string | null;
  onCancelCluster: () => void;
  listText: string;
  onListText: (t: string) => void;
  listMatched: number;
  listWords: number;
  counts: number[];
}) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of props.counts) {
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return (
    <section className="card side-card" aria-labelledby="color-title">
      <h2 id="color-title">Colour</h2>
      <div className="segmented" role="radiogroup" aria-label="Colour by">
        {(
          [
            ['frequency', 'Frequency'],
            ['cluster', 'Cluster'],
            ['list', 'Word list'],
          ] as const
        ).map(([id, label]) => (
          <label key={id} className={props.mode === id ? 'seg-on' : ''}>
            <input type="radio" name="color-mode" value={id} checked={props.mode === id} onChange={() => props.onMode(id)} />
            {label}
          </label>
        ))}
      </div>
      {props.mode === 'frequency' && (
        <div className="legend-ramp">
          <span className="ramp-bar" aria-hidden="true" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => cssColor(ramp(t))).join(', ')})` }} />
          <span className="muted small ramp-ends">
            <span>{fmtInt(Number.isFinite(lo) ? lo : 0)}×</span>
            <span>log count</span>
            <span>{fmtInt(Number.isFinite(hi) ? hi : 0)}×</span>
          </span>
        </div>
      )}
      {props.mode === 'cluster' && (
        <div className="cluster-box">
          <div className="field-row">
            <label className="field narrow-field">
              <span>k (clusters)</span>
              <input type="number" min={2} max={100} value={Number.isFinite(props.k) ? props.k : ''} onChange={(e) => props.onK(e.target.valueAsNumber)} />
            </label>
            <button type="button" className="btn" onClick={props.onCluster} disabled={props.clusterBusy || !(props.k >= 2 && props.k <= 100)}>
              {props.clustering ? 'Recompute' : 'Compute k-means'}
            </button>
          </div>
          <p className="muted small">k-means++ in the original space (unit vectors), seeded like the projection.</p>
          {props.clusterJob && <JobProgress job={props.clusterJob} label="k-means" onCancel={props.onCancelCluster} />}
          {props.clusterError && <p className="text-danger small">{props.clusterError}</p>}
          {props.clustering && (
            <ul className="cluster-legend" data-testid="cluster-legend">
              {props.clustering.sizes.map((size, c) => (
                <li key={c}>
                  <span className="swatch" style={{ background: cssColor(categorical(c)) }} aria-hidden="true" />
                  {c + 1} <span className="muted">({fmtInt(size)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {props.mode === 'list' && (
        <div className="list-box">
          <label className="field">
            <span>Words to colour (spaces, commas or lines)</span>
            <textarea rows={4} value={props.listText} onChange={(e) => props.onListText(e.target.value)} placeholder="paste or type words…" />
          </label>
          <p className="muted small">
            <span className="swatch" style={{ background: cssColor(LIST_IN) }} aria-hidden="true" /> {fmtInt(props.listMatched)} of {fmtInt(props.listWords)} words are among the projected points.
          </p>
        </div>
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
  const params = Object.entries(p.spec.params ?? {}).filter(([k]) => k !== 'axes');
  const info = Object.entries(p.info).filter(([k]) => k !== 'of' && k !== 'centred');
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
      {p.axes && (
        <ul className="axis-list">
          {p.axes.map((a, i) => (
            <li key={i}>
              <strong>{'xyz'[i]}</strong> = {a.label}
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
