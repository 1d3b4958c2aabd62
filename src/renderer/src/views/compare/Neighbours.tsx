/** A query word's nearest neighbours in run A and run B side by side, the shared ones marked; and the words whose neighbourhoods changed most. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CompareReport, NeighborItem, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

/** oov: the word is not in the run's vocabulary, and its vector was built from character n-grams (a fastText model). */
type Side = { items: NeighborItem[]; oov?: boolean } | { error: string };

interface Props {
  a: RunSummary;
  b: RunSummary;
  k: number;
  /** A word to show, set from outside (a click in the changed-most list). */
  word: string;
  onWord: (w: string) => void;
}

export function NeighbourQuery({ a, b, k, word, onWord }: Props) {
  const { client } = useLab();
  const id = useId();
  const [text, setText] = useState(word);
  const [result, setResult] = useState<{ word: string; a: Side; b: Side } | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => setText(word), [word]);

  useEffect(() => {
    const w = word.trim();
    if (!w) {
      setResult(null);
      return;
    }
    const mine = ++seq.current;
    setBusy(true);
    const side = (runId: number): Promise<Side> =>
      client.call('vectors.neighbors', { runId, word: w, k }).then(
        (r) => ({ items: r.neighbors, oov: r.outOfVocabulary === true }),
        (e) => ({ error: messageOf(e) }),
      );
    void Promise.all([side(a.id), side(b.id)]).then(([x, y]) => {
      if (mine !== seq.current) return;
      setResult({ word: w, a: x, b: y });
      setBusy(false);
    });
  }, [client, a.id, b.id, k, word]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onWord(text.trim());
  };

  const wordsA = result && 'items' in result.a ? new Set(result.a.items.map((x) => x.word)) : new Set<string>();
  const wordsB = result && 'items' in result.b ? new Set(result.b.items.map((x) => x.word)) : new Set<string>();
  const shared = [...wordsA].filter((w) => wordsB.has(w)).length;

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="neighbour-query">
      <h3 id={`${id}-title`}>Neighbours of a word</h3>
      <form className="query-form" onSubmit={submit}>
        <label className="field grow">
          <span>Word</span>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="a word in both runs" spellCheck={false} autoCapitalize="off" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!text.trim() || busy}>
          {busy ? 'Looking…' : 'Show neighbours'}
        </button>
      </form>
      {!result ? (
        <p className="muted small">Type a word, or pick one in the list of words whose neighbourhoods changed most.</p>
      ) : (
        <>
          <p className="overlap-line" data-testid="query-overlap">
            {'items' in result.a && 'items' in result.b ? (
              <>
                <strong>{shared}</strong> of the top {k} neighbours of <strong>{result.word}</strong> are shared
                <span className="muted"> (overlap {((100 * shared) / k).toFixed(0)}%)</span>. Shared words are highlighted in both lists.
              </>
            ) : (
              <span className="muted">Overlap needs the word in both runs.</span>
            )}
          </p>
          <div className={`neighbour-cols ${busy ? 'answers-stale' : ''}`}>
            <NeighbourList run={a} tag="A" side={result.a} other={wordsB} />
            <NeighbourList run={b} tag="B" side={result.b} other={wordsA} />
          </div>
        </>
      )}
    </section>
  );
}

function NeighbourList({ run, tag, side, other }: { run: RunSummary; tag: 'A' | 'B'; side: Side; other: Set<string> }) {
  return (
    <div className="neighbour-col" data-testid={`neighbours-${tag.toLowerCase()}`}>
      <div className="neighbour-head">
        <span className={`run-tag run-tag-${tag.toLowerCase()}`}>{tag}</span>
        <span className="neighbour-run" title={run.name}>
          {run.name}
        </span>
      </div>
      {'error' in side ? (
        <p className="muted small neighbour-error">{side.error}</p>
      ) : (
        <>
        {side.oov && (
          <p className="muted small" data-testid={`neighbours-${tag.toLowerCase()}-oov`}>
            Not in this run's vocabulary: its vector is built from the word's character n-grams, as fastText does.
          </p>
        )}
        <ol className="neighbour-list">
          {side.items.map((n) => (
            <li key={n.word} className={other.has(n.word) ? 'shared' : undefined} data-shared={other.has(n.word) || undefined}>
              <span className="neighbour-word">{n.word}</span>
              <span className="neighbour-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, Math.min(1, n.cosine)) * 100}%` }} />
              </span>
              <span className="num muted">{n.cosine.toFixed(3)}</span>
            </li>
          ))}
        </ol>
        </>
      )}
    </div>
  );
}

export function ChangedMost({ report, onWord }: { report: CompareReport; onWord: (w: string) => void }) {
  const id = useId();
  const rows = report.changedMost;
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="changed-most">
      <h3 id={`${id}-title`}>
        Neighbourhoods that changed most <span className="count">{rows.length}</span>
      </h3>
      {rows.length === 0 ? (
        <p className="muted">No shared words to compare.</p>
      ) : (
        <>
          <p className="muted small">
            Probe words with the smallest overlap of their top {report.overlapK} neighbours (searched among the shared words). Words in both lists are highlighted;
            pick a word to see its neighbours with cosines.
          </p>
          <div className="table-wrap changed-wrap">
            <table className="table changed-table">
              <thead>
                <tr>
                  <th scope="col">Word</th>
                  <th scope="col" className="num">
                    Overlap
                  </th>
                  <th scope="col">
                    Neighbours in <span className="run-tag run-tag-a">A</span>
                  </th>
                  <th scope="col">
                    Neighbours in <span className="run-tag run-tag-b">B</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const inB = new Set(r.neighborsB);
                  const inA = new Set(r.neighborsA);
                  return (
                    <tr key={r.word} data-word={r.word}>
                      <td>
                        <button type="button" className="link-button word-button" onClick={() => onWord(r.word)} title={`Show the neighbours of ${r.word}`}>
                          {r.word}
                        </button>
                      </td>
                      <td className="num nowrap">{(100 * r.overlap).toFixed(0)}%</td>
                      <td>
                        <WordList words={r.neighborsA} shared={inB} />
                      </td>
                      <td>
                        <WordList words={r.neighborsB} shared={inA} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function WordList({ words, shared }: { words: string[]; shared: Set<string> }) {
  return (
    <span className="word-list">
      {words.map((w, i) => (
        <span key={w}>
          {i > 0 && ' '}
          <span className={shared.has(w) ? 'shared-word' : undefined}>{w}</span>
        </span>
      ))}
    </span>
  );
}
