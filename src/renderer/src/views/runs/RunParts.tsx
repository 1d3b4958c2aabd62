/** The smaller parts of a run's page: phase timings, parameters, metrics and the log. */
import type { OptionSpec, RunDetail } from '../../../../shared/contract.js';
import { fmtSeconds } from '../../format.js';
import { fmtMetric, fmtParam, metricLabel, phaseName } from './runText.js';

export function PhaseTimes({ phases }: { phases: Record<string, number> }) {
  const entries = Object.entries(phases);
  if (entries.length === 0) return <p className="muted">No phase finished.</p>;
  const total = entries.reduce((s, [, v]) => s + v, 0);
  const max = Math.max(...entries.map(([, v]) => v));
  return (
    <ol className="phase-bars" data-testid="phases">
      {entries.map(([name, seconds]) => (
        <li key={name} data-phase={name}>
          <span className="phase-label" title={name}>{phaseName(name)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${max > 0 ? Math.max(0.5, (100 * seconds) / max) : 0}%` }} />
          </span>
          <span className="num">{fmtSeconds(seconds)}</span>
          <span className="num muted share">{total > 0 ? `${Math.round((100 * seconds) / total)}%` : ''}</span>
        </li>
      ))}
    </ol>
  );
}

export function ParamsTable({ params, options }: { params: Record<string, unknown>; options: readonly OptionSpec[] | null }) {
  const spec = new Map((options ?? []).map((o) => [o.key, o]));
  const keys = Object.keys(params);
  if (keys.length === 0) return <p className="muted">No parameters were stored.</p>;
  return (
    <dl className="params" data-testid="params">
      {keys.map((key) => {
        const o = spec.get(key);
        const changed = o !== undefined && params[key] !== o.default;
        return (
          <div key={key} data-param={key} className={`param ${changed ? 'param-changed' : ''}`} title={o?.help}>
            <dt>
              <span className="param-label">{o?.label ?? key}</span>
              <code className="param-key">{key}</code>
            </dt>
            <dd>
              <span className="param-value">{fmtParam(params[key])}</span>
              {changed && <span className="param-default">default {fmtParam(o.default)}</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Metrics({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return <p className="muted">No metrics were recorded.</p>;
  return (
    <dl className="metrics" data-testid="metrics">
      {entries.map(([key, v]) => (
        <div key={key} className="metric" data-metric={key}>
          <dt>{metricLabel(key)}</dt>
          <dd>{fmtMetric(key, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunLog({ run }: { run: RunDetail }) {
  if (!run.log.trim()) return <p className="muted">{run.status === 'running' ? 'The log is stored when the run ends.' : 'The log is empty.'}</p>;
  return (
    <pre className="log" data-testid="run-log" tabIndex={0} aria-label={`Log of ${run.name}`}>
      {run.log}
    </pre>
  );
}
