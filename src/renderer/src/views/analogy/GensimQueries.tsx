/**
 * gensim's queries in the workbench: most_similar and most_similar_cosmul with several positive and
 * negative words, doesnt_match, similarity and n_similarity, asked of every selected run, each run's
 * answer side by side, with the gensim call that asks the same.
 */
import type { RunSummary } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { gensimCall, useGensimQuery, wordList, type GensimForm, type GensimKind, type RunAnswer } from './useGensimQuery.js';

const KINDS: { id: GensimKind; label: string; first: string; second?: string; hint: string }[] = [
  { id: 'most_similar', label: 'most_similar (3CosAdd)', first: 'Positive words', second: 'Negative words', hint: 'king, woman − man' },
  { id: 'most_similar_cosmul', label: 'most_similar_cosmul (3CosMul)', first: 'Positive words', second: 'Negative words', hint: 'king, woman − man' },
  { id: 'doesnt_match', label: 'doesnt_match', first: 'Words', hint: 'breakfast cereal dinner lunch' },
  { id: 'similarity', label: 'similarity', first: 'Two words', hint: 'woman man' },
  { id: 'n_similarity', label: 'n_similarity', first: 'First list', second: 'Second list', hint: 'sushi shop / japanese restaurant' },
];

export function GensimQueries({ selected, runs }: { selected: number[]; runs: Map<number, RunSummary> }) {
  const q = useGensimQuery(selected);
  const kind = KINDS.find((k) => k.id === q.form.kind)!;
  const set = (patch: Partial<GensimForm>): void => q.setForm({ ...q.form, ...patch });
  const ready = wordList(q.form.first).length + wordList(q.form.second).length > 0 && selected.length > 0;
  return (
    <section className="card gensim-card" aria-labelledby="gensim-title" data-testid="gensim-queries">
      <h3 id="gensim-title">gensim's queries</h3>
      <form className="gensim-form" onSubmit={(e) => void q.submit(e)}>
        <label className="field gensim-kind">
          <span>Query</span>
          <select value={q.form.kind} onChange={(e) => set({ kind: e.target.value as GensimKind })}>
            {KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
          </select>
        </label>
        <label className="field gensim-words">
          <span>{kind.first}</span>
          <input type="text" value={q.form.first} onChange={(e) => set({ first: e.target.value })} placeholder={kind.hint.split(/ [−/] /)[0]} spellCheck={false} autoCapitalize="off" />
        </label>
        {kind.second && (
          <label className="field gensim-words">
            <span>{kind.second}</span>
            <input type="text" value={q.form.second} onChange={(e) => set({ second: e.target.value })} placeholder={kind.hint.split(/ [−/] /)[1] ?? ''} spellCheck={false} autoCapitalize="off" />
          </label>
        )}
        {kind.id.startsWith('most_similar') && (
          <label className="field analogy-k">
            <span>Top n</span>
            <input type="number" min={1} max={1000} value={q.form.topn} onChange={(e) => set({ topn: e.target.value })} />
          </label>
        )}
        <button type="submit" className="btn btn-primary" disabled={!ready || q.busy}>{q.busy ? 'Asking…' : 'Ask'}</button>
      </form>
      <p className="muted small">
        Words separated by commas or spaces. Answers as gensim gives them: <code data-testid="gensim-call">{gensimCall(q.form)}</code>
      </p>
      {q.answers && (
        <div className="gensim-answers" data-testid="gensim-answers">
          {q.answers.map((a) => <RunAnswerCard key={a.runId} a={a} run={runs.get(a.runId)} />)}
        </div>
      )}
    </section>
  );
}

const fmt = (v: number): string => v.toFixed(4).replace('-', '−');

function RunAnswerCard({ a, run }: { a: RunAnswer; run: RunSummary | undefined }) {
  return (
    <section className="gensim-answer" data-testid="gensim-answer" data-run={a.runId} aria-label={`Answer of ${run?.name ?? `run #${a.runId}`}`}>
      <a href={href('runs', a.runId)} className="answer-run">{run?.name ?? `Run #${a.runId}`}</a>
      {a.error ? <p className="answer-missing" role="alert">{a.error}</p> : a.answer && <AnswerBody answer={a.answer} />}
    </section>
  );
}

function AnswerBody({ answer }: { answer: NonNullable<RunAnswer['answer']> }) {
  switch (answer.query) {
    case 'most_similar':
      return (
        <table className="answer-table"><tbody>
          {answer.answers.map((x, i) => (
            <tr key={x.word}><td className="rank-col muted">{i + 1}</td><td className="answer-word">{x.word}</td><td className="num answer-score">{fmt(x.score)}</td></tr>
          ))}
        </tbody></table>
      );
    case 'doesnt_match':
      return (
        <div>
          <p>Doesn't match: <strong data-testid="odd-word">{answer.word}</strong></p>
          <p className="muted small">Cosine with the others' mean: {answer.ranking.map((x) => `${x.word} ${fmt(x.score)}`).join(' · ')}</p>
          {answer.ignored.length > 0 && <p className="muted small">Not in the vocabulary, left out: {answer.ignored.join(', ')}</p>}
        </div>
      );
    case 'similarity':
    case 'n_similarity':
      return (
        <p>
          Cosine <strong data-testid="similarity">{fmt(answer.similarity)}</strong>
          {answer.query === 'n_similarity' && answer.ignored.length > 0 && <span className="muted small"> (left out: {answer.ignored.join(', ')})</span>}
        </p>
      );
  }
}
