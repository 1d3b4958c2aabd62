/** The spectrum card of a run: singular values (PPMI-SVD, LSA) or the eigenvalues of M*. */
import type { ComponentProps, ReactNode } from 'react';
import type { RunDetail } from '../../../../shared/contract.js';
import { SpectrumPlot } from './SpectrumPlot.js';
import { fmtNumber } from './runText.js';

const numbers = (v: RunDetail['series'][string] | undefined): number[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null;

const MATRIX: Record<string, string> = {
  'ppmi-svd': 'the shifted PPMI matrix',
  lsa: 'the tf-idf term–document matrix',
};

export function hasSpectrum(run: RunDetail): boolean {
  return !!(numbers(run.series.spectrum) ?? numbers(run.series.ritzValues) ?? numbers(run.series.eigenvalues));
}

/** What the plot draws and the caption that explains it. */
interface SpectrumView extends ComponentProps<typeof SpectrumPlot> {
  caption: ReactNode;
}

/** Singular values (PPMI-SVD, LSA), log scale. */
function singularView(run: RunDetail, singular: number[]): SpectrumView {
  const first = singular[0];
  const last = singular[singular.length - 1];
  return {
    values: singular,
    kept: singular.length,
    yLabel: 'singular value σᵢ',
    keptLabel: 'σᵢ',
    ariaLabel: `Singular values 1 to ${singular.length} of ${MATRIX[run.method] ?? 'the matrix'}, from ${fmtNumber(first)} down to ${fmtNumber(last)}`,
    caption: (
      <>
        The {singular.length} largest singular values of {MATRIX[run.method] ?? 'the matrix'}, log scale. σ₁ = {fmtNumber(first)}, σ
        <sub>{singular.length}</sub> = {fmtNumber(last)} (ratio {fmtNumber(first / last)}). A sharp drop marks where the strong
        directions end.
      </>
    ),
  };
}

/** The eigenvalues of M* the subspace iteration found, the kept ones marked and the negative ones counted. */
function eigenView(kept: number[], all: number[]): SpectrumView {
  const negatives = all.filter((v) => v < 0).length;
  return {
    values: all,
    kept: kept.length,
    yLabel: 'eigenvalue λᵢ',
    keptLabel: `kept (top ${kept.length})`,
    ariaLabel: `${all.length} eigenvalues of M*, ${kept.length} kept, ${negatives} negative`,
    caption: (
      <>
        Eigenvalues of M* found by the subspace iteration, largest first, on an arcsinh scale (log-like on both sides of 0). The top{' '}
        {kept.length} are kept as dimensions; {negatives} of the {all.length} computed are negative
        {negatives > 0 ? ' (red): M* is not positive semidefinite, and those directions cannot become word vectors' : ''}.
      </>
    ),
  };
}

function spectrumView(run: RunDetail): SpectrumView | null {
  const singular = numbers(run.series.spectrum);
  if (singular && singular.length) return singularView(run, singular);
  const kept = numbers(run.series.eigenvalues) ?? [];
  const all = numbers(run.series.ritzValues) ?? kept;
  return all.length === 0 ? null : eigenView(kept, all);
}

export function Spectrum({ run }: { run: RunDetail }) {
  const view = spectrumView(run);
  if (!view) return <p className="muted">This run recorded no spectrum.</p>;
  const { caption, ...plot } = view;
  return (
    <figure className="plot-figure">
      <SpectrumPlot {...plot} />
      <figcaption className="muted small">{caption}</figcaption>
    </figure>
  );
}
