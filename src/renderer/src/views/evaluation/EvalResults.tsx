/** A run's stored evaluation: analogy accuracies, the per-section chart and word similarity. */
import { useId, useMemo, useState } from 'react';
import type { AnalogySummary, EvalReport } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { BarChart, Legend, type BarRow, type BarSeries } from './BarChart.js';
import { METHODS, analogyIds, anySummary, fmtPct, fmtRho, rhoOf, sectionRows, setLabel, similarityIds, summaryOf, type Method } from './evalText.js';

export const METHOD_COLORS: Record<Method, string> = { add: '#5aa9e6', mul: '#a78bfa' };

export function EvalResults({ report }: { report: EvalReport }) {
  const sets = analogyIds(report);
  const sims = similarityIds(report);
  return (
    <div className="eval-results" data-testid="eval-results">
      {sets.length > 0 && <AnalogyTable report={report} sets={sets} />}
      <div className={`eval-grid ${sims.length && sets.length ? '' : 'eval-grid-single'}`}>
        {sets.length > 0 && <SectionChart report={report} sets={sets} />}
        {sims.length > 0 && <SimilarityTable report={report} sets={sims} />}
      </div>
    </div>
  );
}

function Accuracy({ s }: { s: AnalogySummary | null }) {
  if (!s) return <span className="muted">not run</span>;
  if (s.total === 0) return <span className="muted" title="Every question had a word outside the restricted vocabulary">no questions</span>;
  return (
    <>
      <span className="acc">{fmtPct(s.accuracy)}</span>
      <span className="muted small acc-count">
        {fmtInt(s.correct)} / {fmtInt(s.total)}
      </span>
    </>
  );
}

function AnalogyTable({ report, sets }: { report: EvalReport; sets: string[] }) {
  const restricts = new Set(sets.map((id) => anySummary(report, id)?.restrict).filter((r): r is number => r != null));
  return (
    <section aria-labelledby="eval-analogy-title" className="eval-block">
      <h4 id="eval-analogy-title">Analogies</h4>
      <div className="table-wrap">
        <table className="table eval-table" data-testid="analogy-table">
          <thead>
            <tr>
              <th scope="col">Set</th>
              {METHODS.map((m) => (
                <th key={m.id} scope="col" className="num">
                  {m.label}
                </th>
              ))}
              <th scope="col" className="num">Questions</th>
              <th scope="col" className="num">Out of vocabulary</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((id) => {
              const any = anySummary(report, id);
              return (
                <tr key={id} data-set={id}>
                  <th scope="row" className="set-name">
                    {setLabel(id)}
                  </th>
                  {METHODS.map((m) => (
                    <td key={m.id} className="num" data-method={m.id}>
                      <Accuracy s={summaryOf(report, id, m.id)} />
                    </td>
                  ))}
                  <td className="num">{any ? fmtInt(any.questions) : '—'}</td>
                  <td className="num" data-oov={any?.oov}>
                    {any ? (
                      <>
                        {fmtInt(any.oov)} <span className="muted small">({fmtPct(any.questions ? any.oov / any.questions : 0, 0)})</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Accuracy over the questions whose four words are all among the {restricts.size === 1 ? fmtInt([...restricts][0]) : 'restricted'} most frequent words (as
        gensim's <code>restrict_vocab</code>); the others are counted as out of vocabulary. The three query words are never answers.
      </p>
    </section>
  );
}

/** Per-section accuracy, both methods, for one analogy set at a time. */
function SectionChart({ report, sets }: { report: EvalReport; sets: string[] }) {
  const id = useId();
  // Sets with more than one section are worth a chart; Google first, and one that has answers.
  const charted = useMemo(() => {
    const withRows = sets.filter((s) => sectionRows(s, [summaryOf(report, s, 'add'), summaryOf(report, s, 'mul')]).length > 1);
    return withRows.length ? withRows : sets;
  }, [report, sets]);
  const preferred = charted.find((s) => (anySummary(report, s)?.total ?? 0) > 0) ?? charted[0];
  const [picked, setPicked] = useState<string | null>(null);
  const set = picked && charted.includes(picked) ? picked : preferred;

  const methods = METHODS.filter((m) => summaryOf(report, set, m.id));
  const summaries = methods.map((m) => summaryOf(report, set, m.id));
  const series: BarSeries[] = methods.map((m) => ({ label: m.label, color: METHOD_COLORS[m.id] }));
  const rows: BarRow[] = sectionRows(set, summaries).map((sec) => {
    const first = summaries.find((s) => s?.sections[sec.id]);
    const total = first?.sections[sec.id]?.total;
    return {
      key: sec.id,
      label: sec.label,
      title: sec.id,
      group: sec.group,
      values: summaries.map((s) => s?.sections[sec.id]?.accuracy ?? null),
      note: total != null ? `n = ${fmtInt(total)}` : undefined,
    };
  });
  const firstGroups = summaries[0]?.groups;
  const groups = firstGroups
    ? Object.fromEntries(
        (['semantic', 'syntactic'] as const).map((g) => {
          const scores = methods.map((m, i) => {
            const s = summaries[i]?.groups?.[g];
            return `${m.label} ${s && s.total ? fmtPct(s.accuracy) : '—'}`;
          });
          const n = firstGroups[g].total;
          return [g, `${g === 'semantic' ? 'Semantic' : 'Syntactic'} — ${scores.join(' · ')}${n ? ` (n = ${fmtInt(n)})` : ''}`];
        }),
      )
    : undefined;

  return (
    <section aria-labelledby={`${id}-title`} className="eval-block">
      <div className="block-head">
        <h4 id={`${id}-title`}>Accuracy per section</h4>
        {charted.length > 1 && (
          <label className="field inline compact-field">
            <span>Set</span>
            <select aria-label="Analogy set" value={set} onChange={(e) => setPicked(e.target.value)} data-testid="section-set">
              {charted.map((s) => (
                <option key={s} value={s}>
                  {setLabel(s)}
                </option>
              ))}
            </select>
          </label>
        )}
        <Legend series={series} />
      </div>
      <BarChart
        rows={rows}
        series={series}
        mode="unit"
        groups={groups}
        ariaLabel={`${setLabel(set)}: accuracy per section with ${methods.map((m) => m.label).join(' and ')}`}
        testId="section-chart"
      />
    </section>
  );
}

function SimilarityTable({ report, sets }: { report: EvalReport; sets: string[] }) {
  return (
    <section aria-labelledby="eval-sim-title" className="eval-block">
      <h4 id="eval-sim-title">Word similarity</h4>
      <div className="table-wrap">
        <table className="table eval-table" data-testid="similarity-table">
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col" className="num" title="Spearman rank correlation between the set's scores and the cosines">
                Spearman ρ
              </th>
              <th scope="col" className="num">Pairs</th>
              <th scope="col" className="num">OOV rate</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((id) => {
              const s = report.similarity[id];
              const rho = rhoOf(s);
              return (
                <tr key={id} data-set={id} className={rho == null ? 'row-muted' : undefined}>
                  <th scope="row" className="set-name">
                    {setLabel(id)}
                  </th>
                  <td className="num strong" title={`Pearson r ${fmtRho(s.pearson)}`}>
                    {fmtRho(rho)}
                  </td>
                  <td className="num">{fmtInt(s.pairs)}</td>
                  <td className="num" title={`${fmtInt(s.oov)} of ${fmtInt(s.pairs + s.oov)} pairs have a word outside the vocabulary`}>
                    {fmtPct(s.oovRatio)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">Pairs with a word outside the vocabulary are left out and counted in the OOV rate; ties get average ranks.</p>
    </section>
  );
}
