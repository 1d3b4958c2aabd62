/**
 * The new-experiment form: corpora and methods (one or more of each), the values of each
 * parameter of the chosen methods, the evaluation after every run, and, as the user types, the
 * dry run: how many runs, what they share, how long. Start stores the experiment, runs its
 * grid as a job and opens its page.
 */
import { useState } from 'react';
import { fmtInt } from '../../format.js';
import { href } from '../../route.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { setLabel } from '../evaluation/evalText.js';
import { GridFields } from './GridFields.js';
import { allFields, ANALOGY_SET_IDS, SIMILARITY_SET_IDS } from './gridForm.js';
import { PlanSummary } from './PlanSummary.js';
import { useNewExperiment, type NewExperimentState } from './useNewExperiment.js';

export function NewExperiment() {
  const [error, setError] = useState<string | null>(null);
  const x = useNewExperiment(setError);
  // An engine verdict that names a parameter field sits beside it; any other on the form's line.
  const problems = { ...x.checked.problems };
  const field = x.verdict?.field ?? null;
  const atField = field !== null && allFields(x.layout).some((f) => f.name === field);
  if (atField && !problems[field]) problems[field] = x.verdict!.message;
  const lineVerdict = x.verdict && !atField && !field?.startsWith('eval') ? x.verdict.message : null;
  const canStart = !!x.checked.input && !!x.plan && !x.planning && !x.verdict && !x.starting;
  return (
    <section className="card xp-new" aria-labelledby="xp-new-title" data-testid="new-experiment">
      <h2 id="xp-new-title">New experiment</h2>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {x.methodsError && <ErrorBanner message={`Could not load the methods: ${x.methodsError}`} />}
      <form className="xp-form" onSubmit={(e) => { e.preventDefault(); if (canStart) void x.start(); }}>
        <div className="xp-choose">
          <Corpora x={x} />
          <Methods x={x} />
        </div>
        <GridFields layout={x.layout} texts={x.texts} problems={problems} onChange={x.setText} />
        <Evaluation x={x} problems={problems} />
        <label className="field xp-name">
          <span>Name (optional)</span>
          <input type="text" value={x.name} onChange={(e) => x.setName(e.target.value)} maxLength={200} placeholder={x.defaultName} />
        </label>
        <div className="xp-plan-box">
          <h3 className="xp-sub">Plan {x.planning && <span className="muted small">· planning…</span>}</h3>
          {x.checked.missing ? <p className="muted">{x.checked.missing}</p> : x.plan ? <PlanSummary plan={x.plan} methods={x.offered} /> : !x.planning && !lineVerdict && <p className="muted">Correct the fields marked above to see the plan.</p>}
          {lineVerdict && <p className="form-error" role="alert" data-testid="plan-error">{lineVerdict}</p>}
        </div>
        <div className="xp-form-foot">
          <button type="submit" className="btn btn-primary" disabled={!canStart}>
            {x.starting ? 'Starting…' : x.plan ? `Start ${fmtInt(x.plan.count)} ${x.plan.count === 1 ? 'run' : 'runs'}` : 'Start'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Corpora({ x }: { x: NewExperimentState }) {
  return (
    <fieldset className="xp-checks" data-testid="xp-corpora">
      <legend>Corpora</legend>
      {x.corpora == null ? <p className="muted loading">Loading corpora…</p> : x.corpora.length === 0 ? (
        <p className="muted">No corpus yet: add one in <a href={href('corpora')}>Corpora</a>.</p>
      ) : x.corpora.map((c) => (
        <label key={c.id} className="check xp-check">
          <input type="checkbox" checked={x.corpusIds.includes(c.id)} onChange={() => x.toggleCorpus(c.id)} />
          <span className="xp-check-name" title={c.name}>{c.name}</span>
          <span className="muted small">{fmtInt(c.tokens)} tokens</span>
        </label>
      ))}
    </fieldset>
  );
}

function Methods({ x }: { x: NewExperimentState }) {
  return (
    <fieldset className="xp-checks" data-testid="xp-methods">
      <legend>Methods</legend>
      {x.offered == null ? <p className="muted loading">Loading methods…</p> : x.offered.map((m) => (
        <label key={m.id} className="check xp-check" title={m.summary}>
          <input type="checkbox" checked={x.methodIds.includes(m.id)} onChange={() => x.toggleMethod(m.id)} />
          <span className="xp-check-name">{m.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Evaluation({ x, problems }: { x: NewExperimentState; problems: Record<string, string> }) {
  const evalVerdict = x.verdict?.field?.startsWith('eval') ? x.verdict.message : null;
  const sets = (ids: string[]) => ids.map((id) => (
    <label key={id} className="check xp-check">
      <input type="checkbox" checked={x.evalSets.includes(id)} onChange={() => x.toggleEval(id)} />
      {setLabel(id)}
    </label>
  ));
  return (
    <fieldset className="xp-group xp-eval" data-testid="xp-eval">
      <legend>Evaluation after every run</legend>
      <div className="xp-eval-row">
        <div className="xp-eval-sets" role="group" aria-label="Analogy sets"><span className="muted small">Analogies</span>{sets(ANALOGY_SET_IDS)}</div>
        <div className="xp-eval-sets" role="group" aria-label="Similarity sets"><span className="muted small">Word similarity</span>{sets(SIMILARITY_SET_IDS)}</div>
        <div className="xp-eval-sets" role="group" aria-label="Analogy scoring">
          <span className="muted small">Scoring</span>
          {(['add', 'mul'] as const).map((m) => (
            <label key={m} className="check xp-check">
              <input type="checkbox" checked={x.analogyMethods.includes(m)} onChange={() => x.toggleScoring(m)} />
              {m === 'add' ? '3CosAdd' : '3CosMul'}
            </label>
          ))}
          {problems.analogyMethods && <span className="option-error" role="alert">{problems.analogyMethods}</span>}
        </div>
      </div>
      <div className="xp-eval-row">
        <label className="field grow">
          <span>Your own set files (paths on the lab's machine, one per line)</span>
          <textarea rows={2} value={x.evalFiles} onChange={(e) => x.setEvalFiles(e.target.value)} spellCheck={false} placeholder="/path/to/questions.txt" aria-invalid={evalVerdict ? true : undefined} />
          {evalVerdict && <span className="option-error" role="alert">{evalVerdict}</span>}
        </label>
        <label className="field xp-restrict">
          <span>Analogies over the most frequent</span>
          <span className="input-suffix">
            <input type="text" inputMode="numeric" value={x.restrict} onChange={(e) => x.setRestrict(e.target.value)} aria-invalid={problems.restrict ? true : undefined} aria-label="Analogies over the most frequent words" />
            <span className="muted">words</span>
          </span>
          {problems.restrict && <span className="option-error" role="alert">{problems.restrict}</span>}
        </label>
      </div>
    </fieldset>
  );
}
