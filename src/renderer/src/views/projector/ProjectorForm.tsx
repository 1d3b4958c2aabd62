/** The projection's settings: run, top N, method and its parameters; Project applies them. */
import type { RunSummary } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { METHOD_LABEL, type Draft, type Method } from './spec.js';
import { METHOD_PARAMS, SEED_FIELD, TOP_FIELD, numberFieldProblem, type NumberFieldSpec } from './projectorFields.js';
import './projectorFields.css';

interface Props {
  runs: RunSummary[];
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  onApply: () => void;
  busy: boolean;
  error: string | null;
}

const METHODS: { id: Method; hint: string }[] = [
  { id: 'pca', hint: 'Principal components: instant' },
  { id: 'umap', hint: 'UMAP: a background job with progress and cancel' },
  { id: 'tsne', hint: 't-SNE: a background job with progress, pause and resume' },
  { id: 'axes', hint: 'Axes defined by word lists, e.g. he − she against good − bad' },
];

/** A number field with its bounds from the contract; a value it does not take is named beside it, in a sentence. */
function NumberField({ field: f, value, onChange, small, describedBy }: { field: NumberFieldSpec; value: number; onChange: (v: number) => void; small?: boolean; describedBy?: string }) {
  const problem = numberFieldProblem(f, value);
  const errorId = `projector-${f.name}-error`;
  return (
    <label className={`field ${small ? 'seed-field' : 'narrow-field'} ${problem ? 'field-invalid' : ''}`}>
      <span>{f.label}</span>
      <input
        type="number" name={f.name} value={Number.isFinite(value) ? value : ''} min={f.min} max={f.max} step={f.step ?? (f.type === 'int' ? 1 : 'any')}
        onChange={(e) => onChange(e.target.valueAsNumber)} aria-invalid={problem ? true : undefined}
        aria-describedby={[problem ? errorId : '', describedBy ?? ''].join(' ').trim() || undefined}
      />
      {problem && <span id={errorId} className="option-error" data-testid={`${f.name}-error`}>{problem}</span>}
    </label>
  );
}

const METHOD_HELP: Record<Method, string> = {
  pca: ' PCA of the unit vectors, mean-centred.',
  umap: ' UMAP on the exact k nearest neighbours (cosine), started from PCA.',
  tsne: ' Barnes–Hut t-SNE on the exact 3·perplexity nearest neighbours; Pause keeps its state.',
  axes: " Each axis is mean(+ words) − mean(− words); a point's coordinate is its cosine-like score on it.",
};

export function ProjectorForm({ runs, draft, onChange, onApply, busy, error }: Props) {
  const run = runs.find((r) => r.id === draft.runId) ?? null;
  const vocab = run?.vocab ?? null;
  const params = METHOD_PARAMS[draft.method];
  return (
    <form
      className="card projector-form"
      aria-label="Projection settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <FormRow runs={runs} draft={draft} onChange={onChange} busy={busy} />
      <p id="top-help" className="muted small">
        The most frequent {fmtInt(Math.min(draft.top || 0, vocab ?? Infinity))} of {vocab != null ? fmtInt(vocab) : '?'} words; up to 100,000.
        {METHOD_HELP[draft.method]}
      </p>
      {draft.words && (
        <p className="muted small isolated-note" data-testid="isolated-note">
          Isolated: only the {fmtInt(draft.words.length)} chosen words are projected (Top N is not used); Show all points, above the picture, projects the top N again.
        </p>
      )}
      {params && (
        <div className="projector-params">
          {params.map((f) => (
            <NumberField key={f.name} field={f} value={draft[f.name]} onChange={(v) => onChange({ [f.name]: v })} />
          ))}
        </div>
      )}
      {draft.method === 'axes' && <AxesFields draft={draft} onChange={onChange} />}
      {error && (
        <p className="form-error" role="alert" data-testid="projector-form-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** Run, top N, seed, method and the submit button. */
function FormRow({ runs, draft, onChange, busy }: Pick<Props, 'runs' | 'draft' | 'onChange' | 'busy'>) {
  return (
    <div className="projector-form-row">
      <label className="field run-field">
        <span>Run</span>
        <select value={draft.runId ?? ''} onChange={(e) => onChange({ runId: Number(e.target.value) || null })}>
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              #{r.id} {r.name} · {fmtInt(r.vocab ?? 0)} words
            </option>
          ))}
        </select>
      </label>
      <NumberField field={TOP_FIELD} value={draft.top} onChange={(top) => onChange({ top })} describedBy="top-help" />
      <NumberField field={SEED_FIELD} value={draft.seed} onChange={(seed) => onChange({ seed })} small />
      <fieldset className="method-field">
        <legend>Projection</legend>
        <div className="method-choices">
          {METHODS.map((m) => (
            <label key={m.id} className={`method-choice ${draft.method === m.id ? 'method-chosen' : ''}`} title={m.hint}>
              <input type="radio" name="projection-method" value={m.id} checked={draft.method === m.id} onChange={() => onChange({ method: m.id })} />
              {METHOD_LABEL[m.id]}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn btn-primary project-btn" disabled={busy || draft.runId == null}>
        {draft.method === 'pca' || draft.method === 'axes' ? 'Project' : `Run ${METHOD_LABEL[draft.method]}`}
      </button>
    </div>
  );
}

const AXIS_PLACEHOLDER = [
  { plus: 'he him his', minus: 'she her hers' },
  { plus: 'good great', minus: 'bad awful' },
  { plus: 'big large', minus: 'small little' },
];

/** Custom axes: + and − word lists per axis, and whether to orthogonalise them. */
function AxesFields({ draft, onChange }: Pick<Props, 'draft' | 'onChange'>) {
  const axis = (i: number, side: 'plus' | 'minus', value: string): void => {
    const axes = draft.axes.map((a) => ({ ...a })) as Draft['axes'];
    axes[i][side] = value;
    onChange({ axes });
  };
  return (
    <div className="axes-grid">
      {(['x', 'y', 'z'] as const).slice(0, draft.dims).map((name, i) => (
        <fieldset key={name} className="axis-field">
          <legend>Axis {name}</legend>
          <label className="field">
            <span>+ words</span>
            <input type="text" value={draft.axes[i].plus} onChange={(e) => axis(i, 'plus', e.target.value)} placeholder={AXIS_PLACEHOLDER[i].plus} />
          </label>
          <label className="field">
            <span>− words (optional)</span>
            <input type="text" value={draft.axes[i].minus} onChange={(e) => axis(i, 'minus', e.target.value)} placeholder={AXIS_PLACEHOLDER[i].minus} />
          </label>
        </fieldset>
      ))}
      <label className="check">
        <input type="checkbox" checked={draft.orthogonalize} onChange={(e) => onChange({ orthogonalize: e.target.checked })} />
        Orthogonalise the axes (Gram–Schmidt in order)
      </label>
    </div>
  );
}
