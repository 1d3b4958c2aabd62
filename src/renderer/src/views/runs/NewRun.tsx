/**
 * The new-run panel: a corpus, a method, and a form generated from the method's
 * option specs (advanced options folded away). The engine checks the values;
 * its message for a bad one is shown beside the form and at the field it names.
 * "New run like this" fills it from a stored run and says so above the fields.
 */
import { useEffect, useRef } from 'react';
import type { CorpusSummary, JobState, MethodInfo } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { fmtInt } from '../../format.js';
import { OptionFields } from '../../components/OptionFields.js';
import { useNewRun, type LikeRun, type NewRunState } from './useNewRun.js';

interface Props {
  corpora: CorpusSummary[] | null;
  methods: MethodInfo[] | null;
  methodsError: string | null;
  onStarted: (job: JobState) => void;
  like?: LikeRun | null;
}

export function NewRun({ corpora, methods, methodsError, onStarted, like = null }: Props) {
  const run = useNewRun(corpora, methods, onStarted, like);
  const { form, method, corpus } = run;
  const heading = useRef<HTMLHeadingElement>(null);
  const from = run.filled.from;
  // Filled from a run further down the page: bring the form into view, with the focus on it.
  useEffect(() => {
    if (!from) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [from]);
  return (
    <section className="card new-run" aria-labelledby="new-run-title">
      <h2 id="new-run-title" ref={heading} tabIndex={-1}>New run</h2>
      {from && <LikeNote from={from} onDismiss={run.filled.clear} />}
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
        <form className="new-run-form" onSubmit={(e) => void run.submit(e)} noValidate>
          <div className="new-run-top">
            <label className="field grow">
              <span>Corpus</span>
              <select value={run.corpusId ?? ''} onChange={(e) => run.setCorpusId(Number(e.target.value))}>
                {corpora.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} — {fmtInt(c.tokens)} tokens, {fmtInt(c.typesAtMinCount)} types with count ≥ {c.minCount}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>Run name (optional)</span>
              <input type="text" value={run.name} maxLength={200} placeholder={method && corpus ? `${method.label} d=${run.values.dim ?? '?'} on ${corpus.name}` : ''} onChange={(e) => run.setName(e.target.value)} />
            </label>
          </div>

          <MethodChoice run={run} />

          {method && (
            <OptionFields
              label={`${method.label} options`} options={[...method.options]} values={run.values} errors={form.fieldErrors}
              onChange={run.setValue} advancedOpen={form.advancedOpen} onAdvancedToggle={form.setAdvancedOpen}
            />
          )}

          <div className="new-run-foot">
            <button type="submit" className="btn btn-primary" disabled={form.busy || run.corpusId == null || !method}>
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

/** Which run the form was filled from, and what of it could not be taken over. */
function LikeNote({ from, onDismiss }: { from: NonNullable<NewRunState['filled']['from']>; onDismiss: () => void }) {
  return (
    <div className="like-note" role="status" data-testid="new-run-like">
      <p>
        Filled in from “{from.run.name}” (run #{from.run.id}): its corpus, method and parameters. Change what you like, then Start run.
      </p>
      {from.notes.map((n) => <p key={n} className="text-warn">{n}</p>)}
      <button type="button" className="btn btn-small btn-quiet" onClick={onDismiss}>Dismiss</button>
    </div>
  );
}

/** The methods offered here, the chosen one's summary, and which GPU methods are held back. */
function MethodChoice({ run }: { run: NewRunState }) {
  const { method, held } = run;
  return (
    <fieldset className="methods" aria-describedby="method-summary">
      <legend>Method</legend>
      <div className="method-choices">
        {run.offered!.map((m) => (
          <label key={m.id} className={`method-choice ${m.id === method?.id ? 'method-chosen' : ''}`}>
            <input type="radio" name="method" value={m.id} checked={m.id === method?.id} onChange={() => run.chooseMethod(m.id)} />
            {m.label}
          </label>
        ))}
      </div>
      {method && (
        <p id="method-summary" className="muted small method-summary">
          {method.summary}
        </p>
      )}
      {held.length > 0 && run.backendsKnown && (
        <p className="muted small" data-testid="gpu-methods-held">
          {held.map((m) => m.label).join(', ')}: offered where a GPU answers, and none does here. The command line runs {held.length > 1 ? 'them' : 'it'} on the CPU anyway
          (<code>train --method {held[0].id}</code>).
        </p>
      )}
    </fieldset>
  );
}
