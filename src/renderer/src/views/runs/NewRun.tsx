/**
 * The new-run panel: a corpus, a method, and a form generated from the method's
 * option specs (advanced options folded away). The engine checks the values;
 * its message for a bad one is shown beside the form and at the field it names.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CorpusSummary, JobState, MethodInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { href } from '../../route.js';
import { messageOf } from '../../api/errors.js';
import { fmtInt } from '../../format.js';
import { OptionField, initialValue, type FieldValue } from './OptionField.js';

interface Props {
  corpora: CorpusSummary[] | null;
  methods: MethodInfo[] | null;
  methodsError: string | null;
  onStarted: (job: JobState) => void;
}

type Values = Record<string, FieldValue>;

const defaultsOf = (m: MethodInfo): Values => Object.fromEntries(m.options.map((o) => [o.key, initialValue(o)]));

export function NewRun({ corpora, methods, methodsError, onStarted }: Props) {
  const { client } = useLab();
  const [corpusId, setCorpusId] = useState<number | null>(null);
  const [methodId, setMethodId] = useState<string | null>(null);
  /** Edits per method, so switching methods and back keeps them. */
  const [edits, setEdits] = useState<Record<string, Values>>({});
  const [name, setName] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [starting, setStarting] = useState(false);

  // Default to the newest corpus, and follow removals.
  useEffect(() => {
    if (!corpora) return;
    if (corpusId == null || !corpora.some((c) => c.id === corpusId)) setCorpusId(corpora.length ? corpora[corpora.length - 1].id : null);
  }, [corpora, corpusId]);

  const method = useMemo(() => methods?.find((m) => m.id === methodId) ?? methods?.[0] ?? null, [methods, methodId]);
  const values = method ? { ...defaultsOf(method), ...edits[method.id] } : {};
  const basic = method?.options.filter((o) => !o.advanced) ?? [];
  const advanced = method?.options.filter((o) => o.advanced) ?? [];
  const corpus = corpora?.find((c) => c.id === corpusId) ?? null;

  const setValue = (key: string, v: FieldValue): void => {
    if (!method) return;
    setEdits((e) => ({ ...e, [method.id]: { ...e[method.id], [key]: v } }));
    setFieldErrors(({ [key]: _gone, ...rest }) => rest);
    setFormError(null);
  };

  const chooseMethod = (id: string): void => {
    setMethodId(id);
    setFieldErrors({});
    setFormError(null);
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!method || corpusId == null || starting) return;
    const params: Record<string, unknown> = {};
    const missing: Record<string, string> = {};
    for (const o of method.options) {
      const v = values[o.key];
      if (o.type === 'int' || o.type === 'number') {
        const text = String(v).trim();
        if (text === '') missing[o.key] = `${o.label} needs a value (the default is ${o.default}).`;
        else params[o.key] = Number.isFinite(Number(text)) ? Number(text) : text;
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
      const job = await client.call('run.start', { corpusId, method: method.id, params, ...(name.trim() ? { name: name.trim() } : {}) });
      setName('');
      onStarted(job);
    } catch (err) {
      const message = messageOf(err);
      setFormError(message);
      const key = /option "([^"]+)"/.exec(message)?.[1];
      if (key && method.options.some((o) => o.key === key)) {
        setFieldErrors({ [key]: message });
        if (advanced.some((o) => o.key === key)) setAdvancedOpen(true);
      }
    } finally {
      setStarting(false);
    }
  };

  const field = (o: MethodInfo['options'][number]) => (
    <OptionField key={o.key} option={o} value={values[o.key]} error={fieldErrors[o.key] ?? null} onChange={(v) => setValue(o.key, v)} />
  );

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
              {methods.map((m) => (
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
          </fieldset>

          {method && (
            <fieldset className="options" aria-label={`${method.label} options`}>
              <div className="option-grid">{basic.map(field)}</div>
              {advanced.length > 0 && (
                <details className="advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
                  <summary>
                    Advanced <span className="count">{advanced.length}</span>
                  </summary>
                  <div className="option-grid">{advanced.map(field)}</div>
                </details>
              )}
            </fieldset>
          )}

          <div className="new-run-foot">
            <button type="submit" className="btn btn-primary" disabled={starting || corpusId == null || !method}>
              {starting ? 'Starting…' : 'Start run'}
            </button>
            {formError ? (
              <p className="form-error" role="alert" data-testid="run-form-error">
                {formError}
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
