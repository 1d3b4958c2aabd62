/**
 * The analogy workbench: a : b :: c : ? asked of several finished runs at
 * once, their top-k answers side by side by 3CosAdd and 3CosMul, with the
 * expected word marked; and a pasted or loaded question list to step through.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AnalogyAnswer } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { useMethods, useRunList } from '../runs/useRuns.js';
import { AnswerGrid, type Asked } from './AnswerGrid.js';
import { QuestionStepper } from './QuestionStepper.js';
import { RunChooser } from './RunChooser.js';
import type { Question } from './questions.js';
import '../evaluation/evaluation.css';
import './analogy.css';

const MAX_RUNS = 8;
const KEY = 'embedlab.analogyRuns';

function storedSelection(): number[] | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;
    return Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null;
  } catch {
    return null;
  }
}

export function AnalogyView() {
  const { client } = useLab();
  const [error, setError] = useState<string | null>(null);
  const { list } = useRunList(setError);
  const { methods } = useMethods();
  const labels = useMemo(() => new Map((methods ?? []).map((m) => [m.id, m.label])), [methods]);
  const methodLabel = useCallback((id: string) => labels.get(id) ?? id, [labels]);

  // Finished runs, newest first.
  const runs = useMemo(() => (list ? list.filter((r) => r.status === 'done').reverse() : null), [list]);
  const byId = useMemo(() => new Map((runs ?? []).map((r) => [r.id, r])), [runs]);
  const [picked, setPicked] = useState<number[] | null>(storedSelection);
  // Until the user chooses, the two newest runs; removed runs drop out.
  const selected = useMemo(() => {
    if (!runs) return [];
    const mine = (picked ?? []).filter((id) => byId.has(id));
    return picked && (mine.length > 0 || picked.length === 0) ? mine : runs.slice(0, 2).map((r) => r.id);
  }, [runs, byId, picked]);
  const choose = (ids: number[]): void => {
    setPicked(ids);
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      /* not kept */
    }
  };

  const [form, setForm] = useState({ a: 'man', b: 'king', c: 'woman', d: 'queen', k: '10' });
  const [result, setResult] = useState<{ asked: Asked; answers: AnalogyAnswer[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [queryError, setQueryError] = useState<string | null>(null);
  const seq = useRef(0);

  const k = Number(form.k);
  const kBad = !Number.isInteger(k) || k < 1 || k > 100;
  const empty = !form.a.trim() || !form.b.trim() || !form.c.trim();

  const ask = async (q: { a: string; b: string; c: string; d: string }): Promise<void> => {
    if (selected.length === 0 || kBad) return;
    const asked: Asked = { a: q.a.trim(), b: q.b.trim(), c: q.c.trim(), d: q.d.trim(), k };
    if (!asked.a || !asked.b || !asked.c) return;
    const mine = ++seq.current;
    setBusy(true);
    setQueryError(null);
    try {
      const answers = await client.call('vectors.analogy', { runIds: selected, a: asked.a, b: asked.b, c: asked.c, k });
      if (mine === seq.current) setResult({ asked, answers });
    } catch (e) {
      if (mine === seq.current) setQueryError(messageOf(e));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void ask(form);
  };

  const pick = (q: Question): void => {
    setForm((f) => ({ ...f, a: q.a, b: q.b, c: q.c, d: q.d }));
    void ask(q);
  };

  // A run that disappears takes its answers with it.
  useEffect(() => {
    setResult((r) => (r && r.answers.some((a) => !byId.has(a.runId)) ? { ...r, answers: r.answers.filter((a) => byId.has(a.runId)) } : r));
  }, [byId]);

  const field = (key: 'a' | 'b' | 'c' | 'd', label: string, placeholder?: string) => (
    <label className="field analogy-word">
      <span>{label}</span>
      <input type="text" value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} spellCheck={false} autoCapitalize="off" />
    </label>
  );

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

      {runs && runs.length > 0 && (
        <section className="card" aria-labelledby="analogy-query-title">
          <h3 id="analogy-query-title">Question</h3>
          <form className="analogy-form" onSubmit={submit} data-testid="analogy-form">
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
            <button type="submit" className="btn btn-primary" disabled={busy || empty || kBad || selected.length === 0}>
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
      )}

      {queryError && <ErrorBanner message={`Could not solve the analogy: ${queryError}`} onDismiss={() => setQueryError(null)} />}
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
        runs &&
        runs.length > 0 && (
          <p className="muted answers-empty" data-testid="answers-empty">
            {busy ? 'Solving…' : 'Press Solve to see each run’s answers side by side.'}
          </p>
        )
      )}

      {runs && runs.length > 0 && <QuestionStepper runIds={selected} runs={byId} onPick={pick} />}
    </section>
  );
}
