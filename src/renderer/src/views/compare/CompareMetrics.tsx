/** Two runs' stored evaluations side by side, and the per-section differences B − A as a diverging bar chart. */
import { useId, useMemo, useState } from 'react';
import type { AnalogySummary, EvalReport, RunSummary } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { fmtInt } from '../../format.js';
import { BarChart, type BarRow } from '../evaluation/BarChart.js';
import {
  METHODS, analogyIds, anySummary, fmtPct, fmtPp, fmtRho, fmtSignedRho, isEmptyReport, rhoOf, sectionRows, setLabel, similarityIds, summaryOf, type Method,
} from '../evaluation/evalText.js';
import { COLOR_A, COLOR_B } from './colors.js';

interface Props {
  a: RunSummary;
  b: RunSummary;
  evalA: EvalReport;
  evalB: EvalReport;
}

const union = (x: string[], y: string[]): string[] => [...x, ...y.filter((v) => !x.includes(v))];

/** A signed difference, coloured by the run it favours. */
function Diff({ v, text }: { v: number | null; text: string }) {
  if (v == null) return <span className="muted">—</span>;
  const cls = Math.abs(v) < 1e-9 ? 'diff-even' : v > 0 ? 'diff-b' : 'diff-a';
  return <span className={`diff ${cls}`}>{text}</span>;
}

interface MetricRow {
  key: string;
  label: string;
  sub?: boolean;
  a: number | null;
  b: number | null;
  kind: 'acc' | 'rho';
  titleA?: string;
  titleB?: string;
}

type Summary = AnalogySummary | null;

const accuracyOf = (s: Summary): number | null => (s && s.total > 0 ? s.accuracy : null);
const countsOf = (s: Summary): string | undefined => (s ? `${fmtInt(s.correct)} of ${fmtInt(s.total)} right; ${fmtInt(s.oov)} of ${fmtInt(s.questions)} questions out of vocabulary` : undefined);

/** Each analogy set's accuracy per method, then its semantic and syntactic groups where it has them. */
function analogyRows(sets: string[], evalA: EvalReport, evalB: EvalReport): MetricRow[] {
  const out: MetricRow[] = [];
  for (const set of sets) {
    for (const m of METHODS) {
      const sa = summaryOf(evalA, set, m.id);
      const sb = summaryOf(evalB, set, m.id);
      if (!sa && !sb) continue;
      out.push({ key: `${set}-${m.id}`, label: `${setLabel(set)} · ${m.label}`, a: accuracyOf(sa), b: accuracyOf(sb), kind: 'acc', titleA: countsOf(sa), titleB: countsOf(sb) });
      for (const g of ['semantic', 'syntactic'] as const) {
        const ga = sa?.groups?.[g];
        const gb = sb?.groups?.[g];
        if (!ga && !gb) continue;
        out.push({
          key: `${set}-${m.id}-${g}`, label: g === 'semantic' ? 'semantic' : 'syntactic', sub: true, kind: 'acc',
          a: ga && ga.total ? ga.accuracy : null, b: gb && gb.total ? gb.accuracy : null,
        });
      }
    }
  }
  return out;
}

/** Each similarity set's Spearman ρ. */
function similarityRows(sims: string[], evalA: EvalReport, evalB: EvalReport): MetricRow[] {
  return sims.map((set) => {
    const sa = evalA.similarity[set];
    const sb = evalB.similarity[set];
    const t = (s: typeof sa): string | undefined => (s ? `${fmtInt(s.pairs)} pairs; ${fmtPct(s.oovRatio)} out of vocabulary` : undefined);
    return { key: `sim-${set}`, label: `${setLabel(set)} · Spearman ρ`, a: rhoOf(sa), b: rhoOf(sb), kind: 'rho', titleA: t(sa), titleB: t(sb) };
  });
}

export function CompareMetrics({ a, b, evalA, evalB }: Props) {
  const id = useId();
  const noneA = isEmptyReport(evalA);
  const noneB = isEmptyReport(evalB);
  const sets = union(analogyIds(evalA), analogyIds(evalB));
  const sims = union(similarityIds(evalA), similarityIds(evalB));

  const rows = useMemo(() => [...analogyRows(sets, evalA, evalB), ...similarityRows(sims, evalA, evalB)], [sets, sims, evalA, evalB]);
  // Sets neither run answered (every question or pair out of vocabulary) would be rows of dashes.
  const shown = rows.filter((r) => r.a != null || r.b != null);
  const hidden = new Set(rows.filter((r) => !r.sub && r.a == null && r.b == null).map((r) => r.label.split(' · ')[0]));

  if (noneA && noneB) {
    return (
      <section className="card" aria-labelledby={`${id}-title`} data-testid="compare-metrics">
        <h3 id={`${id}-title`}>Benchmarks</h3>
        <div className="empty">
          <p>Neither run has been evaluated yet.</p>
          <p className="muted small">
            Evaluate them on their pages — <a href={href('runs', a.id)}>{a.name}</a> and <a href={href('runs', b.id)}>{b.name}</a> — and their analogy and
            similarity scores appear here side by side.
          </p>
        </div>
      </section>
    );
  }

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="compare-metrics">
        <h3 id={`${id}-title`}>Benchmarks</h3>
        {(noneA || noneB) && (
          <p className="muted small compare-note">
            <a href={href('runs', (noneA ? a : b).id)}>{(noneA ? a : b).name}</a> has not been evaluated yet: evaluate it on its page to fill its column.
          </p>
        )}
        <MetricsTable rows={shown} />
        {shown.length === 0 && <p className="muted empty">Neither run answered any question or pair of the sets they were evaluated on.</p>}
        {hidden.size > 0 && (
          <p className="muted small" data-testid="metrics-hidden">
            Not shown, because every question or pair had a word outside both vocabularies: {[...hidden].join(', ')}.
          </p>
        )}
        <p className="muted small">
          Each run's accuracy is over its own in-vocabulary questions (hover a figure for the counts). Differences are in percentage points (pp) for accuracies.
        </p>
      </section>
      {sets.length > 0 && <SectionDiffs sets={sets} evalA={evalA} evalB={evalB} />}
    </>
  );
}

function MetricsTable({ rows }: { rows: MetricRow[] }) {
  return (
    <div className="table-wrap">
      <table className="table metrics-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              <span className="run-tag run-tag-a">A</span>
            </th>
            <th scope="col" className="num">
              <span className="run-tag run-tag-b">B</span>
            </th>
            <th scope="col" className="num nowrap">B − A</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const d = r.a != null && r.b != null ? r.b - r.a : null;
            const fmt = r.kind === 'acc' ? (v: number | null) => fmtPct(v) : fmtRho;
            return (
              <tr key={r.key} data-metric={r.key} className={r.sub ? 'metric-sub' : undefined}>
                <th scope="row">{r.label}</th>
                <td className="num" title={r.titleA}>
                  {fmt(r.a)}
                </td>
                <td className="num" title={r.titleB}>
                  {fmt(r.b)}
                </td>
                <td className="num">
                  <Diff v={d} text={r.kind === 'acc' ? fmtPp(d) : fmtSignedRho(d)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Per section, B's accuracy minus A's (null where either did not answer it), with A → B as the note. */
function sectionDiffRows(set: string, sa: Summary, sb: Summary): BarRow[] {
  return sectionRows(set, [sa, sb]).map((sec) => {
    const x = sa?.sections[sec.id];
    const y = sb?.sections[sec.id];
    const diff = x && y && x.total > 0 && y.total > 0 ? y.accuracy - x.accuracy : null;
    return {
      key: sec.id,
      label: sec.label,
      title: `${sec.id}: A ${x ? fmtPct(x.accuracy) : '—'} (n = ${x?.total ?? 0}), B ${y ? fmtPct(y.accuracy) : '—'} (n = ${y?.total ?? 0})`,
      group: sec.group,
      values: [diff],
      note: x || y ? `${x ? fmtPct(x.accuracy, 0) : '—'} → ${y ? fmtPct(y.accuracy, 0) : '—'}` : undefined,
    };
  });
}

/** The semantic and syntactic groups' headings: A → B accuracy and the difference, where both runs have groups. */
function groupDiffs(sa: Summary, sb: Summary): Record<string, string> | undefined {
  if (!sa?.groups || !sb?.groups) return undefined;
  const ga = sa.groups;
  const gb = sb.groups;
  return Object.fromEntries(
    (['semantic', 'syntactic'] as const).map((g) => {
      const d = ga[g].total && gb[g].total ? gb[g].accuracy - ga[g].accuracy : null;
      return [g, `${g === 'semantic' ? 'Semantic' : 'Syntactic'} — ${fmtPct(ga[g].accuracy)} → ${fmtPct(gb[g].accuracy)} (${fmtPp(d)})`];
    }),
  );
}

/** The analogy set and method the section chart shows: the user's pick while it applies, else one both runs answered. */
function useSectionChoice(sets: string[], evalA: EvalReport, evalB: EvalReport) {
  const both = sets.filter((s) => anySummary(evalA, s) && anySummary(evalB, s));
  const charted = both.filter((s) => sectionRows(s, [summaryOf(evalA, s, 'add'), summaryOf(evalA, s, 'mul'), summaryOf(evalB, s, 'add'), summaryOf(evalB, s, 'mul')]).length > 1);
  const choices = charted.length ? charted : both;
  const preferred = choices.find((s) => (anySummary(evalA, s)?.total ?? 0) > 0 && (anySummary(evalB, s)?.total ?? 0) > 0) ?? choices[0];
  const [picked, setPicked] = useState<string | null>(null);
  const [method, setMethod] = useState<Method>('add');
  const set: string | undefined = picked && choices.includes(picked) ? picked : preferred;
  const methods = set ? METHODS.filter((m) => summaryOf(evalA, set, m.id) && summaryOf(evalB, set, m.id)) : [];
  const m = methods.some((x) => x.id === method) ? method : (methods[0]?.id ?? 'add');
  return { choices, set, setPicked, methods, m, setMethod };
}

function SectionDiffs({ sets, evalA, evalB }: { sets: string[]; evalA: EvalReport; evalB: EvalReport }) {
  const id = useId();
  const choice = useSectionChoice(sets, evalA, evalB);
  const { set, m } = choice;

  if (!set) {
    return (
      <section className="card" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>Per-section differences</h3>
        <p className="muted">The two runs have no analogy set in common yet: evaluate both on the same sets to compare them section by section.</p>
      </section>
    );
  }
  const sa = summaryOf(evalA, set, m);
  const sb = summaryOf(evalB, set, m);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="section-diffs">
      <SectionDiffsHead id={id} set={set} choice={choice} />
      <ul className="chart-legend diff-legend" aria-label="Legend">
        <li>
          <span className="swatch" style={{ background: COLOR_B }} aria-hidden="true" />B better (right of zero)
        </li>
        <li>
          <span className="swatch" style={{ background: COLOR_A }} aria-hidden="true" />A better (left of zero)
        </li>
        <li className="muted">at the right: A → B accuracy</li>
      </ul>
      <BarChart
        rows={sectionDiffRows(set, sa, sb)}
        series={[{ label: 'B − A', color: COLOR_B }]}
        mode="diverging"
        signColors={[COLOR_A, COLOR_B]}
        groups={groupDiffs(sa, sb)}
        ariaLabel={`${setLabel(set)}, ${METHODS.find((x) => x.id === m)?.label}: accuracy of B minus accuracy of A per section, in percentage points`}
        testId="section-diff-chart"
        nullText="not answered by both runs"
      />
    </section>
  );
}

/** The chart's title, with the set and the method to show where there is a choice. */
function SectionDiffsHead({ id, set, choice }: { id: string; set: string; choice: ReturnType<typeof useSectionChoice> }) {
  const { choices, methods, m } = choice;
  return (
    <div className="block-head">
      <h3 id={`${id}-title`}>Per-section differences, B − A</h3>
      {choices.length > 1 && (
        <label className="field inline compact-field">
          <span>Set</span>
          <select aria-label="Analogy set" value={set} onChange={(e) => choice.setPicked(e.target.value)}>
            {choices.map((s) => (
              <option key={s} value={s}>
                {setLabel(s)}
              </option>
            ))}
          </select>
        </label>
      )}
      {methods.length > 1 && (
        <div className="segmented" role="radiogroup" aria-label="Analogy method">
          {methods.map((x) => (
            <label key={x.id} className={x.id === m ? 'on' : undefined}>
              <input type="radio" name={`${id}-method`} checked={x.id === m} onChange={() => choice.setMethod(x.id)} />
              {x.label}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
