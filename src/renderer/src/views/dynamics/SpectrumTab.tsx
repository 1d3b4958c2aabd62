/**
 * The Spectrum tab: M*'s top eigenvalues for the corpus and vocabulary, and the words
 * at both ends of each eigenvector, with no training. These are the features a
 * dynamics run learns, in this order.
 */
import { useState, type FormEvent } from 'react';
import type { DynamicsSpectrum } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { SpectrumPlot } from '../runs/SpectrumPlot.js';
import { fmtValue } from './dynamicsData.js';
import { useSpectrum, type SpectrumArgs } from './useDynamics.js';
import { WordList } from './WordList.js';

interface Props {
  corpusId: number;
  /** The run form's vocabulary, dimension, min count and window: the spectrum a run with them learns. */
  vocab: number;
  dim: number;
  minCount?: number;
  window?: number;
}

const int = (text: string, fallback: number): number => (/^\d+$/.test(text.trim()) ? Number(text) : fallback);

export function SpectrumTab({ corpusId, vocab, dim, minCount, window }: Props) {
  const [fields, setFields] = useState({ vocab: String(vocab), modes: String(Math.max(20, dim)), words: '8' });
  const [args, setArgs] = useState<SpectrumArgs>(() => ({ corpusId, vocab, modes: Math.max(20, dim), words: 8, minCount, window }));
  const current = args.corpusId === corpusId ? args : { ...args, corpusId };
  const { spectrum, error, loading } = useSpectrum(current);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setArgs({ corpusId, vocab: int(fields.vocab, vocab), modes: int(fields.modes, 20), words: int(fields.words, 8), minCount, window });
  };
  const field = (key: keyof typeof fields, label: string, min: number, max: number) => (
    <label className="field dyn-spec-field">
      <span>{label}</span>
      <input type="number" min={min} max={max} step={1} value={fields[key]} onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );

  return (
    <section className="card dyn-spectrum" aria-labelledby="dyn-spectrum-title" data-testid="dyn-spectrum">
      <h2 id="dyn-spectrum-title">Spectrum of M*</h2>
      <p className="muted small dyn-intro">
        The eigenvectors of M* (the target the quartic loss fits, ≈ the PMI matrix) are the features; a run of dimension d learns the top d, largest eigenvalue
        first. Computed from the corpus's co-occurrences alone, with no training.
      </p>
      <form className="dyn-spec-form" onSubmit={submit} aria-label="Spectrum options">
        {field('vocab', 'Vocabulary', 10, 20000)}
        {field('modes', 'Eigenvalues', 1, 200)}
        {field('words', 'Words per end', 1, 50)}
        <button type="submit" className="btn" disabled={loading}>
          {loading ? 'Computing…' : 'Compute'}
        </button>
        <span className="muted small">Min count {minCount ?? 'default'}, window {window ?? 'default'}, from the run options.</span>
      </form>
      {error && (
        <p className="text-danger" role="alert">
          Could not compute the spectrum: {error}
        </p>
      )}
      {loading && !spectrum && <p className="muted loading">Counting co-occurrences and finding the eigenvectors…</p>}
      {spectrum && <SpectrumBody spectrum={spectrum} dim={dim} />}
    </section>
  );
}

function SpectrumBody({ spectrum: s, dim }: { spectrum: DynamicsSpectrum; dim: number }) {
  const top = Math.max(0, ...s.eigenvalues);
  const stiffest = Math.max(Math.abs(s.extremeEigenvalue), top);
  return (
    <>
      <dl className="stats dyn-stats">
        <div className="stat" data-stat="vocab">
          <dt>Vocabulary</dt>
          <dd>{fmtInt(s.vocab)}</dd>
        </div>
        <div className="stat" data-stat="top">
          <dt>Largest eigenvalue λ₁</dt>
          <dd>{fmtValue(top)}</dd>
        </div>
        <div className="stat" data-stat="extreme">
          <dt>Most extreme eigenvalue</dt>
          <dd data-testid="extreme-eigenvalue">{fmtValue(s.extremeEigenvalue)}</dd>
        </div>
        <div className="stat" data-stat="lr">
          <dt>Auto learning rate 0.5/max|λ|</dt>
          <dd>{fmtValue(0.5 / stiffest)}</dd>
        </div>
      </dl>
      <p className="dyn-note" role="note" data-testid="negative-note">
        Only positive eigenvalues are listed: <strong>modes with negative eigenvalues are never learned</strong> — from a tiny start their energy only shrinks. The most
        extreme eigenvalue, {fmtValue(s.extremeEigenvalue)}, is {s.extremeEigenvalue < 0 ? 'negative: it is the stiffest direction and bounds the stable learning rate' : 'the largest'}.
      </p>
      <figure className="plot-figure">
        <SpectrumPlot
          values={s.eigenvalues} kept={Math.min(dim, s.eigenvalues.length)} yLabel="eigenvalue λ_k" keptLabel={`learned by a run with d = ${dim}`}
          ariaLabel="M*'s top eigenvalues against their index"
        />
      </figure>
      <div className="table-wrap">
        <table className="table dyn-table" data-testid="spectrum-table">
          <thead>
            <tr>
              <th className="num">k</th>
              <th className="num">λ_k</th>
              <th>Largest positive loadings</th>
              <th>Most negative loadings</th>
            </tr>
          </thead>
          <tbody>
            {s.modes.map((m) => (
              <tr key={m.mode} data-mode={m.mode + 1} className={m.mode < dim ? undefined : 'dyn-beyond'}>
                <td className="num">{m.mode + 1}</td>
                <td className="num" data-col="lambda">{fmtValue(m.value)}</td>
                <td><WordList words={m.positive} /></td>
                <td><WordList words={m.negative} muted /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
