/**
 * Explain a pair: two words, and the counts the theory starts from (#(w), #(c), #(w,c), |D|, PMI, PPMI,
 * SPPMI_k, M*), windows of the corpus where both occur, and each run's cosine and w·c against
 * Levy & Goldberg's PMI − log k; the run's neighbours of w beside w's highest-PMI contexts.
 * On the run page, in Compare and in the workbench.
 */
import type { PairExplanation } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { useExplain } from './useExplain.js';
import './explain.css';

const n = (v: number | null, d = 3): string => (v === null ? '−∞' : v.toFixed(d).replace('-', '−'));
const count = (v: number): string => (Number.isInteger(v) ? fmtInt(v) : v.toFixed(2));

export function ExplainPair({ runIds, title = 'Explain a pair' }: { runIds: number[]; title?: string }) {
  const x = useExplain(runIds);
  const field = (key: 'w' | 'c', label: string) => (
    <label className="field explain-word">
      <span>{label}</span>
      <input type="text" value={x.words[key]} onChange={(e) => x.setWords({ ...x.words, [key]: e.target.value })} spellCheck={false} autoCapitalize="off" />
    </label>
  );
  return (
    <section className="card explain-card" aria-labelledby="explain-title" data-testid="explain-pair">
      <h3 id="explain-title">{title}</h3>
      <form className="explain-form" onSubmit={(e) => void x.submit(e)}>
        {field('w', 'Word w')}
        {field('c', 'Context c')}
        <button type="submit" className="btn btn-primary" disabled={x.busy || !x.words.w.trim() || !x.words.c.trim() || runIds.length === 0}>
          {x.busy ? 'Counting…' : 'Explain'}
        </button>
      </form>
      {x.error && <p className="text-danger" role="alert">{x.error}</p>}
      {x.answer && <Explanation e={x.answer} />}
    </section>
  );
}

function Explanation({ e }: { e: PairExplanation }) {
  const wc = `#(${e.w}, ${e.c})`;
  return (
    <div className="explain-body" data-testid="explanation">
      <p className="muted small">
        Corpus {e.corpusName}, window {e.window.size} ({e.window.weighting}), min count {e.window.minCount}; context smoothing α = {e.cds}, shift k = {e.shift}.
      </p>
      <dl className="explain-stats">
        <div><dt>#({e.w})</dt><dd data-stat="w">{count(e.counts.w)}</dd></div>
        <div><dt>#({e.c})</dt><dd data-stat="c">{count(e.counts.c)}</dd></div>
        <div><dt>{wc}</dt><dd data-stat="pair">{count(e.counts.pair)}</dd></div>
        <div><dt>|D|</dt><dd data-stat="total">{count(e.counts.total)}</dd></div>
        <div><dt>PMI</dt><dd data-stat="pmi">{n(e.pmi)}</dd></div>
        <div><dt>PPMI</dt><dd data-stat="ppmi">{n(e.ppmi)}</dd></div>
        <div><dt>SPPMI<sub>{e.shift}</sub></dt><dd data-stat="sppmi">{n(e.sppmi)}</dd></div>
        <div><dt>M*</dt><dd data-stat="mstar">{n(e.mstar)}</dd></div>
      </dl>
      <RunsTable e={e} />
      <h4 className="explain-sub">Where both occur <span className="muted small">{fmtInt(e.contexts.total)} windows</span></h4>
      {e.contexts.shown.length === 0 ? (
        <p className="muted">They never occur within {e.window.size} words of each other in one paragraph.</p>
      ) : (
        <ol className="kwic" data-testid="kwic">
          {e.contexts.shown.map((k, i) => (
            <li key={i}>{k.tokens.map((t, j) => <span key={j} className={j === k.w ? 'kwic-w' : j === k.c ? 'kwic-c' : undefined}>{t} </span>)}</li>
          ))}
        </ol>
      )}
      <Neighbours e={e} />
    </div>
  );
}

function RunsTable({ e }: { e: PairExplanation }) {
  return (
    <table className="table explain-runs">
      <thead>
        <tr><th scope="col">Run</th><th scope="col" className="num">cos(w, c)</th><th scope="col" className="num">w·c</th><th scope="col" className="num">PMI − log k</th></tr>
      </thead>
      <tbody>
        {e.runs.map((r) => (
          <tr key={r.runId} data-run={r.runId}>
            <td>{r.name}</td>
            <td className="num">{r.cosine === null ? '—' : n(r.cosine)}</td>
            <td className="num">{r.dot === null ? <span className="muted" title="This run kept no context vectors">—</span> : n(r.dot)}</td>
            <td className="num">{r.predicted === null ? '—' : `${n(r.predicted)} (k = ${r.k})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Neighbours({ e }: { e: PairExplanation }) {
  return (
    <div className="explain-neighbours">
      <div>
        <h4 className="explain-sub">Nearest to {e.w} in {e.runs[0].name}</h4>
        <ol className="explain-list">
          {e.neighbours.byCosine.map((x) => <li key={x.word}>{x.word} <span className="muted small">cos {n(x.cosine)} · PMI {x.pmi === null ? '—' : n(x.pmi, 2)}</span></li>)}
        </ol>
      </div>
      <div>
        <h4 className="explain-sub">Highest PMI with {e.w}</h4>
        <ol className="explain-list" data-testid="by-pmi">
          {e.neighbours.byPmi.map((x) => <li key={x.word}>{x.word} <span className="muted small">PMI {n(x.pmi, 2)} · # {count(x.count)}</span></li>)}
        </ol>
      </div>
    </div>
  );
}
