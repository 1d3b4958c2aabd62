/**
 * The analogy workbench: a : b :: c : ? asked of several finished runs at
 * once, their top-k answers side by side by 3CosAdd and 3CosMul, with the
 * expected word marked; and a pasted or loaded question list to step through.
 */
import { useCallback, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { useMethods, useRunList } from '../runs/useRuns.js';
import { AnswerGrid } from './AnswerGrid.js';
import { QuestionStepper } from './QuestionStepper.js';
import { GensimQueries } from './GensimQueries.js';
import { ExplainPair } from '../explain/ExplainPair.js';
import { RunChooser } from './RunChooser.js';
import { useAnalogyQuery, useRunSelection, type AnalogyQuery } from './useAnalogy.js';
import '../evaluation/evaluation.css';
import './analogy.css';

const MAX_RUNS = 8;

export function AnalogyView() {
  const [error, setError] = useState<string | null>(null);
  const { list } = useRunList(setError);
  const { methods } = useMethods();
  const labels = useMemo(() => new Map((methods ?? []).map((m) => [m.id, m.label])), [methods]);
  const methodLabel = useCallback((id: string) => labels.get(id) ?? id, [labels]);

  // Finished runs, newest first.
  const runs = useMemo(() => (list ? list.filter((r) => r.status === 'done').reverse() : null), [list]);
  const { byId, selected, choose } = useRunSelection(runs);
  const query = useAnalogyQuery(selected, byId);
  const { result, busy } = query;
  const someRuns = runs != null && runs.length > 0;
  // The counts come from the first run trained on a corpus (imported runs have none).
  const explainable = [...selected].sort((a, b) => Number(byId.get(b)?.corpusId != null) - Number(byId.get(a)?.corpusId != null));
  if (explainable.length > 0 && byId.get(explainable[0])?.corpusId == null) explainable.length = 0;

  return (
    <section className="page analogy-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Analogy workbench</h1>
        <p className="muted">
          Ask a : b :: c : ? of several runs at once. 3CosAdd ranks words by cos(x, b) − cos(x, a) + cos(x, c); 3CosMul by cos(x, b)·cos(x, c) / (cos(x, a) + ε),
          with cosines shifted to [0, 1]. The three query words are never answers.
        </p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}

      <section className="card" aria-labelledby="analogy-runs-title">
        <h3 id="analogy-runs-title">
          Runs <span className="count">{selected.length}</span>
          <span className="muted small heading-note">up to {MAX_RUNS} finished runs</span>
        </h3>
        <RunChooser runs={runs} selected={selected} onChange={choose} max={MAX_RUNS} methodLabel={methodLabel} />
      </section>

      {someRuns && <QuestionCard query={query} selected={selected} />}

      {query.queryError && <ErrorBanner message={`Could not solve the analogy: ${query.queryError}`} onDismiss={() => query.setQueryError(null)} />}
      {result ? (
        <section aria-labelledby="answers-title" className={`answers ${busy ? 'answers-stale' : ''}`}>
          <h2 id="answers-title" className="answers-title">
            <strong>{result.asked.a}</strong> : <strong>{result.asked.b}</strong> :: <strong>{result.asked.c}</strong> :{' '}
            {result.asked.d ? <strong className="expected">{result.asked.d}</strong> : '?'}
          </h2>
          {result.answers.length ? (
            <AnswerGrid asked={result.asked} answers={result.answers} runs={byId} methodLabel={methodLabel} />
          ) : (
            <p className="muted">The runs that answered were removed.</p>
          )}
        </section>
      ) : (
        someRuns && (
          <p className="muted answers-empty" data-testid="answers-empty">
            {busy ? 'Solving…' : 'Press Solve to see each run’s answers side by side.'}
          </p>
        )
      )}

      {someRuns && <GensimQueries selected={selected} runs={byId} />}

      {explainable.length > 0 && <ExplainPair runIds={explainable} title="Explain a pair in the selected runs" />}

      {someRuns && <QuestionStepper runIds={selected} runs={byId} onPick={query.pick} />}
    </section>
  );
}

/** The question form: a : b :: c : expected, top k, Solve; and a hint on what is missing. */
function QuestionCard({ query, selected }: { query: AnalogyQuery; selected: number[] }) {
  const { form, setForm, kBad, busy } = query;
  const field = (key: 'a' | 'b' | 'c' | 'd', label: string, placeholder?: string) => (
    <label className="field analogy-word">
      <span>{label}</span>
      <input type="text" value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} spellCheck={false} autoCapitalize="off" />
    </label>
  );
  return (
    <section className="card" aria-labelledby="analogy-query-title">
      <h3 id="analogy-query-title">Question</h3>
      <form className="analogy-form" onSubmit={query.submit} data-testid="analogy-form">
        {field('a', 'a')}
        <span className="analogy-sep" aria-hidden="true">
          :
        </span>
        {field('b', 'b')}
        <span className="analogy-sep" aria-hidden="true">
          ::
        </span>
        {field('c', 'c')}
        <span className="analogy-sep" aria-hidden="true">
          :
        </span>
        {field('d', 'expected (optional)', '?')}
        <label className="field analogy-k">
          <span>Top k</span>
          <input type="number" min={1} max={100} value={form.k} onChange={(e) => setForm({ ...form, k: e.target.value })} aria-invalid={kBad || undefined} />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || query.empty || kBad || selected.length === 0}>
          {busy ? 'Solving…' : 'Solve'}
        </button>
      </form>
      <p className="muted small analogy-hint">
        {selected.length === 0
          ? 'Choose at least one run above.'
          : kBad
            ? 'Top k must be a whole number from 1 to 100.'
            : 'Words are looked up as the corpus was tokenised. Answers come from the whole vocabulary (evaluation restricts the search to the most frequent words).'}
      </p>
    </section>
  );
}
