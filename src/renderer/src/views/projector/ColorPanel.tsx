/**
 * The colour panel: by frequency (a log ramp), k-means cluster, planted RAND-WALK
 * relation, a column of an uploaded metadata.tsv, or a word list; each mode with
 * its legend.
 */
import { fmtInt } from '../../format.js';
import { JobProgress } from './Panels.js';
import { LegendView } from './Legend.js';
import { MetadataBox } from './MetadataBox.js';
import type { Coloring, ColorMode } from './useColoring.js';
import './projectorMeta.css';

const MODES: [ColorMode, string][] = [
  ['frequency', 'Frequency'],
  ['cluster', 'Cluster'],
  ['planted', 'Planted'],
  ['metadata', 'Metadata'],
  ['list', 'Word list'],
];

export function ColorPanel({ coloring }: { coloring: Coloring }) {
  const { mode, legend } = coloring;
  return (
    <section className="card side-card" aria-labelledby="color-title">
      <h2 id="color-title">Colour</h2>
      <div className="color-modes" role="radiogroup" aria-label="Colour by">
        {MODES.map(([id, label]) => (
          <label key={id} className={mode === id ? 'seg-on' : ''}>
            <input type="radio" name="color-mode" value={id} checked={mode === id} onChange={() => coloring.setMode(id)} />
            {label}
          </label>
        ))}
      </div>
      {mode === 'frequency' && legend && <LegendView legend={legend} testid="frequency-legend" />}
      {mode === 'cluster' && <ClusterBox coloring={coloring} />}
      {mode === 'planted' && <PlantedBox coloring={coloring} />}
      {mode === 'metadata' && <MetadataBox coloring={coloring} />}
      {mode === 'list' && (
        <div className="list-box">
          <label className="field">
            <span>Words to colour (spaces, commas or lines)</span>
            <textarea rows={4} value={coloring.listText} onChange={(e) => coloring.setListText(e.target.value)} placeholder="paste or type words…" />
          </label>
          <p className="muted small">
            {fmtInt(coloring.listMatched)} of {fmtInt(coloring.listWords)} words are among the projected points.
          </p>
          {legend && <LegendView legend={legend} testid="list-legend" />}
        </div>
      )}
    </section>
  );
}

/** k, the k-means job, and the clusters' legend with the points in each. */
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
      <p className="muted small">k-means++ in the original space (unit vectors) of the points shown, seeded like the projection.</p>
      {c.clusterJob && <JobProgress job={c.clusterJob} label="k-means" onCancel={c.cancelCluster} />}
      {c.clusterError && <p className="text-danger small">{c.clusterError}</p>}
      {c.clustering && c.legend && <LegendView legend={c.legend} testid="cluster-legend" grid />}
    </div>
  );
}

/** The planted relations of a RAND-WALK corpus, or why there are none. */
function PlantedBox({ coloring: c }: { coloring: Coloring }) {
  const p = c.planted;
  let note: string;
  if (p.error) note = p.error;
  else if (!p.synthetic) note = `This run's corpus${p.corpusName ? ` (${p.corpusName})` : ''} is not a RAND-WALK corpus, so nothing is planted in it. Generate one in RAND-WALK with planted relations (m > 0) and train a run on it.`;
  else if (p.loading) note = 'Loading the planted relations…';
  else if (!p.relations?.length) note = 'This RAND-WALK corpus was generated with no planted relations (m = 0).';
  else note = `Both words of each planted pair (a, b), where v_b ≈ v_a + r, take their relation r's colour.`;
  return (
    <div className="cluster-box">
      <p className={`small ${p.error ? 'text-danger' : 'muted'}`} data-testid="planted-note">
        {note}
      </p>
      {c.legend && <LegendView legend={c.legend} testid="planted-legend" grid />}
    </div>
  );
}
