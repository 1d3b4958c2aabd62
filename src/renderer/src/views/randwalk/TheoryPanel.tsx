/**
 * A synthetic corpus's theory checks (Arora et al.'s predictions on data their
 * model generated): the frequency law, PMI against ⟨v,v′⟩/d, and the
 * concentration of the partition function Z_c, each a plot with its figures.
 */
import { useMemo, type ReactNode } from 'react';
import type { RandWalkInfo } from '../../../../shared/contract.js';
import { Stat } from '../../components/Stat.js';
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
        <FrequencyCheck f={t.frequency} />
        <PmiCheck pmi={t.pmi} />
        <PartitionCheck z={t.partition} />
      </div>
    </>
  );
}

type Theory = RandWalkInfo['theory'];

interface FigSpec {
  id: string;
  label: string;
  value: string;
  title?: string;
}

/** One theory check: the law it tests, a plot of the data against it, and the figures that sum it up. */
function CheckCard({ name, testId, title, law, figs, children }: { name: string; testId: string; title: ReactNode; law: ReactNode; figs: FigSpec[]; children: ReactNode }) {
  return (
    <section className="card rw-plot-card" aria-labelledby={`rw-${name}-title`} data-testid={testId}>
      <h3 id={`rw-${name}-title`}>{title}</h3>
      <p className="muted small rw-law">{law}</p>
      {children}
      <dl className="rw-figs">
        {figs.map((fig) => (
          <Fig key={fig.id} {...fig} />
        ))}
      </dl>
    </section>
  );
}

function FrequencyCheck({ f }: { f: Theory['frequency'] }) {
  const predicted = useMemo(() => ({ offset: -f.logZ, label: 'theory: slope 1, intercept −log Z' }), [f.logZ]);
  const figs: FigSpec[] = [
    { id: 'freq-r2', label: 'R²', value: fix(f.r2, 3) },
    { id: 'freq-slope', label: 'Slope', value: fix(f.slope, 3) },
    { id: 'freq-intercept', label: 'Intercept', value: fix(f.intercept, 2) },
    { id: 'freq-logz', label: '−log Z', value: fix(-f.logZ, 2), title: 'log of the mean of Z_c over sampled discourse vectors, negated' },
    { id: 'freq-words', label: 'Words', value: fmtInt(f.count) },
  ];
  return (
    <CheckCard name="freq" testId="theory-frequency" title="Frequency law" law={<>log p(w) ≈ ‖v<sub>w</sub>‖²/2d − log Z: slope near 1, intercept near −log Z.</>} figs={figs}>
      <ScatterFit
        points={f.points} line={f.line} predicted={predicted} xLabel="‖v‖² / 2d" yLabel="log p(w)" pointLabel="words" testId="plot-frequency"
        ariaLabel={`Scatter of log frequency against squared norm over 2d for ${fmtInt(f.count)} words, R² ${fix(f.r2, 3)}`}
      />
    </CheckCard>
  );
}

const PREDICTED_PMI = { offset: 0, label: 'theory: PMI = ⟨v,v′⟩/d' };

function PmiCheck({ pmi }: { pmi: Theory['pmi'] }) {
  const { topWords, topPairs } = pmi;
  const figs: FigSpec[] = [
    {
      id: 'pmi-r-words',
      label: `r, top ${fmtInt(topWords.words)} words`,
      value: fix(topWords.correlation, 3),
      title: `Pearson r over the ${fmtInt(topWords.count)} co-occurring pairs among the ${fmtInt(topWords.words)} most frequent words`,
    },
    {
      id: 'pmi-r-pairs',
      label: `r, top ${fmtInt(topPairs.pairs)} pairs`,
      value: fix(topPairs.correlation, 3),
      title: `Pearson r over the ${fmtInt(topPairs.pairs)} most co-occurring pairs (selecting by count truncates the PMI range, so r is lower)`,
    },
    { id: 'pmi-slope', label: 'Slope', value: fix(topWords.slope, 3) },
    { id: 'pmi-pairs', label: 'Pairs', value: fmtInt(topWords.count) },
  ];
  const law = (
    <>
      PMI(w, w′) ≈ ⟨v<sub>w</sub>, v<sub>w′</sub>⟩/d, counted within a window of {pmi.window}. Points: pairs among the {fmtInt(topWords.words)} most
      frequent words.
    </>
  );
  return (
    <CheckCard name="pmi" testId="theory-pmi" title="PMI against ⟨v, v′⟩/d" law={law} figs={figs}>
      <ScatterFit
        points={pmi.points} line={pmi.line} predicted={PREDICTED_PMI} xLabel="⟨v, v′⟩ / d" yLabel="PMI" pointLabel="pairs" testId="plot-pmi"
        ariaLabel={`Scatter of PMI against inner product over d, correlation ${fix(topWords.correlation, 3)}`}
      />
    </CheckCard>
  );
}

function PartitionCheck({ z }: { z: Theory['partition'] }) {
  const figs: FigSpec[] = [
    { id: 'z-cv', label: 'std / mean', value: fix(z.cv, 3) },
    { id: 'z-mean', label: 'Mean', value: rateText(z.mean) },
    { id: 'z-range', label: 'Range', value: `${rateText(z.min)} – ${rateText(z.max)}` },
    { id: 'z-samples', label: 'Samples', value: fmtInt(z.samples) },
  ];
  const title = (
    <span>
      Partition function Z<sub>c</sub>
    </span>
  );
  const law = (
    <>
      Z<sub>c</sub> = Σ<sub>w</sub> exp⟨c, v<sub>w</sub>⟩ over {fmtInt(z.samples)} random discourse vectors c; the theory needs it to concentrate near its mean.
    </>
  );
  return (
    <CheckCard name="z" testId="theory-partition" title={title} law={law} figs={figs}>
      <Histogram bins={z.bins} xLabel="Z(c)" ariaLabel={`Histogram of Z_c over ${fmtInt(z.samples)} discourse vectors, std/mean ${fix(z.cv, 3)}`} testId="plot-partition" />
    </CheckCard>
  );
}
