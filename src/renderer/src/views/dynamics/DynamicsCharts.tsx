/**
 * A finished dynamics run's four charts (Karkada et al.'s figures 1 and 2): the excess
 * loss with the theory's rise steps marked, the energy along each top mode (or W's
 * squared singular values) with the theory's sigmoids dashed in the same colour, the
 * effective rank and the overlap with M*'s top-d eigenspace.
 */
import { useMemo, useState } from 'react';
import type { DynamicsResult } from './dynamicsData.js';
import { modeColor } from './dynamicsData.js';
import { StepChart, type StepLine, type StepMarker } from './StepChart.js';

/** Modes drawn in the energy chart (the table lists them all). */
const MAX_MODES = 10;
const ACCENT = '#5aa9e6';
const OVERLAP_RANGE: [number, number] = [0, 1];

type EnergyKind = 'energy' | 'singular';

export function DynamicsCharts({ result: r }: { result: DynamicsResult }) {
  const [logX, setLogX] = useState(true);
  const [kind, setKind] = useState<EnergyKind>('energy');
  const shown = Math.min(r.d, MAX_MODES);

  const markers = useMemo<StepMarker[]>(
    () => r.predictedRise.flatMap((s, k) => (s == null || k >= shown ? [] : [{ x: s, color: modeColor(k, shown), label: String(k + 1) }])),
    [r, shown],
  );
  const lossLines = useMemo<StepLine[]>(() => [{ label: 'excess loss', values: r.excessLoss.y, color: ACCENT }], [r]);
  const rankLines = useMemo<StepLine[]>(() => [{ label: 'effective rank', values: r.effectiveRank.y, color: ACCENT }], [r]);
  const overlapLines = useMemo<StepLine[]>(() => [{ label: 'overlap', values: r.overlap.y, color: ACCENT }], [r]);
  const energyLines = useMemo<StepLine[]>(() => {
    const measured = kind === 'energy' ? r.modeEnergy : r.singularValuesSquared;
    const name = kind === 'energy' ? 'mode' : 'σ²';
    const out: StepLine[] = [];
    for (let k = 0; k < shown; k++) {
      const color = modeColor(k, shown);
      if (measured[k]) out.push({ label: `${name} ${k + 1}`, values: measured[k], color });
      if (r.theoryEnergy[k]) out.push({ label: `theory ${k + 1}`, values: r.theoryEnergy[k], color, dashed: true });
    }
    return out;
  }, [r, kind, shown]);

  const xLabel = logX ? 'step (log)' : 'step';
  return (
    <section className="card dyn-charts" aria-labelledby="dyn-charts-title" data-testid="dyn-charts">
      <div className="dyn-card-head">
        <h3 id="dyn-charts-title">Learning curves</h3>
        <label className="check dyn-toggle">
          <input type="checkbox" checked={logX} onChange={(e) => setLogX(e.target.checked)} />
          Log step axis
        </label>
      </div>
      <div className="dyn-chart-grid">
        <figure className="dyn-figure" data-chart="excess-loss">
          <figcaption className="dyn-fig-title">Excess loss</figcaption>
          <StepChart
            x={r.excessLoss.x} lines={lossLines} xLabel={xLabel} yLabel="loss − rank-d floor" logY logX={logX} markers={markers}
            legend={false} ariaLabel="Excess loss against steps, log scale, with the theory's rise step of each mode marked" testId="chart-excess-loss"
          />
          <p className="muted small">Dashed verticals: the step at which the theory says mode k rises. Each rise is a drop in the loss.</p>
        </figure>

        <figure className="dyn-figure" data-chart="mode-energy">
          <figcaption className="dyn-fig-title">
            <span>{kind === 'energy' ? 'Energy along each eigenvector of M*' : 'Squared singular values of W'}</span>
            <span className="dyn-seg" role="group" aria-label="What to draw">
              <button type="button" className={`btn btn-small ${kind === 'energy' ? 'dyn-seg-on' : 'btn-quiet'}`} aria-pressed={kind === 'energy'} onClick={() => setKind('energy')}>
                Mode energy
              </button>
              <button type="button" className={`btn btn-small ${kind === 'singular' ? 'dyn-seg-on' : 'btn-quiet'}`} aria-pressed={kind === 'singular'} onClick={() => setKind('singular')}>
                Singular values²
              </button>
            </span>
          </figcaption>
          <StepChart
            x={r.steps} lines={energyLines} xLabel={xLabel} yLabel={kind === 'energy' ? '‖Wᵀv_k‖²' : 'σ_k²'} logY logX={logX} legend={false}
            ariaLabel={`${kind === 'energy' ? 'Energy along each top mode' : 'Squared singular values of W'} against steps, log scale, with the theory's curves dashed`}
            testId="chart-mode-energy"
          />
          <ModeKey count={shown} total={r.d} />
          <NeverLearned eigenvalues={r.eigenvalues} d={r.d} />
        </figure>

        <figure className="dyn-figure" data-chart="effective-rank">
          <figcaption className="dyn-fig-title">Effective rank of W</figcaption>
          <StepChart x={r.effectiveRank.x} lines={rankLines} xLabel={xLabel} yLabel="effective rank" logX={logX} legend={false} ariaLabel="Effective rank of W against steps" testId="chart-effective-rank" />
          <p className="muted small">exp of the entropy of W's normalised singular values (Roy & Vetterli): it climbs about one per learned mode.</p>
        </figure>

        <figure className="dyn-figure" data-chart="overlap">
          <figcaption className="dyn-fig-title">Overlap with M*'s top-{r.d} eigenspace</figcaption>
          <StepChart x={r.overlap.x} lines={overlapLines} xLabel={xLabel} yLabel="overlap" logX={logX} yRange={OVERLAP_RANGE} legend={false} ariaLabel="Subspace overlap against steps" testId="chart-overlap" />
          <p className="muted small">1 when W's column space is spanned by the top-{r.d} eigenvectors.</p>
        </figure>
      </div>
    </section>
  );
}

/** Said on the chart itself: the theory's modes with λ ≤ 0 never rise. */
function NeverLearned({ eigenvalues, d }: { eigenvalues: number[]; d: number }) {
  const negative = eigenvalues.slice(0, d).filter((l) => l <= 0).length;
  return (
    <p className="muted small" data-testid="never-learned">
      Only modes with λ &gt; 0 rise: <strong>a mode with λ ≤ 0 is never learned</strong> (from a tiny start its energy only shrinks)
      {negative > 0 ? `. Here ${negative} of the top ${d} eigenvalues are ≤ 0, so W learns at most ${d - negative} directions.` : '; every one of the top d here is positive.'}
    </p>
  );
}

function ModeKey({ count, total }: { count: number; total: number }) {
  return (
    <p className="dyn-key">
      {Array.from({ length: count }, (_v, k) => (
        <span key={k}>
          <i className="dyn-key-line" style={{ borderColor: modeColor(k, count) }} />
          {k + 1}
        </span>
      ))}
      <span className="muted">
        <i className="dyn-key-dash" /> theory
      </span>
      {total > count && <span className="muted">top {count} of {total} modes</span>}
    </p>
  );
}

export interface LiveSample {
  step: number;
  excessLoss: number;
  effectiveRank: number;
  overlap: number;
  learned: number;
}

/** The excess loss and effective rank from the job's progress events, while it runs. */
export function LiveCharts({ samples }: { samples: LiveSample[] }) {
  const x = useMemo(() => samples.map((s) => s.step), [samples]);
  const loss = useMemo<StepLine[]>(() => [{ label: 'excess loss', values: samples.map((s) => s.excessLoss), color: ACCENT }], [samples]);
  const rank = useMemo<StepLine[]>(() => [{ label: 'effective rank', values: samples.map((s) => s.effectiveRank), color: ACCENT }], [samples]);
  return (
    <div className="dyn-chart-grid dyn-live" data-testid="dyn-live">
      <figure className="dyn-figure">
        <figcaption className="dyn-fig-title">Excess loss (live)</figcaption>
        <StepChart x={x} lines={loss} xLabel="step" yLabel="loss − rank-d floor" logY legend={false} height={200} ariaLabel="Excess loss so far" testId="live-excess-loss" />
      </figure>
      <figure className="dyn-figure">
        <figcaption className="dyn-fig-title">Effective rank (live)</figcaption>
        <StepChart x={x} lines={rank} xLabel="step" yLabel="effective rank" legend={false} height={200} ariaLabel="Effective rank so far" testId="live-effective-rank" />
      </figure>
    </div>
  );
}
