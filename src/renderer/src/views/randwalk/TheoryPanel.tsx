/**
 * A synthetic corpus's theory checks (Arora et al.'s predictions on data their
 * model generated): the frequency law, PMI against ⟨v,v′⟩/d, and the
 * concentration of the partition function Z_c, each a plot with its figures.
 */
import { useMemo } from 'react';
import type { RandWalkInfo } from '../../../../shared/contract.js';
import { fmtInt, fmtSeconds } from '../../format.js';
import { fix, rateText } from './numbers.js';
import { Histogram, ScatterFit } from './plots.js';

function Fig({ id, label, value, title }: { id: string; label: string; value: string; title?: string }) {
  return (
    <div className="rw-fig" data-figure={id} title={title}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function TheoryPanel({ info }: { info: RandWalkInfo }) {
  const { theory: t, params: p, stats } = info;
  const f = t.frequency;
  const pmi = t.pmi;
  const z = t.partition;
  const predictedFreq = useMemo(() => ({ offset: -f.logZ, label: 'theory: slope 1, intercept −log Z' }), [f.logZ]);
  const predictedPmi = useMemo(() => ({ offset: 0, label: 'theory: PMI = ⟨v,v′⟩/d' }), []);

  return (
    <>
      <dl className="stats rw-stats">
        <Stat id="vocab" label="Vocabulary n" text={fmtInt(p.vocab)} />
        <Stat id="dim" label="Dimension d" text={fmtInt(p.dim)} />
        <Stat id="tokens" label="Tokens T" text={fmtInt(p.tokens)} />
        <Stat id="planted" label="Planted" text={p.planted ? `${fmtInt(p.planted)} × ${fmtInt(p.plantedPairs)} pairs` : 'none'} />
        <Stat id="speed" label="Generated in" text={`${fmtSeconds(stats.seconds)}`} />
        <Stat id="rate" label="Tokens per second" text={rateText(stats.tokensPerSecond)} />
      </dl>
      <p className="muted small rw-params">
        Norms: {p.norms === 'uniform' ? `‖v‖²/d from ${p.normMin} to ${p.normMax} (uniform in norm)` : `Zipf-like, exponent ${p.zipfExponent}, ‖v‖²/d from ${p.normMin}`} · drift δ = {p.drift} ·{' '}
        {fmtInt(p.tokensPerStep)} token{p.tokensPerStep === 1 ? '' : 's'} per step · seed {p.seed} · {fmtInt(stats.documents)} document{stats.documents === 1 ? '' : 's'} on {fmtInt(stats.threads)} thread
        {stats.threads === 1 ? '' : 's'} · {fmtInt(t.words)} of the {fmtInt(p.vocab)} words occurred
      </p>

      <div className="rw-plots">
        <section className="card rw-plot-card" aria-labelledby="rw-freq-title" data-testid="theory-frequency">
          <h3 id="rw-freq-title">Frequency law</h3>
          <p className="muted small rw-law">
            log p(w) ≈ ‖v<sub>w</sub>‖²/2d − log Z: slope near 1, intercept near −log Z.
          </p>
          <ScatterFit
            points={f.points}
            line={f.line}
            predicted={predictedFreq}
            xLabel="‖v‖² / 2d"
            yLabel="log p(w)"
            pointLabel="words"
            ariaLabel={`Scatter of log frequency against squared norm over 2d for ${fmtInt(f.count)} words, R² ${fix(f.r2, 3)}`}
            testId="plot-frequency"
          />
          <dl className="rw-figs">
            <Fig id="freq-r2" label="R²" value={fix(f.r2, 3)} />
            <Fig id="freq-slope" label="Slope" value={fix(f.slope, 3)} />
            <Fig id="freq-intercept" label="Intercept" value={fix(f.intercept, 2)} />
            <Fig id="freq-logz" label="−log Z" value={fix(-f.logZ, 2)} title="log of the mean of Z_c over sampled discourse vectors, negated" />
            <Fig id="freq-words" label="Words" value={fmtInt(f.count)} />
          </dl>
        </section>

        <section className="card rw-plot-card" aria-labelledby="rw-pmi-title" data-testid="theory-pmi">
          <h3 id="rw-pmi-title">PMI against ⟨v, v′⟩/d</h3>
          <p className="muted small rw-law">
            PMI(w, w′) ≈ ⟨v<sub>w</sub>, v<sub>w′</sub>⟩/d, counted within a window of {pmi.window}. Points: pairs among the {fmtInt(pmi.topWords.words)} most
            frequent words.
          </p>
          <ScatterFit
            points={pmi.points}
            line={pmi.line}
            predicted={predictedPmi}
            xLabel="⟨v, v′⟩ / d"
            yLabel="PMI"
            pointLabel="pairs"
            ariaLabel={`Scatter of PMI against inner product over d, correlation ${fix(pmi.topWords.correlation, 3)}`}
            testId="plot-pmi"
          />
          <dl className="rw-figs">
            <Fig
              id="pmi-r-words"
              label={`r, top ${fmtInt(pmi.topWords.words)} words`}
              value={fix(pmi.topWords.correlation, 3)}
              title={`Pearson r over the ${fmtInt(pmi.topWords.count)} co-occurring pairs among the ${fmtInt(pmi.topWords.words)} most frequent words`}
            />
            <Fig
              id="pmi-r-pairs"
              label={`r, top ${fmtInt(pmi.topPairs.pairs)} pairs`}
              value={fix(pmi.topPairs.correlation, 3)}
              title={`Pearson r over the ${fmtInt(pmi.topPairs.pairs)} most co-occurring pairs (selecting by count truncates the PMI range, so r is lower)`}
            />
            <Fig id="pmi-slope" label="Slope" value={fix(pmi.topWords.slope, 3)} />
            <Fig id="pmi-pairs" label="Pairs" value={fmtInt(pmi.topWords.count)} />
          </dl>
        </section>

        <section className="card rw-plot-card" aria-labelledby="rw-z-title" data-testid="theory-partition">
          <h3 id="rw-z-title">
            <span>
              Partition function Z<sub>c</sub>
            </span>
          </h3>
          <p className="muted small rw-law">
            Z<sub>c</sub> = Σ<sub>w</sub> exp⟨c, v<sub>w</sub>⟩ over {fmtInt(z.samples)} random discourse vectors c; the theory needs it to concentrate near its mean.
          </p>
          <Histogram bins={z.bins} xLabel="Z(c)" ariaLabel={`Histogram of Z_c over ${fmtInt(z.samples)} discourse vectors, std/mean ${fix(z.cv, 3)}`} testId="plot-partition" />
          <dl className="rw-figs">
            <Fig id="z-cv" label="std / mean" value={fix(z.cv, 3)} />
            <Fig id="z-mean" label="Mean" value={rateText(z.mean)} />
            <Fig id="z-range" label="Range" value={`${rateText(z.min)} – ${rateText(z.max)}`} />
            <Fig id="z-samples" label="Samples" value={fmtInt(z.samples)} />
          </dl>
        </section>
      </div>
    </>
  );
}

function Stat({ id, label, text }: { id: string; label: string; text: string }) {
  return (
    <div className="stat" data-stat={id}>
      <dt>{label}</dt>
      <dd>{text}</dd>
    </div>
  );
}
