/**
 * A new dynamics run: the 'dynamics' method's options (the form generated from its
 * spec, as in the Runs view), the compute backend chosen from what dynamics.backends
 * found on this machine, Run and Cancel, and the job's progress with live charts.
 */
import { type FormEvent } from 'react';
import type { DynamicsBackendInfo, JobState, MethodInfo } from '../../../../shared/contract.js';
import type { OptionSpec } from '../../../../shared/options.js';
import { useLab } from '../../lab.js';
import { fmtInt, fmtSeconds } from '../../format.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { progressFigures, useSecondsSinceReport } from '../../components/progressFigures.js';
import { OptionFields, shownOptions, type OptionFormValues } from '../../components/OptionFields.js';
import type { FieldValue } from '../../components/OptionField.js';
import type { OptionForm } from '../../components/useOptionForm.js';
import { phaseName } from '../runs/runText.js';
import { LiveCharts, type LiveSample } from './DynamicsCharts.js';
import { fmtValue } from './dynamicsData.js';

interface Props {
  corpusId: number | null;
  method: MethodInfo;
  values: OptionFormValues;
  onChange: (key: string, value: FieldValue) => void;
  form: OptionForm;
  backends: DynamicsBackendInfo[] | null;
  backendsError: string | null;
  job: JobState | null;
  samples: LiveSample[];
  cancelling: boolean;
  onStarted: (job: JobState) => void;
  onCancel: () => void;
  onDismiss: () => void;
}

export function DynamicsForm(p: Props) {
  const { client } = useLab();
  const { method, values, form, job } = p;
  const running = job?.status === 'running';
  const shown = shownOptions(method.options, values);
  const backendOption = shown.find((o): o is Extract<OptionSpec, { type: 'choice' }> => o.key === 'backend' && o.type === 'choice');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (running || p.corpusId == null) return;
    const corpusId = p.corpusId;
    await form.submit(shown, values, async (params) => {
      p.onStarted(await client.call('run.start', { corpusId, method: method.id, params }));
    }, method.label);
  };

  return (
    <section className="card dyn-new" aria-labelledby="dyn-new-title">
      <h2 id="dyn-new-title">New dynamics run</h2>
      <form className="new-run-form" onSubmit={(e) => void submit(e)} noValidate aria-label="New dynamics run">
        {backendOption && (
          <BackendSelect
            option={backendOption} value={String(values.backend)} model={String(values.model)} backends={p.backends} error={form.fieldErrors.backend ?? p.backendsError}
            onChange={(v) => p.onChange('backend', v)} disabled={running}
          />
        )}
        <OptionFields
          label="Dynamics options" options={shown.filter((o) => o.key !== 'backend')} values={values} errors={form.fieldErrors}
          onChange={p.onChange} advancedOpen={form.advancedOpen} onAdvancedToggle={form.setAdvancedOpen} disabled={running}
        />
        <div className="new-run-foot">
          <button type="submit" className="btn btn-primary" disabled={form.busy || running || p.corpusId == null}>
            {form.busy ? 'Starting…' : running ? 'Running…' : 'Run'}
          </button>
          <button type="button" className="btn" onClick={p.onCancel} disabled={!running || p.cancelling}>
            {p.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
          {form.formError ? (
            <p className="form-error" role="alert" data-testid="dyn-form-error">
              {form.formError}
            </p>
          ) : (
            <p className="muted small">Full-batch gradient descent from W₀ ≈ 0; steps 0 runs until the theory's last rise, five times over.</p>
          )}
        </div>
      </form>
      {job && <JobPanel job={job} samples={p.samples} onDismiss={p.onDismiss} />}
    </section>
  );
}

interface BackendProps {
  option: Extract<OptionSpec, { type: 'choice' }>;
  value: string;
  model: string;
  backends: DynamicsBackendInfo[] | null;
  error: string | null;
  onChange: (value: string) => void;
  disabled: boolean;
}

/** Why a backend cannot run this model here, or null when it can. */
function refusal(info: DynamicsBackendInfo | undefined, model: string, probing: boolean): string | null {
  if (!info) return probing ? 'Probing the backends…' : 'Not found on this machine.';
  if (!info.available) return info.reason ?? 'Not available here.';
  if (!info.models.includes(model as never)) return `Runs ${info.models.join(', ')} only, not ${model}.`;
  return null;
}

function BackendSelect({ option, value, model, backends, error, onChange, disabled }: BackendProps) {
  const info = (id: string) => backends?.find((b) => b.id === id);
  const chosen = info(value);
  const why = value === 'auto' ? null : refusal(chosen, model, backends == null);
  const gpus = backends?.filter((b) => b.available && b.gpu).map((b) => b.id) ?? [];
  const note =
    value === 'auto'
      ? `auto: ${gpus.length ? `the GPU (${gpus.join(', ')})` : 'no GPU here, so the fastest CPU path timed on this problem'}.`
      : chosen?.device ?? '';
  return (
    <div className={`option dyn-backend ${value === option.default ? '' : 'option-changed'}`} data-option="backend">
      <label htmlFor="opt-backend" className="option-label">
        {option.label}
      </label>
      <select id="opt-backend" value={value} onChange={(e) => onChange(e.target.value)} disabled={disabled} aria-describedby="opt-backend-help" aria-invalid={error || why ? true : undefined}>
        {option.choices.map((id) => {
          const no = id === 'auto' ? null : refusal(info(id), model, backends == null);
          const b = info(id);
          return (
            <option key={id} value={id} disabled={no != null && id !== value} title={no ?? b?.device ?? option.help} data-available={no == null ? 'yes' : 'no'}>
              {id === 'auto' ? 'auto' : `${id}${b?.gpu ? ' (GPU)' : ''}${no ? ' — unavailable' : ''}`}
            </option>
          );
        })}
      </select>
      <span id="opt-backend-help" className="option-help">
        {why ? <span className="option-error">{why}</span> : <span data-testid="backend-device">{note}</span>}
      </span>
      {error && (
        <span className="option-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const FIGURES: [keyof LiveSample, string][] = [
  ['excessLoss', 'Excess loss'],
  ['effectiveRank', 'Effective rank'],
  ['learned', 'Modes learned'],
  ['overlap', 'Overlap'],
];

function JobPanel({ job, samples, onDismiss }: { job: JobState; samples: LiveSample[]; onDismiss: () => void }) {
  const p = job.progress;
  const running = job.status === 'running';
  const since = useSecondsSinceReport(job);
  const { percent, counts, eta } = progressFigures(p, since);
  const last = samples[samples.length - 1];
  return (
    <div className="dyn-job" data-testid="dyn-job" data-status={job.status} aria-live="polite">
      <div className="dyn-job-head">
        <span className="dyn-phase">{running ? phaseName(p.phase || 'starting') : job.status === 'done' ? 'Done' : job.status === 'failed' ? 'Failed' : 'Cancelled'}</span>
        {running && percent != null && (
          <span className="muted small">
            {counts} · {percent}%{eta != null && ` · about ${fmtSeconds(eta)} left`}
          </span>
        )}
        <span className="muted small dyn-elapsed">{fmtSeconds(running ? p.elapsed + since : p.elapsed)}</span>
        {!running && (
          <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      {running && <ProgressBar percent={percent} label={`Dynamics run: ${p.phase}`} />}
      {job.status === 'failed' && (
        <p className="text-danger" role="alert">
          {job.error ?? 'The run stopped without saying why.'}
        </p>
      )}
      {job.status === 'cancelled' && <p className="muted small">Cancelled — no vectors were stored.</p>}
      {last && (
        <dl className="figures dyn-live-figures">
          <div className="figure">
            <dt>Step</dt>
            <dd>{fmtInt(last.step)}</dd>
          </div>
          {FIGURES.filter(([k]) => Number.isFinite(last[k])).map(([k, label]) => (
            <div className="figure" key={k}>
              <dt>{label}</dt>
              <dd>{k === 'learned' ? fmtInt(last[k]) : fmtValue(last[k])}</dd>
            </div>
          ))}
        </dl>
      )}
      {running && samples.length > 0 && <LiveCharts samples={samples} />}
    </div>
  );
}
