/**
 * The features a run learned, one row per mode k: M*'s eigenvalue λ_k, the step at
 * which the theory says the mode rises and the step it did (its energy reaching λ_k/2),
 * and the words that load most on eigenvector k (from dynamics.spectrum, same corpus
 * and vocabulary).
 */
import type { DynamicsSpectrum } from '../../../../shared/contract.js';
import type { DynamicsResult } from './dynamicsData.js';
import { fmtStep, fmtValue, modeColor } from './dynamicsData.js';
import { WordList } from './WordList.js';

interface Props {
  result: DynamicsResult;
  spectrum: DynamicsSpectrum | null;
  spectrumError: string | null;
}

/** The spectrum's eigenvalues must be the run's for its words to name the run's modes. */
function sameModes(r: DynamicsResult, s: DynamicsSpectrum): boolean {
  return r.eigenvalues.every((l, k) => s.eigenvalues[k] !== undefined && Math.abs(s.eigenvalues[k] - l) <= 1e-3 * Math.max(1, Math.abs(l)));
}

function offBy(observed: number | null, predicted: number | null): string {
  if (observed == null || predicted == null || predicted <= 0) return '—';
  const rel = observed / predicted - 1;
  return `${rel >= 0 ? '+' : '−'}${Math.abs(100 * rel).toFixed(rel !== 0 && Math.abs(rel) < 0.1 ? 1 : 0)}%`;
}

export function FeaturesTable({ result: r, spectrum, spectrumError }: Props) {
  const shown = Math.min(r.d, 10);
  const matches = spectrum ? sameModes(r, spectrum) : true;
  return (
    <section className="card dyn-features" aria-labelledby="dyn-features-title">
      <h3 id="dyn-features-title">
        Features <span className="count">{r.d}</span>
      </h3>
      <p className="muted small dyn-intro">
        Mode k is M*'s k-th eigenvector v_k. From the tiny start its energy ‖Wᵀv_k‖² follows a sigmoid to λ_k; it rises (reaches λ_k/2) after
        about ln(λ_k/σ₀²)/(2ηλ_k) steps, so larger eigenvalues are learned first, one at a time.
      </p>
      {spectrumError && (
        <p className="text-danger small" role="alert">
          Could not load the eigenvectors' words: {spectrumError}
        </p>
      )}
      {spectrum && !matches && (
        <p className="small dyn-warn" role="note">
          The spectrum computed for the words has other eigenvalues than the run's (the run used options the spectrum call does not take), so the words may name other modes.
        </p>
      )}
      <div className="table-wrap">
        <table className="table dyn-table" data-testid="features-table">
          <thead>
            <tr>
              <th className="num">k</th>
              <th className="num">λ_k</th>
              <th className="num">Predicted rise</th>
              <th className="num">Observed rise</th>
              <th className="num">Off by</th>
              <th>Top words (+)</th>
              <th>Top words (−)</th>
            </tr>
          </thead>
          <tbody>
            {r.eigenvalues.map((l, k) => {
              const mode = spectrum?.modes[k];
              const predicted = r.predictedRise[k] ?? null;
              const observed = r.observedRise[k] ?? null;
              return (
                <tr key={k} data-mode={k + 1}>
                  <td className="num">
                    <span className="dyn-mode">
                      {k < shown && <i className="dyn-dot" style={{ background: modeColor(k, shown) }} />}
                      {k + 1}
                    </span>
                  </td>
                  <td className="num" data-col="lambda">{fmtValue(l)}</td>
                  <td className="num" data-col="predicted">{predicted == null ? (l > 0 ? 'beyond the run' : 'never') : fmtStep(predicted)}</td>
                  <td className="num" data-col="observed">{observed == null ? <span className="muted">{l > 0 ? 'not within the run' : 'never'}</span> : fmtStep(observed)}</td>
                  <td className="num" data-col="off">{offBy(observed, predicted)}</td>
                  <td data-col="positive">{mode ? <WordList words={mode.positive} limit={6} /> : <span className="muted">{spectrumError ? '—' : '…'}</span>}</td>
                  <td data-col="negative">{mode ? <WordList words={mode.negative} limit={6} muted /> : <span className="muted">{spectrumError ? '—' : '…'}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
