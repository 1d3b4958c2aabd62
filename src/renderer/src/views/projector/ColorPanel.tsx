/** The colour panel: by frequency (a ramp over log counts), by k-means cluster, or by a word list. */
import { fmtInt } from '../../format.js';
import { categorical, cssColor, LIST_IN, ramp } from './colors.js';
import { JobProgress } from './Panels.js';
import type { Coloring } from './useColoring.js';

const MODES = [
  ['frequency', 'Frequency'],
  ['cluster', 'Cluster'],
  ['list', 'Word list'],
] as const;

export function ColorPanel({ coloring, counts }: { coloring: Coloring; counts: number[] }) {
  return (
    <section className="card side-card" aria-labelledby="color-title">
      <h2 id="color-title">Colour</h2>
      <div className="segmented" role="radiogroup" aria-label="Colour by">
        {MODES.map(([id, label]) => (
          <label key={id} className={coloring.mode === id ? 'seg-on' : ''}>
            <input type="radio" name="color-mode" value={id} checked={coloring.mode === id} onChange={() => coloring.setMode(id)} />
            {label}
          </label>
        ))}
      </div>
      {coloring.mode === 'frequency' && <FrequencyLegend counts={counts} />}
      {coloring.mode === 'cluster' && <ClusterBox coloring={coloring} />}
      {coloring.mode === 'list' && (
        <div className="list-box">
          <label className="field">
            <span>Words to colour (spaces, commas or lines)</span>
            <textarea rows={4} value={coloring.listText} onChange={(e) => coloring.setListText(e.target.value)} placeholder="paste or type words…" />
          </label>
          <p className="muted small">
            <span className="swatch" style={{ background: cssColor(LIST_IN) }} aria-hidden="true" /> {fmtInt(coloring.listMatched)} of {fmtInt(coloring.listWords)} words are among the projected points.
          </p>
        </div>
      )}
    </section>
  );
}

/** The frequency ramp, from the least to the most frequent projected word. */
function FrequencyLegend({ counts }: { counts: number[] }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of counts) {
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return (
    <div className="legend-ramp">
      <span className="ramp-bar" aria-hidden="true" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((t) => cssColor(ramp(t))).join(', ')})` }} />
      <span className="muted small ramp-ends">
        <span>{fmtInt(Number.isFinite(lo) ? lo : 0)}×</span>
        <span>log count</span>
        <span>{fmtInt(Number.isFinite(hi) ? hi : 0)}×</span>
      </span>
    </div>
  );
}

/** k, the k-means job, and the clusters' legend with their sizes. */
function ClusterBox({ coloring: c }: { coloring: Coloring }) {
  return (
    <div className="cluster-box">
      <div className="field-row">
        <label className="field narrow-field">
          <span>k (clusters)</span>
          <input type="number" min={2} max={100} value={Number.isFinite(c.clusterK) ? c.clusterK : ''} onChange={(e) => c.setClusterK(e.target.valueAsNumber)} />
        </label>
        <button type="button" className="btn" onClick={c.computeClusters} disabled={c.clusterBusy || !(c.clusterK >= 2 && c.clusterK <= 100)}>
          {c.clustering ? 'Recompute' : 'Compute k-means'}
        </button>
      </div>
      <p className="muted small">k-means++ in the original space (unit vectors), seeded like the projection.</p>
      {c.clusterJob && <JobProgress job={c.clusterJob} label="k-means" onCancel={c.cancelCluster} />}
      {c.clusterError && <p className="text-danger small">{c.clusterError}</p>}
      {c.clustering && (
        <ul className="cluster-legend" data-testid="cluster-legend">
          {c.clustering.sizes.map((size, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: cssColor(categorical(i)) }} aria-hidden="true" />
              {i + 1} <span className="muted">({fmtInt(size)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
