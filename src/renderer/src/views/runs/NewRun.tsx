/**
 * The new-run panel: a corpus, a method, and a form generated from the method's
 * option specs (advanced options folded away). The engine checks the values;
 * its message for a bad one is shown beside the form and at the field it names.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CorpusSummary, JobState, MethodInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { href } from '../../route.js';
import { fmtInt } from '../../format.js';
import type { FieldValue } from '../../components/OptionField.js';
import { OptionFields, defaultValues, type OptionFormValues } from '../../components/OptionFields.js';
import { useOptionForm } from '../../components/useOptionForm.js';
import { useBackends } from '../dynamics/useDynamics.js';

interface Props {
  corpora: CorpusSummary[] | null;
  methods: MethodInfo[] | null;
  methodsError: string | null;
  onStarted: (job: JobState) => void;
}

export function NewRun({ corpora, methods, methodsError, onStarted }: Props) {
  const { client } = useLab();
  const [corpusId, setCorpusId] = useState<number | null>(null);
  const [methodId, setMethodId] = useState<string | null>(null);
  /** Edits per method, so switching methods and back keeps them. */
  const [edits, setEdits] = useState<Record<string, OptionFormValues>>({});
  const [name, setName] = useState('');
  const form = useOptionForm();

  // Default to the newest corpus, and follow removals.
  useEffect(() => {
    if (!corpora) return;
    if (corpusId == null || !corpora.some((c) => c.id === corpusId)) setCorpusId(corpora.length ? corpora[corpora.length - 1].id : null);
  }, [corpora, corpusId]);

  // Methods for GPUs are offered where one answers; the CLI takes them anywhere.
  const { backends } = useBackends();
  const gpu = backends?.find((b) => b.available && b.gpu) ?? null;
  const offered = useMemo(() => methods?.filter((m) => !m.offeredWithGpu || gpu) ?? null, [methods, gpu]);
  const held = methods?.filter((m) => m.offeredWithGpu && !gpu) ?? [];
  const method = useMemo(() => offered?.find((m) => m.id === methodId) ?? offered?.[0] ?? null, [offered, methodId]);
  const values = method ? { ...defaultValues(method.options), ...edits[method.id] } : {};
  const corpus = corpora?.find((c) => c.id === corpusId) ?? null;

  const setValue = (key: string, v: FieldValue): void => {
    if (!method) return;
    setEdits((e) => ({ ...e, [method.id]: { ...e[method.id], [key]: v } }));
    form.touched(key);
  };

  const chooseMethod = (id: string): void => {
    setMethodId(id);
    form.clearErrors();
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!method || corpusId == null) return;
    await form.submit([...method.options], values, async (params) => {
      const job = await client.call('run.start', { corpusId, method: method.id, params, ...(name.trim() ? { name: name.trim() } : {}) });
      setName('');
      onStarted(job);
    });
  };

  return (
    <section className="card new-run" aria-labelledby="new-run-title">
      <h2 id="new-run-title">New run</h2>
      {methodsError && <p className="text-danger" role="alert">Could not load the methods: {methodsError}</p>}
      {corpora && corpora.length === 0 ? (
        <div className="empty">
          <p>There is no corpus to train on yet.</p>
          <p className="muted">
            Add a folder of text in <a href={href('corpora')}>Corpora</a> first; it will be listed here.
          </p>
        </div>
      ) : !corpora || !methods ? (
        !methodsError && <p className="muted loading">Loading corpora and methods…</p>
      ) : (
        <form className="new-run-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="new-run-top">
            <label className="field grow">
              <span>Corpus</span>
              <select value={corpusId ?? ''} onChange={(e) => setCorpusId(Number(e.target.value))}>
                {corpora.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} — {fmtInt(c.tokens)} tokens, {fmtInt(c.typesAtMinCount)} types with count ≥ {c.minCount}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>Run name (optional)</span>
              <input type="text" value={name} maxLength={200} placeholder={method && corpus ? `${method.label} d=${values.dim ?? '?'} on ${corpus.name}` : ''} onChange={(e) => setName(e.target.value)} />
            </label>
          </div>

          <fieldset className="methods" aria-describedby="method-summary">
            <legend>Method</legend>
            <div className="method-choices">
              {offered!.map((m) => (
                <label key={m.id} className={`method-choice ${m.id === method?.id ? 'method-chosen' : ''}`}>
                  <input type="radio" name="method" value={m.id} checked={m.id === method?.id} onChange={() => chooseMethod(m.id)} />
                  {m.label}
                </label>
              ))}
            </div>
            {method && (
              <p id="method-summary" className="muted small method-summary">
                {method.summary}
              </p>
            )}
            {held.length > 0 && backends && (
              <p className="muted small" data-testid="gpu-methods-held">
                {held.map((m) => m.label).join(', ')}: offered where a GPU answers, and none does here. The command line runs {held.length > 1 ? 'them' : 'it'} on the CPU anyway
                (<code>train --method {held[0].id}</code>).
              </p>
            )}
          </fieldset>

          {method && (
            <OptionFields
              label={`${method.label} options`} options={[...method.options]} values={values} errors={form.fieldErrors}
              onChange={setValue} advancedOpen={form.advancedOpen} onAdvancedToggle={form.setAdvancedOpen}
            />
          )}

          <div className="new-run-foot">
            <button type="submit" className="btn btn-primary" disabled={form.busy || corpusId == null || !method}>
              {form.busy ? 'Starting…' : 'Start run'}
            </button>
            {form.formError ? (
              <p className="form-error" role="alert" data-testid="run-form-error">
                {form.formError}
              </p>
            ) : (
              corpus && method && (
                <p className="muted small">
                  {method.label} on {corpus.name}: {fmtInt(corpus.tokens)} tokens. Progress shows below; you can cancel at any time.
                </p>
              )
            )}
          </div>
        </form>
      )}
    </section>
  );
}
