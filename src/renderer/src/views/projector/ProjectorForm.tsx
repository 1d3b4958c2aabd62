/** The projection's settings: run, top N, method and its parameters; Project applies them. */
import type { RunSummary } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { METHOD_LABEL, type Draft, type Method } from './spec.js';

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

function NumberField(props: { label: string; value: number; min: number; max: number; step?: number; onChange: (v: number) => void; help?: string; name: string; small?: boolean }) {
  return (
    <label className={`field ${props.small ? 'seed-field' : 'narrow-field'}`}>
      <span>{props.label}</span>
      <input
        type="number"
        name={props.name}
        value={Number.isFinite(props.value) ? props.value : ''}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        onChange={(e) => props.onChange(e.target.valueAsNumber)}
        title={props.help}
      />
    </label>
  );
}

export function ProjectorForm({ runs, draft, onChange, onApply, busy, error }: Props) {
  const run = runs.find((r) => r.id === draft.runId) ?? null;
  const vocab = run?.vocab ?? null;
  const axis = (i: number, side: 'plus' | 'minus', value: string): void => {
    const axes = draft.axes.map((a) => ({ ...a })) as Draft['axes'];
    axes[i][side] = value;
    onChange({ axes });
  };
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
        <label className="field narrow-field">
          <span>Top N words</span>
          <input
            type="number"
            name="top"
            min={10}
            max={100000}
            step={1}
            value={Number.isFinite(draft.top) ? draft.top : ''}
            onChange={(e) => onChange({ top: e.target.valueAsNumber })}
            aria-describedby="top-help"
          />
        </label>
        <NumberField name="seed" label="Seed" value={draft.seed} min={0} max={2 ** 31 - 1} onChange={(seed) => onChange({ seed })} small />
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
      <p id="top-help" className="muted small">
        The most frequent {fmtInt(Math.min(draft.top || 0, vocab ?? Infinity))} of {vocab != null ? fmtInt(vocab) : '?'} words; up to 100,000.
        {draft.method === 'pca' && ' PCA of the unit vectors, mean-centred.'}
        {draft.method === 'umap' && ' UMAP on the exact k nearest neighbours (cosine), started from PCA.'}
        {draft.method === 'tsne' && ' Barnes–Hut t-SNE on the exact 3·perplexity nearest neighbours; Pause keeps its state.'}
        {draft.method === 'axes' && ' Each axis is mean(+ words) − mean(− words); a point\'s coordinate is its cosine-like score on it.'}
      </p>
      {draft.method === 'umap' && (
        <div className="projector-params">
          <NumberField name="nNeighbors" label="Neighbours" value={draft.nNeighbors} min={2} max={200} onChange={(nNeighbors) => onChange({ nNeighbors })} />
          <NumberField name="minDist" label="Min distance" value={draft.minDist} min={0} max={1} step={0.05} onChange={(minDist) => onChange({ minDist })} />
          <NumberField name="epochs" label="Epochs (0 = auto)" value={draft.epochs} min={0} max={2000} step={50} onChange={(epochs) => onChange({ epochs })} />
        </div>
      )}
      {draft.method === 'tsne' && (
        <div className="projector-params">
          <NumberField name="perplexity" label="Perplexity" value={draft.perplexity} min={2} max={100} onChange={(perplexity) => onChange({ perplexity })} />
          <NumberField name="iterations" label="Iterations" value={draft.iterations} min={50} max={5000} step={50} onChange={(iterations) => onChange({ iterations })} />
          <NumberField name="theta" label="θ (Barnes–Hut)" value={draft.theta} min={0.1} max={1} step={0.1} onChange={(theta) => onChange({ theta })} />
        </div>
      )}
      {draft.method === 'axes' && (
        <div className="axes-grid">
          {(['x', 'y', 'z'] as const).slice(0, draft.dims).map((name, i) => (
            <fieldset key={name} className="axis-field">
              <legend>Axis {name}</legend>
              <label className="field">
                <span>+ words</span>
                <input type="text" value={draft.axes[i].plus} onChange={(e) => axis(i, 'plus', e.target.value)} placeholder={i === 0 ? 'he him his' : i === 1 ? 'good great' : 'big large'} />
              </label>
              <label className="field">
                <span>− words (optional)</span>
                <input type="text" value={draft.axes[i].minus} onChange={(e) => axis(i, 'minus', e.target.value)} placeholder={i === 0 ? 'she her hers' : i === 1 ? 'bad awful' : 'small little'} />
              </label>
            </fieldset>
          ))}
          <label className="check">
            <input type="checkbox" checked={draft.orthogonalize} onChange={(e) => onChange({ orthogonalize: e.target.checked })} />
            Orthogonalise the axes (Gram–Schmidt in order)
          </label>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="projector-form-error">
          {error}
        </p>
      )}
    </form>
  );
}
