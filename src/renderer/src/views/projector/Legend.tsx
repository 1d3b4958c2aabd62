/** A colouring's legend: a gradient with ticks (a ramp), or swatches with the number of points in each category. */
import { fmtInt } from '../../format.js';
import type { Legend } from './coloring.js';

/** `grid`: short names (cluster numbers, relation names) in columns; otherwise one name a line. */
export function LegendView({ legend, testid, grid = false }: { legend: Legend; testid: string; grid?: boolean }) {
  if (legend.kind === 'ramp') {
    return (
      <div className="legend-ramp" data-testid={testid} data-legend="ramp">
        <span className="muted small legend-title">{legend.title}</span>
        <span className="ramp-bar" aria-hidden="true" style={{ background: legend.gradient }} />
        <span className="ramp-ticks small muted">
          {legend.ticks.map((t) => (
            <span key={`${t.at}-${t.label}`} className="ramp-tick" data-tick={t.label} style={{ left: `${t.at * 100}%`, transform: `translateX(${-t.at * 100}%)` }}>
              {t.label}
            </span>
          ))}
        </span>
        {legend.missing > 0 && <span className="muted small">{fmtInt(legend.missing)} points have no value (grey).</span>}
      </div>
    );
  }
  return (
    <div className="legend-categories" data-testid={testid} data-legend="categories">
      <span className="muted small legend-title">{legend.title}</span>
      <ul className={grid ? 'cluster-legend' : 'category-legend'}>
        {legend.entries.map((e) => (
          <li key={e.label} data-category={e.label} data-count={e.count} className={e.rest ? 'legend-rest' : undefined}>
            <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
            <span className="category-name" title={e.label}>
              {e.label}
            </span>{' '}
            <span className="muted">({fmtInt(e.count)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
