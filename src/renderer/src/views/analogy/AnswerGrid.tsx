/** Each run's top-k answers to one question, side by side: 3CosAdd and 3CosMul, the expected word marked. */
import type { AnalogyAnswer, NeighborItem, RunSummary } from '../../../../shared/contract.js';
import { href } from '../../route.js';
import { sameWord } from './questions.js';

export interface Asked {
  a: string;
  b: string;
  c: string;
  /** The expected answer, if the user gave one. */
  d: string;
  k: number;
}

type Scored = NeighborItem & { score: number };

/** 1-based rank of the expected word among the answers, or null. */
export function rankOf(list: Scored[] | null, d: string): number | null {
  if (!list || !d) return null;
  const i = list.findIndex((x) => sameWord(x.word, d));
  return i < 0 ? null : i + 1;
}

function Verdict({ list, d, k }: { list: Scored[] | null; d: string; k: number }) {
  if (!d || !list) return null;
  const rank = rankOf(list, d);
  if (rank === 1) return <span className="verdict verdict-right">✓ right</span>;
  return <span className="verdict verdict-wrong">✗ {rank ? `“${d}” is #${rank}` : `“${d}” not in top ${k}`}</span>;
}

const score = (v: number): string => v.toFixed(3).replace('-', '−');

export function AnswerGrid({ asked, answers, runs, methodLabel }: { asked: Asked; answers: AnalogyAnswer[]; runs: Map<number, RunSummary>; methodLabel: (id: string) => string }) {
  return (
    <div className="answer-grid" data-testid="answers">
      {answers.map((ans) => {
        const run = runs.get(ans.runId);
        const rows = Math.max(ans.add?.length ?? 0, ans.mul?.length ?? 0);
        return (
          <section key={ans.runId} className="card answer-card" data-testid="answer" data-run={ans.runId} aria-label={`Answers from ${run?.name ?? `run #${ans.runId}`}`}>
            <header className="answer-head">
              <a href={href('runs', ans.runId)} className="answer-run">
                {run?.name ?? `Run #${ans.runId}`}
              </a>
              {run && (
                <span className="muted small">
                  {methodLabel(run.method)}
                  {run.dim != null && <> · d={run.dim}</>}
                </span>
              )}
            </header>
            {ans.missing.length > 0 ? (
              <p className="answer-missing" data-testid="missing">
                Not in this run's vocabulary: {ans.missing.map((w, i) => (
                  <span key={w}>
                    {i > 0 && ', '}
                    <strong>{w}</strong>
                  </span>
                ))}
                .
              </p>
            ) : (
              <>
                {ans.outOfVocabulary && ans.outOfVocabulary.length > 0 && (
                  <p className="answer-oov muted small" data-testid="oov-note" title="This run comes from a fastText model: a word it never saw gets the mean of its character n-gram vectors">
                    Outside the vocabulary, vector from character n-grams: {ans.outOfVocabulary.map((w, i) => (
                      <span key={w}>
                        {i > 0 && ', '}
                        <strong>{w}</strong>
                      </span>
                    ))}
                  </p>
                )}
                <table className="table answer-table">
                  <colgroup>
                    <col className="rank-col" />
                    <col />
                    <col className="score-col" />
                    <col />
                    <col className="score-col" />
                  </colgroup>
                  <thead>
                    <tr>
                      <th scope="col" className="num rank-col">
                        #
                      </th>
                      <th scope="col" colSpan={2}>
                        3CosAdd <Verdict list={ans.add} d={asked.d} k={asked.k} />
                      </th>
                      <th scope="col" colSpan={2}>
                        3CosMul <Verdict list={ans.mul} d={asked.d} k={asked.k} />
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {Array.from({ length: rows }, (_, i) => (
                      <tr key={i}>
                        <td className="num muted rank-col">{i + 1}</td>
                        <Cell item={ans.add?.[i]} d={asked.d} method="add" />
                        <Cell item={ans.mul?.[i]} d={asked.d} method="mul" />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}

function Cell({ item, d, method }: { item: Scored | undefined; d: string; method: 'add' | 'mul' }) {
  if (!item) {
    return (
      <>
        <td />
        <td />
      </>
    );
  }
  const hit = d !== '' && sameWord(item.word, d);
  return (
    <>
      <td className={`answer-word ${hit ? 'answer-hit' : ''}`} data-method={method} title={`cosine to b − a + c: ${score(item.cosine)}`}>
        {item.word}
      </td>
      <td className={`num answer-score ${hit ? 'answer-hit' : ''}`}>{score(item.score)}</td>
    </>
  );
}
