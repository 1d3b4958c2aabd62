/**
 * The generator's parameters (fields built from options.ts with OptionField,
 * like the new-run form), Generate, and the generation job's progress with
 * Cancel. The engine checks the values; its message is shown at the field it names.
 */
import { useState, type FormEvent } from 'react';
import type { CallInput, JobState } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import { randWalkOptions } from '../../../../shared/randwalkOptions.js';
import { useLab } from '../../lab.js';
import { fmtSeconds } from '../../format.js';
import type { FieldValue } from '../../components/OptionField.js';
import { OptionFields, defaultValues, shownOptions, type OptionFormValues } from '../../components/OptionFields.js';
import { useOptionForm } from '../../components/useOptionForm.js';
import { JobProgress } from '../vectors/JobProgress.js';

const DEFAULTS: OptionFormValues = defaultValues(randWalkOptions);

interface Props {
  job: JobState | null;
  onStarted: (job: JobState) => void;
  onDismiss: () => void;
  onOpenCorpus: (corpusId: number) => void;
}

export function GenerateForm({ job, onStarted, onDismiss, onOpenCorpus }: Props) {
  const { client } = useLab();
  const [values, setValues] = useState<OptionFormValues>(DEFAULTS);
  const [name, setName] = useState('');
  const form = useOptionForm();
  const shown = shownOptions(randWalkOptions, values);
  const running = job?.status === 'running';

  const setValue = (key: string, v: FieldValue): void => {
    setValues((s) => ({ ...s, [key]: v }));
    form.touched(key);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (running) return;
    await form.submit(shown, values, async (params) => {
      const input: CallInput<'randwalk.generate'> = { ...params, ...(name.trim() ? { name: name.trim() } : {}) };
      onStarted(await client.call('randwalk.generate', input));
      setName('');
    }, 'RAND-WALK');
  };

  return (
    <section className="card rw-generate" aria-labelledby="rw-generate-title">
      <h2 id="rw-generate-title">Generate a corpus</h2>
      <form className="new-run-form" onSubmit={(e) => void submit(e)} noValidate>
        <OptionFields
          label="Generator parameters" options={shown} values={values} errors={form.fieldErrors} onChange={setValue}
          advancedOpen={form.advancedOpen} onAdvancedToggle={form.setAdvancedOpen} disabled={running}
        />
        <div className="new-run-foot">
          <label className="field rw-name">
            <span>
              Corpus name <span className="muted">(optional)</span>
            </span>
            <input type="text" value={name} maxLength={200} placeholder="RAND-WALK n=… d=… T=…" onChange={(e) => setName(e.target.value)} disabled={running} />
          </label>
          <button type="submit" className="btn btn-primary" disabled={form.busy || running}>
            {form.busy ? 'Starting…' : running ? 'Generating…' : 'Generate'}
          </button>
          <button type="button" className="btn btn-quiet" onClick={() => (setValues(DEFAULTS), form.clearErrors())} disabled={running}>
            Reset to defaults
          </button>
          {form.formError ? (
            <p className="form-error" role="alert" data-testid="rw-form-error">
              {form.formError}
            </p>
          ) : (
            <p className="muted small">The corpus is stored with its true vectors, then checked against the theory. Nothing is stored if you cancel.</p>
          )}
        </div>
      </form>

      {job && <GenerationJob job={job} onDismiss={onDismiss} onOpenCorpus={onOpenCorpus} onError={form.setFormError} />}
    </section>
  );
}

/** The generation job: its progress with Cancel, then the stored corpus (with a way to its checks), the failure or the cancellation. */
function GenerationJob({ job, onDismiss, onOpenCorpus, onError }: Omit<Props, 'job' | 'onStarted'> & { job: JobState; onError: (message: string) => void }) {
  const running = job.status === 'running';
  const corpusId = resultOf(job, 'randwalk')?.corpusId ?? null;
  return (
    <div className="rw-job" data-testid="rw-job" data-status={job.status}>
      <div className="rw-job-title">
        <span title={job.title}>{job.title}</span>
        {!running && (
          <button type="button" className="btn btn-quiet btn-small" onClick={onDismiss} aria-label="Dismiss">
            Dismiss
          </button>
        )}
      </div>
      {running && <JobProgress job={job} label="Generation" onError={onError} />}
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
  );
}
