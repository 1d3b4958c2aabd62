/** Finished runs as checkboxes (at most `max`), with each run's method, size and corpus. */
import type { RunSummary } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { fmtInt } from '../../format.js';

interface Props {
  runs: RunSummary[] | null;
  selected: number[];
  onChange: (ids: number[]) => void;
  max: number;
  methodLabel: (id: string) => string;
}

export function RunChooser({ runs, selected, onChange, max, methodLabel }: Props) {
  if (!runs) return <p className="muted loading">Loading runs…</p>;
  if (runs.length === 0) {
    return (
      <div className="empty" data-testid="analogy-no-runs">
        <p>No finished runs yet.</p>
        <p className="muted small">
          Train a run in <a href={href('runs')}>Runs</a>; once it has finished, its vectors can answer analogies here.
        </p>
      </div>
    );
  }
  const full = selected.length >= max;
  const flip = (id: number): void => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <fieldset className="run-chooser">
      <legend className="visually-hidden">Runs to ask</legend>
      <ul className="run-chips">
        {runs.map((r) => {
          const on = selected.includes(r.id);
          return (
            <li key={r.id}>
              <label className={`run-chip ${on ? 'run-chip-on' : ''}`} title={full && !on ? `At most ${max} runs at once` : undefined} data-run={r.id}>
                <input type="checkbox" checked={on} disabled={!on && full} onChange={() => flip(r.id)} />
                <span className="run-chip-text">
                  <span className="run-chip-name">{r.name}</span>
                  <span className="muted small run-chip-meta">
                  {methodLabel(r.method)}
                  {r.dim != null && <> · d={r.dim}</>}
                  {r.vocab != null && <> · {fmtInt(r.vocab)} words</>}
                  {r.corpusName && <> · {r.corpusName}</>}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
