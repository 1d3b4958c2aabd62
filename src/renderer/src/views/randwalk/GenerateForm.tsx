/**
 * The generator's parameters (fields built from options.ts with OptionField,
 * like the new-run form), Generate, and the generation job's progress with
 * Cancel. The engine checks the values; its message is shown at the field it names.
 */
import { useState, type FormEvent } from 'react';
import type { CallInput, JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { fmtSeconds } from '../../format.js';
import { OptionField, initialValue, type FieldValue } from '../runs/OptionField.js';
import { JobProgress } from '../vectors/JobProgress.js';
import { GENERATOR_OPTIONS, fieldOfMessage, shownFor } from './options.js';

type Values = Record<string, FieldValue>;

const DEFAULTS: Values = Object.fromEntries(GENERATOR_OPTIONS.map((o) => [o.key, initialValue(o)]));

interface Props {
  job: JobState | null;
  onStarted: (job: JobState) => void;
  onDismiss: () => void;
  onOpenCorpus: (corpusId: number) => void;
}

export function GenerateForm({ job, onStarted, onDismiss, onOpenCorpus }: Props) {
  const { client } = useLab();
  const [values, setValues] = useState<Values>(DEFAULTS);
  const [name, setName] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const norms = String(values.norms);
  const shown = GENERATOR_OPTIONS.filter((o) => shownFor(o.key, norms));
  const basic = shown.filter((o) => !o.advanced);
  const advanced = shown.filter((o) => o.advanced);
  const running = job?.status === 'running';

  const setValue = (key: string, v: FieldValue): void => {
    setValues((s) => ({ ...s, [key]: v }));
    setFieldErrors(({ [key]: _gone, ...rest }) => rest);
    setFormError(null);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (starting || running) return;
    const params: Record<string, unknown> = {};
    const missing: Record<string, string> = {};
    for (const o of shown) {
      const v = values[o.key];
      if (o.type === 'int' || o.type === 'number') {
        const text = String(v).trim();
        if (text === '') missing[o.key] = `${o.label} needs a value (the default is ${o.default}).`;
        else if (!Number.isFinite(Number(text))) missing[o.key] = `${o.label} must be a number, not "${text}".`;
        else params[o.key] = Number(text);
      } else params[o.key] = v;
    }
    if (Object.keys(missing).length) {
      setFieldErrors(missing);
      setFormError(Object.values(missing)[0]);
      if (advanced.some((o) => missing[o.key])) setAdvancedOpen(true);
      return;
    }
    setStarting(true);
    setFieldErrors({});
    setFormError(null);
    try {
      const input = { ...params, ...(name.trim() ? { name: name.trim() } : {}) } as CallInput<'randwalk.generate'>;
      onStarted(await client.call('randwalk.generate', input));
      setName('');
    } catch (err) {
      const message = messageOf(err);
      setFormError(message);
      const key = fieldOfMessage(message);
      if (key) {
        setFieldErrors({ [key]: message });
        if (advanced.some((o) => o.key === key)) setAdvancedOpen(true);
      }
    } finally {
      setStarting(false);
    }
  };

  const field = (o: (typeof GENERATOR_OPTIONS)[number]) => (
    <OptionField key={o.key} option={o} value={values[o.key]} error={fieldErrors[o.key] ?? null} onChange={(v) => setValue(o.key, v)} />
  );

  const corpusId = job?.status === 'done' && typeof job.result?.corpusId === 'number' ? job.result.corpusId : null;

  return (
    <section className="card rw-generate" aria-labelledby="rw-generate-title">
      <h2 id="rw-generate-title">Generate a corpus</h2>
      <form className="new-run-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="options" aria-label="Generator parameters" disabled={running}>
          <div className="option-grid">{basic.map(field)}</div>
          <details className="advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
            <summary>
              Advanced <span className="count">{advanced.length}</span>
            </summary>
            <div className="option-grid">{advanced.map(field)}</div>
          </details>
        </fieldset>
        <div className="new-run-foot">
          <label className="field rw-name">
            <span>
              Corpus name <span className="muted">(optional)</span>
            </span>
            <input type="text" value={name} maxLength={200} placeholder="RAND-WALK n=… d=… T=…" onChange={(e) => setName(e.target.value)} disabled={running} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={starting || running}>
            {starting ? 'Starting…' : running ? 'Generating…' : 'Generate'}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => (setValues(DEFAULTS), setFieldErrors({}), setFormError(null))} disabled={running}>
            Reset to defaults
          </button>
          {formError ? (
            <p className="form-error" role="alert" data-testid="rw-form-error">
              {formError}
            </p>
          ) : (
            <p className="muted small">The corpus is stored with its true vectors, then checked against the theory. Nothing is stored if you cancel.</p>
          )}
        </div>
      </form>

      {job && (
        <div className="rw-job" data-testid="rw-job" data-status={job.status}>
          <div className="rw-job-title">
            <span title={job.title}>{job.title}</span>
            {!running && (
              <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss} aria-label="Dismiss">
                Dismiss
              </button>
            )}
          </div>
          {running && <JobProgress job={job} label="Generation" onError={setFormError} />}
          {corpusId != null && (
            <p className="rw-job-outcome">
              Stored as corpus #{corpusId} in {fmtSeconds(job.progress.elapsed)}.{' '}
              <button type="button" className="btn btn-small" onClick={() => onOpenCorpus(corpusId)}>
                Show its theory checks
              </button>
            </p>
          )}
          {job.status === 'failed' && (
            <p className="text-danger" role="alert">
              {job.error ?? 'The generation stopped without saying why.'} Nothing was stored.
            </p>
          )}
          {job.status === 'cancelled' && <p className="rw-job-outcome muted">Cancelled — nothing was stored.</p>}
        </div>
      )}
    </section>
  );
}
