/**
 * Extend an experiment: more values of one parameter (shared, or one method's). Preview asks
 * experiment.extend as a dry run and shows what the new values add (runs, shared work, time);
 * Add runs it. Values are checked as the new-experiment form checks them, beside the field.
 */
import { useMemo, useState } from 'react';
import type { ExperimentDetail, ExperimentPlan, GridValue, JobState, MethodInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { allFields, fieldValues, gridLayout, type GridField } from './gridForm.js';
import { PlanSummary } from './PlanSummary.js';

interface Props {
  detail: ExperimentDetail;
  methods: MethodInfo[] | null;
  onStarted: (job: JobState) => void;
}

/** The values the experiment already tries for a field, as text ("5, 10"), or null when it keeps the default. */
function currentValues(detail: ExperimentDetail, f: GridField): string | null {
  const values = f.name.startsWith('grid.') ? detail.spec.grid[f.key] : detail.spec.methodGrid[f.methods[0].method.id]?.[f.key] ?? detail.spec.grid[f.key];
  return values ? values.join(', ') : null;
}

/**
 * The extend call: values go where the experiment keeps that parameter's values. A method's own
 * field whose values the grid holds for every method (a one-method experiment started with a
 * shared dim) adds to the grid's, which a method's own list would replace.
 */
function extendInput(detail: ExperimentDetail, f: GridField, values: GridValue[], dryRun: boolean) {
  const method = f.methods[0].method.id;
  const inGrid = f.key in detail.spec.grid && !(f.key in (detail.spec.methodGrid[method] ?? {}));
  return f.name.startsWith('grid.') || inGrid
    ? { id: detail.id, grid: { [f.key]: values }, dryRun }
    : { id: detail.id, methodGrid: { [method]: { [f.key]: values } }, dryRun };
}

export function ExtendPanel({ detail, methods, onStarted }: Props) {
  const { client } = useLab();
  const fields = useMemo(() => allFields(gridLayout((methods ?? []).filter((m) => detail.spec.methods.includes(m.id)))), [methods, detail.spec.methods]);
  // The parameters the grid varies come first: they are what one usually extends.
  const ordered = useMemo(() => [...fields].sort((a, b) => Number(currentValues(detail, b) !== null) - Number(currentValues(detail, a) !== null)), [fields, detail]);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ExperimentPlan | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = ordered.find((f) => f.name === name) ?? ordered[0];
  if (!field) return <p className="muted loading">Loading the methods' parameters…</p>;
  const checked = fieldValues(field, text);
  const shownProblem = checked.problem ?? problem;
  const ready = checked.values.length > 0 && !checked.problem && !busy;

  const ask = async (dryRun: boolean): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const out = await client.call('experiment.extend', extendInput(detail, field, checked.values, dryRun));
      if (out.job) onStarted(out.job);
      else setPreview(out.plan);
    } catch (e) {
      setPreview(null);
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const change = (next: { name?: string; text?: string }): void => {
    if (next.name !== undefined) setName(next.name);
    if (next.text !== undefined) setText(next.text);
    setPreview(null);
    setProblem(null);
  };
  const now = currentValues(detail, field);
  return (
    <form className="xp-extend" data-testid="xp-extend" onSubmit={(e) => { e.preventDefault(); if (ready) void ask(!preview); }}>
      <div className="xp-extend-row">
        <label className="field">
          <span>Parameter</span>
          <select value={field.name} onChange={(e) => change({ name: e.target.value })}>
            {ordered.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name.startsWith('grid.') ? `${f.option.label} (${f.key}), every method` : `${f.methods[0].method.label}: ${f.option.label} (${f.key})`}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Values to add</span>
          <input type="text" value={text} onChange={(e) => change({ text: e.target.value })} placeholder="20, 40" aria-invalid={shownProblem ? true : undefined} spellCheck={false} />
        </label>
        <button type="submit" className="btn" disabled={!ready || !!preview}>{busy && !preview ? 'Planning…' : 'Preview'}</button>
        <button type="button" className="btn btn-primary" disabled={!ready || !preview} onClick={() => void ask(false)}>
          {preview ? `Add ${preview.count} ${preview.count === 1 ? 'run' : 'runs'}` : 'Add runs'}
        </button>
      </div>
      <p className="muted small">{now ? `The experiment tries ${now}.` : `The experiment keeps its default (${String(field.option.default)}).`} The cells already run are kept.</p>
      {shownProblem && <p className="option-error" role="alert">{shownProblem}</p>}
      {preview && <PlanSummary plan={preview} methods={methods} noun="new runs" testId="extend-plan" />}
    </form>
  );
}
