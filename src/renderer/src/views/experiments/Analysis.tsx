/**
 * The best configuration per method (the row with the highest chosen metric), and how much each
 * parameter matters: the spread (max − min) of the metric across the parameter's values with the
 * method's other parameters held at their best, as a bar per parameter and the values beside it.
 */
import type { ExperimentRow } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { bestPerMethod, coordsOf, parameterSpreads, CORPUS } from './analysis.js';

interface Props {
  rows: ExperimentRow[];
  metric: string;
  metricLabel: string;
  manyCorpora: boolean;
  methodLabel: (id: string) => string;
}

const score = (v: number): string => v.toFixed(4).replace('-', '−');
const name = (p: string): string => (p === CORPUS ? 'corpus' : p);

export function Analysis({ rows, metric, metricLabel, manyCorpora, methodLabel }: Props) {
  const best = bestPerMethod(rows, metric);
  const spreads = parameterSpreads(rows, metric, manyCorpora);
  const widest = Math.max(0, ...spreads.map((s) => s.spread ?? 0));
  return (
    <div className="xp-analysis">
      <section className="card" aria-labelledby="xp-best-title">
        <h2 id="xp-best-title">Best configuration per method <span className="muted small">by {metricLabel}</span></h2>
        {best.length === 0 ? <p className="muted">No finished run has this score yet.</p> : (
          <table className="table xp-best" data-testid="best-per-method">
            <thead><tr><th scope="col">Method</th><th scope="col">Parameters</th><th scope="col" className="num">{metricLabel}</th><th scope="col" className="num">Run</th></tr></thead>
            <tbody>
              {best.map((b) => (
                <tr key={b.method} data-method={b.method}>
                  <td className="nowrap">{methodLabel(b.method)}</td>
                  <td className="xp-params-cell">{Object.entries(coordsOf(b.row, manyCorpora)).map(([k, v]) => `${name(k)} ${v}`).join(' · ') || <span className="muted">defaults</span>}</td>
                  <td className="num">{score(b.score)}</td>
                  <td className="num">{b.row.runId !== null && <a href={href('runs', b.row.runId)}>{b.row.runId}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="xp-spread-title">
        <h2 id="xp-spread-title">How much each parameter matters</h2>
        <p className="muted small">
          The spread (max − min) of {metricLabel} across a parameter's values, with the method's other parameters held at their best.
        </p>
        {spreads.length === 0 ? <p className="muted">No method has a parameter with two scored values yet.</p> : (
          <table className="table xp-spread" data-testid="parameter-spread">
            <thead><tr><th scope="col">Method</th><th scope="col">Parameter</th><th scope="col">Spread</th><th scope="col">{metricLabel} at each value</th></tr></thead>
            <tbody>
              {spreads.map((s) => (
                <tr key={`${s.method}:${s.param}`} data-method={s.method} data-param={s.param}>
                  <td className="nowrap">{methodLabel(s.method)}</td>
                  <td className="nowrap">{name(s.param)}</td>
                  <td className="xp-spread-cell">
                    {s.spread === null ? <span className="muted" title="Fewer than two of its values ran with the other parameters at their best">—</span> : (
                      <span className="xp-bar-line">
                        <span className="xp-bar" style={{ width: `${widest > 0 ? Math.max(2, (s.spread / widest) * 100) : 2}%` }} aria-hidden="true" />
                        <span className="xp-bar-value">{score(s.spread)}</span>
                      </span>
                    )}
                  </td>
                  <td className="muted small">{s.points.map((p) => `${p.value}: ${score(p.score)}`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
